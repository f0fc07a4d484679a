//! Monitoring: the sources that tell whether vendors' services are available, and their management.

pub mod cause;
pub mod checks;
pub mod components_map;
pub mod edit;
pub mod events;
pub mod figures;
pub mod overview;
pub mod source;

use crate::i18n::Lang;

crate::messages!(
    /// Texts shared by the monitoring pages.
    MM {
        Title => "Monitoring", "Monitoring";
        Sources => "Bronnen", "Sources";
        Source => "Bron", "Source";
        Vendor => "Leverancier", "Vendor";
        Service => "Dienst", "Service";
        Kind => "Soort", "Kind";
        Name => "Naam", "Name";
        Url => "Adres (URL)", "Address (URL)";
        UrlHint => "Het adres dat wordt opgevraagd; bij een statuspagina het basisadres. Niet nodig bij push.", "The address that is fetched; for a status page its base address. Not needed for push.";
        Method => "Methode", "Method";
        ExpectedStatus => "Verwachte HTTP-status", "Expected HTTP status";
        ExpectedStatusHint => "Standaard 200.", "Default 200.";
        Keyword => "Tekst die in het antwoord moet staan", "Text the response must contain";
        JsonPointer => "JSON-pointer die moet bestaan", "JSON pointer that must exist";
        JsonPointerHint => "Bijvoorbeeld /status.", "For example /status.";
        AuthHeader => "Header voor het geheim", "Header for the secret";
        AuthHeaderHint => "Alleen bij JSON-gegevens, bijvoorbeeld Authorization.", "JSON data only, for example Authorization.";
        MetricName => "Naam van het kengetal", "Metric name";
        MetricPointer => "JSON-pointer van het kengetal", "Metric JSON pointer";
        MetricHint => "Alleen bij JSON-gegevens.", "JSON data only.";
        MetricContracted => "Gecontracteerd aantal", "Contracted number";
        MetricContractedHint => "Optioneel: een heel getal vanaf 0, bijvoorbeeld 1500 gekochte licenties. Het kengetal wordt ertegen afgezet.", "Optional: a whole number from 0, for example 1500 licences purchased. The figure is shown against it.";
        Interval => "Interval (seconden)", "Interval (seconds)";
        IntervalHint => "Minstens 10 seconden.", "At least 10 seconds.";
        Timeout => "Time-out (milliseconden)", "Timeout (milliseconds)";
        TimeoutHint => "Standaard 10000.", "Default 10000.";
        Enabled => "Actief", "Active";
        Disabled => "Uitgeschakeld", "Disabled";
        Secret => "Geheim", "Secret";
        SecretHint => "Wordt versleuteld opgeslagen en nooit getoond; daarvoor moet de beheerder een sleutel (secrets.key) hebben ingesteld. Leeg laten: ongewijzigd. Wijst de URL naar een andere server (schema, host of poort), dan wordt het geheim verwijderd: vul het dan opnieuw in.", "Stored encrypted and never shown; this needs the administrator to have configured a key (secrets.key). Leave empty to keep it unchanged. When the URL points to another server (scheme, host or port), the secret is removed: enter it again.";
        SecretLater => "Een geheim (bijvoorbeeld een API-sleutel) stelt u na het opslaan in via Wijzigen.", "A secret (for example an API key) is set after saving, through Edit.";
        RemoveSecret => "Geheim verwijderen", "Remove secret";
        SecretSet => "ingesteld", "set";
        SecretNotSet => "niet ingesteld", "not set";
        PushToken => "Push-token", "Push token";
        NoSources => "Er zijn nog geen bronnen. Voeg een bron toe vanaf de pagina van een leverancier.", "There are no sources yet. Add a source from a vendor's page.";
        AddSource => "Bron toevoegen", "Add source";
        EditSource => "Bron wijzigen", "Edit source";
        NewSource => "Nieuwe bron", "New source";
        KindHttp => "HTTP-controle", "HTTP check";
        KindStatuspage => "Statuspagina", "Status page";
        KindJson => "JSON-gegevens", "JSON data";
        KindPush => "Push", "Push";
    }
);

/// The label of a source kind key.
pub fn kind_label(kind: &str, lang: Lang) -> String {
    match kind {
        "http" => MM::KindHttp.t(lang).into(),
        "statuspage" => MM::KindStatuspage.t(lang).into(),
        "json" => MM::KindJson.t(lang).into(),
        "push" => MM::KindPush.t(lang).into(),
        other => other.to_string(),
    }
}
