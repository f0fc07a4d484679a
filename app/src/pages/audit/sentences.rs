//! Audit entries as sentences an auditor reads without knowing the codes: "Anna de Vries (Regisseur)
//! heeft leverancier Zaakwijs aangemaakt", "Geweigerd: Piet (Medewerker) wilde contract VO-12
//! verwijderen". Every action code the services write has a sentence here, in one table ([`ACTIONS`];
//! a test reads the service crate's source to keep it complete). The page and the CSV export both
//! use [`sentence_parts`], so that they say the same.

use crate::api::audit::AuditLine;
use crate::i18n::{Label, Lang};

crate::messages!(
    /// What an action did ("… heeft {object} …") and what it tried to do ("… wilde {object} …").
    A {
        SignInDone => "heeft zich aangemeld", "signed in";
        SignInTry => "zich aanmelden", "sign in";
        SignOutDone => "heeft zich afgemeld", "signed out";
        SignOutTry => "zich afmelden", "sign out";
        CostsViewDone => "heeft kosten {object} bekeken", "viewed costs {object}";
        CostsViewTry => "kosten {object} bekijken", "view costs {object}";
        CostLineAddDone => "heeft factuurregel {object} ingevoerd", "entered invoice line {object}";
        CostLineAddTry => "factuurregel {object} invoeren", "enter invoice line {object}";
        CostLineDeleteDone => "heeft factuurregel {object} verwijderd", "removed invoice line {object}";
        CostLineDeleteTry => "factuurregel {object} verwijderen", "remove invoice line {object}";
        CostImportUploadDone => "heeft kostenbestand {object} ter controle geladen", "uploaded cost file {object} for review";
        CostImportUploadTry => "kostenbestand {object} laden", "upload cost file {object}";
        CostImportViewDone => "heeft kostenbestand {object} bekeken", "viewed cost file {object}";
        CostImportViewTry => "kostenbestand {object} bekijken", "view cost file {object}";
        CostImportDone => "heeft kostenbestand {object} ingelezen", "imported cost file {object}";
        CostImportTry => "kostenbestand {object} inlezen", "import cost file {object}";
        CostCentreAddDone => "heeft kostenplaats {object} toegevoegd", "added cost centre {object}";
        CostCentreAddTry => "kostenplaats {object} toevoegen", "add cost centre {object}";
        BudgetSetDone => "heeft het budget van {object} vastgelegd", "set the budget of {object}";
        BudgetSetTry => "het budget van {object} vastleggen", "set the budget of {object}";
        OrganisationAddDone => "heeft organisatie {object} toegevoegd", "added organisation {object}";
        OrganisationAddTry => "organisatie {object} toevoegen", "add organisation {object}";
        OrganisationUpdateDone => "heeft organisatie {object} gewijzigd", "changed organisation {object}";
        OrganisationUpdateTry => "organisatie {object} wijzigen", "change organisation {object}";
        AllocationSetDone => "heeft de verdeelsleutel van {object} vastgelegd", "set the allocation key of {object}";
        AllocationSetTry => "de verdeelsleutel van {object} vastleggen", "set the allocation key of {object}";
        AllocationRemoveDone => "heeft de verdeelsleutel van {object} verwijderd", "removed the allocation key of {object}";
        AllocationRemoveTry => "de verdeelsleutel van {object} verwijderen", "remove the allocation key of {object}";
        PriceChangeSetDone => "heeft een prijswijziging van {object} vastgelegd", "recorded a price change of {object}";
        PriceChangeSetTry => "een prijswijziging van {object} vastleggen", "record a price change of {object}";
        PriceChangeRemoveDone => "heeft een prijswijziging van {object} verwijderd", "removed a price change of {object}";
        PriceChangeRemoveTry => "een prijswijziging van {object} verwijderen", "remove a price change of {object}";
        LicenceAddDone => "heeft licentie {object} vastgelegd", "recorded licence {object}";
        LicenceAddTry => "licentie {object} vastleggen", "record licence {object}";
        LicenceUpdateDone => "heeft licentie {object} gewijzigd", "changed licence {object}";
        LicenceUpdateTry => "licentie {object} wijzigen", "change licence {object}";
        LicenceSourceDone => "heeft de gebruiksbron van licentie {object} vastgelegd", "set the usage source of licence {object}";
        LicenceSourceTry => "de gebruiksbron van licentie {object} vastleggen", "set the usage source of licence {object}";
        ReqPortalDone => "heeft de zelfservice geopend", "opened self-service";
        ReqPortalTry => "de zelfservice openen", "open self-service";
        ReqFormDone => "heeft formulier {object} geopend", "opened form {object}";
        ReqFormTry => "formulier {object} openen", "open form {object}";
        ReqFileDone => "heeft aanvraag {object} ingediend", "filed request {object}";
        ReqFileTry => "een aanvraag indienen op {object}", "file a request on {object}";
        ReqViewDone => "heeft aanvraag {object} bekeken", "viewed request {object}";
        ReqViewTry => "aanvraag {object} bekijken", "view request {object}";
        ReqStepDone => "heeft een stap gezet in aanvraag {object}", "took a step on request {object}";
        ReqStepTry => "een stap zetten in aanvraag {object}", "take a step on request {object}";
        ReqLicencesDone => "heeft de licenties van aanvraag {object} verwerkt", "applied the licences of request {object}";
        ReqLicencesTry => "de licenties van aanvraag {object} verwerken", "apply the licences of request {object}";
        ReqCommentDone => "heeft een opmerking geplaatst bij aanvraag {object}", "commented on request {object}";
        ReqCommentTry => "een opmerking plaatsen bij aanvraag {object}", "comment on request {object}";
        ReqListDone => "heeft alle aanvragen bekeken", "viewed all requests";
        ReqListTry => "alle aanvragen bekijken", "view all requests";
        ReqFormsDone => "heeft de aanvraagformulieren bekeken", "viewed the request forms";
        ReqFormsTry => "de aanvraagformulieren bekijken", "view the request forms";
        ReqFormCreateDone => "heeft formulier {object} aangemaakt", "created form {object}";
        ReqFormCreateTry => "een formulier aanmaken", "create a form";
        ReqFormUpdateDone => "heeft de instellingen van formulier {object} gewijzigd", "changed the settings of form {object}";
        ReqFormUpdateTry => "de instellingen van formulier {object} wijzigen", "change the settings of form {object}";
        ReqFormFieldDone => "heeft de velden van formulier {object} gewijzigd", "changed the fields of form {object}";
        ReqFormFieldTry => "de velden van formulier {object} wijzigen", "change the fields of form {object}";
        ReqFormPublishDone => "heeft formulier {object} gepubliceerd", "published form {object}";
        ReqFormPublishTry => "formulier {object} publiceren", "publish form {object}";
        ReqFormWithdrawDone => "heeft formulier {object} ingetrokken of weer aangeboden", "withdrew or re-offered form {object}";
        ReqFormWithdrawTry => "formulier {object} intrekken", "withdraw form {object}";
        ReqProfilesDone => "heeft de werkprofielen bekeken", "viewed the work profiles";
        ReqProfilesTry => "de werkprofielen bekijken", "view the work profiles";
        ReqProfileSaveDone => "heeft werkprofiel {object} opgeslagen", "saved work profile {object}";
        ReqProfileSaveTry => "werkprofiel {object} opslaan", "save work profile {object}";
        ReqProfileDone => "heeft werkprofiel {object} bekeken", "viewed work profile {object}";
        ReqProfileTry => "werkprofiel {object} bekijken", "view work profile {object}";
        ReqAnonymiseDone => "heeft gesloten aanvragen na de bewaartermijn geanonimiseerd", "anonymised closed requests after the retention period";
        ReqAnonymiseTry => "gesloten aanvragen anonimiseren", "anonymise closed requests";
        ReqDefaultsDone => "heeft de meegeleverde {object} aangemaakt", "created the shipped {object}";
        ReqDefaultsTry => "de meegeleverde {object} aanmaken", "create the shipped {object}";
        UserManagerDone => "heeft de leidinggevende van {object} vastgelegd", "set the line manager of {object}";
        UserManagerTry => "de leidinggevende van {object} vastleggen", "set the line manager of {object}";
        LicenceUsageDone => "heeft het gebruik van licentie {object} ingelezen", "imported the use of licence {object}";
        LicenceUsageTry => "het gebruik van licentie {object} inlezen", "import the use of licence {object}";
        VendorCreateDone => "heeft leverancier {object} aangemaakt", "created vendor {object}";
        VendorCreateTry => "leverancier {object} aanmaken", "create vendor {object}";
        VendorUpdateDone => "heeft leverancier {object} gewijzigd", "changed vendor {object}";
        VendorUpdateTry => "leverancier {object} wijzigen", "change vendor {object}";
        VendorDeleteDone => "heeft leverancier {object} verwijderd", "deleted vendor {object}";
        VendorDeleteTry => "leverancier {object} verwijderen", "delete vendor {object}";
        VendorViewDone => "heeft leverancier {object} bekeken", "viewed vendor {object}";
        VendorViewTry => "leverancier {object} bekijken", "view vendor {object}";
        VendorListDone => "heeft de lijst van leveranciers bekeken", "viewed the list of vendors";
        VendorListTry => "de lijst van leveranciers bekijken", "view the list of vendors";
        VendorMonitoringDone => "heeft de monitoring van leverancier {object} bekeken", "viewed the monitoring of vendor {object}";
        VendorMonitoringTry => "de monitoring van leverancier {object} bekijken", "view the monitoring of vendor {object}";
        ServiceCreateDone => "heeft dienst {object} toegevoegd", "added service {object}";
        ServiceCreateTry => "dienst {object} toevoegen", "add service {object}";
        ServiceDeleteDone => "heeft dienst {object} verwijderd", "deleted service {object}";
        ServiceDeleteTry => "dienst {object} verwijderen", "delete service {object}";
        ContactCreateDone => "heeft contactpersoon {object} toegevoegd", "added contact person {object}";
        ContactCreateTry => "contactpersoon {object} toevoegen", "add contact person {object}";
        ContactDeleteDone => "heeft contactpersoon {object} verwijderd", "deleted contact person {object}";
        ContactDeleteTry => "contactpersoon {object} verwijderen", "delete contact person {object}";
        ContractCreateDone => "heeft contract {object} aangemaakt", "created contract {object}";
        ContractCreateTry => "contract {object} aanmaken", "create contract {object}";
        ContractUpdateDone => "heeft contract {object} gewijzigd", "changed contract {object}";
        ContractUpdateTry => "contract {object} wijzigen", "change contract {object}";
        ContractDeleteDone => "heeft contract {object} verwijderd", "deleted contract {object}";
        ContractDeleteTry => "contract {object} verwijderen", "delete contract {object}";
        ContractDecideDone => "heeft een besluit over contract {object} vastgelegd", "recorded a decision on contract {object}";
        ContractDecideTry => "een besluit over contract {object} vastleggen", "record a decision on contract {object}";
        ContractViewDone => "heeft contract {object} bekeken", "viewed contract {object}";
        ContractViewTry => "contract {object} bekijken", "view contract {object}";
        ContractListDone => "heeft de lijst van contracten bekeken", "viewed the list of contracts";
        ContractListTry => "de lijst van contracten bekijken", "view the list of contracts";
        SlaTermsViewDone => "heeft de SLA-afspraken van contract {object} bekeken", "viewed the SLA terms of contract {object}";
        SlaTermsViewTry => "de SLA-afspraken van contract {object} bekijken", "view the SLA terms of contract {object}";
        SlaTermsUpdateDone => "heeft de SLA-afspraken van contract {object} gewijzigd", "changed the SLA terms of contract {object}";
        SlaTermsUpdateTry => "de SLA-afspraken van contract {object} wijzigen", "change the SLA terms of contract {object}";
        SlaOverviewDone => "heeft het SLA-overzicht bekeken", "viewed the SLA overview";
        SlaOverviewTry => "het SLA-overzicht bekijken", "view the SLA overview";
        SlaReportDone => "heeft het SLA-rapport van contract {object} bekeken", "viewed the SLA report of contract {object}";
        SlaReportTry => "het SLA-rapport van contract {object} bekijken", "view the SLA report of contract {object}";
        SlaCreditDone => "heeft een servicekorting voor contract {object} vastgelegd", "recorded a service credit for contract {object}";
        SlaCreditTry => "een servicekorting voor contract {object} vastleggen", "record a service credit for contract {object}";
        UserCreateDone => "heeft gebruiker {object} aangemaakt", "created user {object}";
        UserCreateTry => "gebruiker {object} aanmaken", "create user {object}";
        UserBlockDone => "heeft gebruiker {object} geblokkeerd", "blocked user {object}";
        UserBlockTry => "gebruiker {object} blokkeren", "block user {object}";
        UserUnblockDone => "heeft de blokkade van gebruiker {object} opgeheven", "unblocked user {object}";
        UserUnblockTry => "de blokkade van gebruiker {object} opheffen", "unblock user {object}";
        UserEndSessionsDone => "heeft alle sessies van gebruiker {object} beëindigd", "ended all sessions of user {object}";
        UserEndSessionsTry => "alle sessies van gebruiker {object} beëindigen", "end all sessions of user {object}";
        UserPasswordDone => "heeft het wachtwoord van gebruiker {object} gewijzigd", "changed the password of user {object}";
        UserPasswordTry => "het wachtwoord van gebruiker {object} wijzigen", "change the password of user {object}";
        UserListDone => "heeft de lijst van gebruikers bekeken", "viewed the list of users";
        UserListTry => "de lijst van gebruikers bekijken", "view the list of users";
        SourceCreateDone => "heeft bron {object} aangemaakt", "created source {object}";
        SourceCreateTry => "een bron voor {object} aanmaken", "create a source for {object}";
        SourceUpdateDone => "heeft bron {object} gewijzigd", "changed source {object}";
        SourceUpdateTry => "bron {object} wijzigen", "change source {object}";
        SourceDeleteDone => "heeft bron {object} verwijderd", "deleted source {object}";
        SourceDeleteTry => "bron {object} verwijderen", "delete source {object}";
        SourceTestDone => "heeft bron {object} getest", "tested source {object}";
        SourceTestTry => "bron {object} testen", "test source {object}";
        SourceSecretDone => "heeft het geheim van bron {object} ingesteld of verwijderd", "set or removed the secret of source {object}";
        SourceSecretTry => "het geheim van bron {object} instellen of verwijderen", "set or remove the secret of source {object}";
        SourcePushTokenDone => "heeft een nieuw push-token voor bron {object} uitgegeven", "issued a new push token for source {object}";
        SourcePushTokenTry => "een nieuw push-token voor bron {object} uitgeven", "issue a new push token for source {object}";
        SourceComponentsUpdateDone => "heeft de componenten van bron {object} gekoppeld", "mapped the components of source {object}";
        SourceComponentsUpdateTry => "de componenten van bron {object} koppelen", "map the components of source {object}";
        SourceComponentsViewDone => "heeft de componentkoppeling van bron {object} bekeken", "viewed the component mapping of source {object}";
        SourceComponentsViewTry => "de componentkoppeling van bron {object} bekijken", "view the component mapping of source {object}";
        SourceViewDone => "heeft bron {object} bekeken", "viewed source {object}";
        SourceViewTry => "bron {object} bekijken", "view source {object}";
        SourceListDone => "heeft de lijst van bronnen bekeken", "viewed the list of sources";
        SourceListTry => "de lijst van bronnen bekijken", "view the list of sources";
        AuditViewDone => "heeft het auditlog bekeken", "viewed the audit log";
        AuditViewTry => "het auditlog bekijken", "view the audit log";
        AuditExportDone => "heeft een selectie uit het auditlog gedownload (CSV)", "downloaded a selection of the audit log (CSV)";
        AuditExportTry => "een selectie uit het auditlog downloaden", "download a selection of the audit log";
        AuditCheckpointDone => "heeft een ondertekend controlepunt van het auditlog vastgelegd", "recorded a signed checkpoint of the audit log";
        AuditCheckpointTry => "een ondertekend controlepunt van het auditlog vastleggen", "record a signed checkpoint of the audit log";
        DemoSeedDone => "heeft de demogegevens geladen", "loaded the demo data";
        DemoSeedTry => "de demogegevens laden", "load the demo data";
    }
);

