//! Names of domain choices (roles, categories, renewal types…) in the user's language.

use super::Lang;
use domain::contract::{ContractStatus, Decision, PriceModel};
use domain::deadlines::DeadlineStatus;
use domain::vendor::{Criticality, SourcingModel, VendorCategory};
use domain::Role;

/// Gives a choice's label in the user's language.
pub trait Label {
    fn label(self, lang: Lang) -> &'static str;
}

macro_rules! labels {
    ($ty:ty { $($variant:path => $nl:literal, $en:literal;)+ }) => {
        impl Label for $ty {
            fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($variant, Lang::Nl) => $nl, ($variant, Lang::En) => $en,)+
                }
            }
        }
    };
}

labels!(Role {
    Role::Beheerder => "Beheerder", "Administrator";
    Role::Regisseur => "Regisseur", "Vendor manager";
    Role::IctManager => "ICT-manager", "Head of ICT";
    Role::Inkoper => "Inkoper", "Procurement officer";
    Role::Medewerker => "Medewerker", "Staff member";
    Role::Auditor => "Auditor", "Auditor";
});

labels!(SourcingModel {
    SourcingModel::Saas => "SaaS", "SaaS";
    SourcingModel::Paas => "PaaS", "PaaS";
    SourcingModel::Iaas => "IaaS", "IaaS";
    SourcingModel::Maatwerk => "Maatwerk", "Custom-built";
});

labels!(Criticality {
    Criticality::Laag => "Laag", "Low";
    Criticality::Midden => "Midden", "Medium";
    Criticality::Hoog => "Hoog", "High";
    Criticality::Vitaal => "Vitaal", "Vital";
});

labels!(VendorCategory {
    VendorCategory::Kantoorautomatisering => "Kantoorautomatisering", "Office automation";
    VendorCategory::ZaakgerichtWerken => "Zaakgericht werken", "Case management";
    VendorCategory::Burgerzaken => "Burgerzaken", "Civil affairs";
    VendorCategory::Financien => "Financiën", "Finance";
    VendorCategory::Personeel => "Personeel", "Human resources";
    VendorCategory::Sociaal => "Sociaal domein", "Social services";
    VendorCategory::Geo => "Geo-informatie", "Geo information";
    VendorCategory::Communicatie => "Communicatie", "Communication";
    VendorCategory::Infrastructuur => "Infrastructuur", "Infrastructure";
    VendorCategory::Beveiliging => "Informatiebeveiliging", "Information security";
    VendorCategory::Overig => "Overig", "Other";
});

labels!(PriceModel {
    PriceModel::Fixed => "Vaste prijs", "Fixed fee";
    PriceModel::PerSeat => "Per gebruiker", "Per seat";
    PriceModel::Usage => "Op verbruik", "Usage-based";
});

labels!(ContractStatus {
    ContractStatus::Active => "Lopend", "Running";
    ContractStatus::Terminated => "Opgezegd", "Terminated";
    ContractStatus::Retender => "Wordt heraanbesteed", "Being re-tendered";
});

labels!(Decision {
    Decision::Renew => "Verlengen", "Renew";
    Decision::ExerciseOption => "Optie lichten", "Exercise option";
    Decision::Terminate => "Opzeggen / laten aflopen", "Terminate / let end";
    Decision::Retender => "Heraanbesteden", "Re-tender";
});

labels!(DeadlineStatus {
    DeadlineStatus::OnSchedule => "Op schema", "On schedule";
    DeadlineStatus::ActionNeeded => "Actie nodig", "Action needed";
    DeadlineStatus::Overdue => "Verlopen", "Overdue";
});

/// A date as Dutch users write it: 31-12-2026.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}
