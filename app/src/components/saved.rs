//! The confirmation after a successful save ("Leverancier opgeslagen."). A server function that
//! saves redirects to the saved object's page with `?opgeslagen=<what>`; the notice reads that from
//! the URL, so it shows the same with and without JavaScript. Only the known kinds below are shown,
//! never text from the URL itself.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

crate::messages!(M {
    Vendor => "Leverancier opgeslagen.", "Vendor saved.";
    Contract => "Contract opgeslagen.", "Contract saved.";
    Source => "Bron opgeslagen.", "Source saved.";
    SlaTerms => "SLA-afspraken opgeslagen.", "SLA terms saved.";
    Components => "Koppeling van de componenten opgeslagen.", "Component mapping saved.";
    CostLine => "Factuurregel opgeslagen.", "Invoice line saved.";
    CostLineRemoved => "Factuurregel verwijderd.", "Invoice line removed.";
    Import => "Kostenbestand ingelezen.", "Cost file imported.";
    CostCentre => "Kostenplaats opgeslagen.", "Cost centre saved.";
    Budget => "Budget opgeslagen.", "Budget saved.";
    Organisation => "Organisatie opgeslagen.", "Organisation saved.";
    Allocation => "Verdeelsleutel opgeslagen.", "Allocation key saved.";
    PriceChange => "Prijswijziging opgeslagen.", "Price change saved.";
    Licence => "Licentie opgeslagen.", "Licence saved.";
    Usage => "Gebruiksrapport ingelezen.", "Usage report imported.";
    Request => "Uw aanvraag is ingediend.", "Your request has been filed.";
    Step => "De aanvraag is bijgewerkt.", "The request has been updated.";
    Comment => "Opmerking geplaatst.", "Comment posted.";
    Form => "Formulier opgeslagen.", "Form saved.";
    Field => "Concept van het formulier bijgewerkt.", "Form draft updated.";
    Published => "Nieuwe versie gepubliceerd.", "New version published.";
    WorkProfile => "Werkprofiel opgeslagen.", "Work profile saved.";
    Manager => "Leidinggevende opgeslagen.", "Line manager saved.";
});

/// The query parameter that carries what was saved.
pub const SAVED: &str = "opgeslagen";

/// `path` with the confirmation for `what` (one of the keys [`SavedNotice`] knows).
pub fn saved_url(path: &str, what: &str) -> String {
    format!("{path}?{SAVED}={what}")
}

fn message(what: &str) -> Option<M> {
    Some(match what {
        "leverancier" => M::Vendor,
        "contract" => M::Contract,
        "bron" => M::Source,
        "sla" => M::SlaTerms,
        "componenten" => M::Components,
        "factuur" => M::CostLine,
        "factuur-verwijderd" => M::CostLineRemoved,
        "import" => M::Import,
        "kostenplaats" => M::CostCentre,
        "budget" => M::Budget,
        "organisatie" => M::Organisation,
        "verdeelsleutel" => M::Allocation,
        "prijswijziging" => M::PriceChange,
        "licentie" => M::Licence,
        "gebruik" => M::Usage,
        "aanvraag" => M::Request,
        "stap" => M::Step,
        "opmerking" => M::Comment,
        "formulier" => M::Form,
        "veld" => M::Field,
        "gepubliceerd" => M::Published,
        "werkprofiel" => M::WorkProfile,
        "leidinggevende" => M::Manager,
        _ => return None,
    })
}

/// The confirmation, as a status message above the page's content.
#[component]
pub fn SavedNotice() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    move || {
        query.read().get(SAVED).and_then(|w| message(&w)).map(|m| {
            view! {
                <div class="utrecht-alert utrecht-alert--ok rk-saved" role="status">
                    <p class="utrecht-paragraph">{m.t(lang)}</p>
                </div>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_kinds_have_a_message() {
        assert_eq!(saved_url("/leveranciers/3", "leverancier"), "/leveranciers/3?opgeslagen=leverancier");
        assert_eq!(message("leverancier").map(|m| m.t(crate::i18n::Lang::Nl)), Some("Leverancier opgeslagen."));
        assert!(message("<script>").is_none());
    }
}