crate::messages!(
    /// The frame of a sentence.
    F {
        Denied => "Geweigerd: {actor} wilde {what}", "Denied: {actor} tried to {what}";
        Failed => "Mislukt: {actor} wilde {what}", "Failed: {actor} tried to {what}";
        System => "Het systeem", "The system";
        Number => "nr. {id}", "no. {id}";
    }
);

/// Every action code the services write, with what it did and what it tried to do.
#[rustfmt::skip]
pub const ACTIONS: [(&str, A, A); 81] = [
    ("auth.sign_in",             A::SignInDone,                 A::SignInTry),
    ("auth.sign_out",            A::SignOutDone,                A::SignOutTry),
    ("vendor.create",            A::VendorCreateDone,           A::VendorCreateTry),
    ("vendor.update",            A::VendorUpdateDone,           A::VendorUpdateTry),
    ("vendor.delete",            A::VendorDeleteDone,           A::VendorDeleteTry),
    ("vendor.view",              A::VendorViewDone,             A::VendorViewTry),
    ("vendor.list",              A::VendorListDone,             A::VendorListTry),
    ("vendor.monitoring",        A::VendorMonitoringDone,       A::VendorMonitoringTry),
    ("service.create",           A::ServiceCreateDone,          A::ServiceCreateTry),
    ("service.delete",           A::ServiceDeleteDone,          A::ServiceDeleteTry),
    ("contact.create",           A::ContactCreateDone,          A::ContactCreateTry),
    ("contact.delete",           A::ContactDeleteDone,          A::ContactDeleteTry),
    ("contract.create",          A::ContractCreateDone,         A::ContractCreateTry),
    ("contract.update",          A::ContractUpdateDone,         A::ContractUpdateTry),
    ("contract.delete",          A::ContractDeleteDone,         A::ContractDeleteTry),
    ("contract.decide",          A::ContractDecideDone,         A::ContractDecideTry),
    ("contract.view",            A::ContractViewDone,           A::ContractViewTry),
    ("contract.list",            A::ContractListDone,           A::ContractListTry),
    ("contract.sla.view",        A::SlaTermsViewDone,           A::SlaTermsViewTry),
    ("contract.sla.update",      A::SlaTermsUpdateDone,         A::SlaTermsUpdateTry),
    ("sla.overview",             A::SlaOverviewDone,            A::SlaOverviewTry),
    ("sla.report",               A::SlaReportDone,              A::SlaReportTry),
    ("sla.credit.record",        A::SlaCreditDone,              A::SlaCreditTry),
    ("user.create",              A::UserCreateDone,             A::UserCreateTry),
    ("user.block",               A::UserBlockDone,              A::UserBlockTry),
    ("user.unblock",             A::UserUnblockDone,            A::UserUnblockTry),
    ("user.end_sessions",        A::UserEndSessionsDone,        A::UserEndSessionsTry),
    ("user.change_password",     A::UserPasswordDone,           A::UserPasswordTry),
    ("user.list",                A::UserListDone,               A::UserListTry),
    ("source.create",            A::SourceCreateDone,           A::SourceCreateTry),
    ("source.update",            A::SourceUpdateDone,           A::SourceUpdateTry),
    ("source.delete",            A::SourceDeleteDone,           A::SourceDeleteTry),
    ("source.test",              A::SourceTestDone,             A::SourceTestTry),
    ("source.secret",            A::SourceSecretDone,           A::SourceSecretTry),
    ("source.push_token",        A::SourcePushTokenDone,        A::SourcePushTokenTry),
    ("source.components.update", A::SourceComponentsUpdateDone, A::SourceComponentsUpdateTry),
    ("source.components.view",   A::SourceComponentsViewDone,   A::SourceComponentsViewTry),
    ("source.view",              A::SourceViewDone,             A::SourceViewTry),
    ("source.list",              A::SourceListDone,             A::SourceListTry),
    ("audit.view",               A::AuditViewDone,              A::AuditViewTry),
    ("audit.export",             A::AuditExportDone,            A::AuditExportTry),
    ("audit.checkpoint",         A::AuditCheckpointDone,        A::AuditCheckpointTry),
    ("demo.seed",                A::DemoSeedDone,               A::DemoSeedTry),
    ("costs.view",                A::CostsViewDone,               A::CostsViewTry),
    ("costs.line.add",            A::CostLineAddDone,             A::CostLineAddTry),
    ("costs.line.delete",         A::CostLineDeleteDone,          A::CostLineDeleteTry),
    ("costs.import.upload",       A::CostImportUploadDone,        A::CostImportUploadTry),
    ("costs.import.view",         A::CostImportViewDone,          A::CostImportViewTry),
    ("costs.import",              A::CostImportDone,              A::CostImportTry),
    ("costs.centre.add",          A::CostCentreAddDone,           A::CostCentreAddTry),
    ("costs.budget.set",          A::BudgetSetDone,               A::BudgetSetTry),
    ("costs.organisation.add",    A::OrganisationAddDone,         A::OrganisationAddTry),
    ("costs.organisation.update", A::OrganisationUpdateDone,      A::OrganisationUpdateTry),
    ("costs.allocation.set",      A::AllocationSetDone,           A::AllocationSetTry),
    ("costs.allocation.remove",   A::AllocationRemoveDone,        A::AllocationRemoveTry),
    ("costs.price_change.set",    A::PriceChangeSetDone,          A::PriceChangeSetTry),
    ("costs.price_change.remove", A::PriceChangeRemoveDone,       A::PriceChangeRemoveTry),
    ("costs.licence.add",         A::LicenceAddDone,              A::LicenceAddTry),
    ("costs.licence.update",      A::LicenceUpdateDone,           A::LicenceUpdateTry),
    ("costs.licence.usage",       A::LicenceUsageDone,            A::LicenceUsageTry),
    ("costs.licence.source",     A::LicenceSourceDone,          A::LicenceSourceTry),
    ("requests.portal",           A::ReqPortalDone,               A::ReqPortalTry),
    ("requests.form",             A::ReqFormDone,                 A::ReqFormTry),
    ("requests.file",             A::ReqFileDone,                 A::ReqFileTry),
    ("requests.view",             A::ReqViewDone,                 A::ReqViewTry),
    ("requests.step",             A::ReqStepDone,                 A::ReqStepTry),
    ("requests.licences",         A::ReqLicencesDone,             A::ReqLicencesTry),
    ("requests.comment",          A::ReqCommentDone,              A::ReqCommentTry),
    ("requests.list",             A::ReqListDone,                 A::ReqListTry),
    ("requests.forms",            A::ReqFormsDone,                A::ReqFormsTry),
    ("requests.form.create",      A::ReqFormCreateDone,           A::ReqFormCreateTry),
    ("requests.form.update",      A::ReqFormUpdateDone,           A::ReqFormUpdateTry),
    ("requests.form.field",       A::ReqFormFieldDone,            A::ReqFormFieldTry),
    ("requests.form.publish",     A::ReqFormPublishDone,          A::ReqFormPublishTry),
    ("requests.form.withdraw",    A::ReqFormWithdrawDone,         A::ReqFormWithdrawTry),
    ("requests.profiles",         A::ReqProfilesDone,             A::ReqProfilesTry),
    ("requests.profile.save",     A::ReqProfileSaveDone,          A::ReqProfileSaveTry),
    ("requests.profile",          A::ReqProfileDone,              A::ReqProfileTry),
    ("requests.anonymise",        A::ReqAnonymiseDone,            A::ReqAnonymiseTry),
    ("requests.defaults",         A::ReqDefaultsDone,             A::ReqDefaultsTry),
    ("users.manager",             A::UserManagerDone,             A::UserManagerTry),
];

/// Who did it: "Anna de Vries (Regisseur)" for a user, "Het systeem" for the command line and jobs,
/// else the name as entered (a failed sign-in with an unknown user name).
pub fn actor_text(line: &AuditLine, lang: Lang) -> String {
    match &line.actor_name {
        Some((name, role)) => format!("{name} ({})", role.label(lang)),
        None if line.actor == "system" => F::System.t(lang).to_string(),
        None => line.actor.clone(),
    }
}

/// What it was done to: the object's current name, "nr. 7" for a numbered object that no longer
/// exists, else the object as recorded.
pub fn object_text(line: &AuditLine, lang: Lang) -> String {
    if let Some(name) = &line.object_name {
        return name.clone();
    }
    match line.object.split_once(':') {
        Some((_, id)) if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) => {
            F::Number.t(lang).replace("{id}", id)
        }
        _ => line.object.clone(),
    }
}

/// The sentence in three parts: the text before the object, the object (none when the sentence does
/// not name it), and the text after it; the page links the middle part to the object.
pub fn sentence_parts(line: &AuditLine, lang: Lang) -> (String, Option<String>, String) {
    let actor = actor_text(line, lang);
    let Some((_, done, attempt)) = ACTIONS.iter().find(|(code, _, _)| *code == line.action) else {
        // A code without a sentence (written by an older version): the codes say it.
        return (format!("{actor}: {} ", line.action), Some(object_text(line, lang)), String::new());
    };
    let text = match line.result.as_str() {
        "ok" => format!("{actor} {}", done.t(lang)),
        "denied" => F::Denied.t(lang).replace("{actor}", &actor).replace("{what}", attempt.t(lang)),
        _ => F::Failed.t(lang).replace("{actor}", &actor).replace("{what}", attempt.t(lang)),
    };
    match text.split_once("{object}") {
        Some((before, after)) => (before.to_string(), Some(object_text(line, lang)), after.to_string()),
        None => (text, None, String::new()),
    }
}

/// The whole sentence as text (the CSV export).
pub fn sentence(line: &AuditLine, lang: Lang) -> String {
    let (before, object, after) = sentence_parts(line, lang);
    format!("{before}{}{after}", object.unwrap_or_default())
}

#[cfg(test)]
#[path = "sentences_tests.rs"]
mod tests;
