//! Cost pages: the yearly overview with budget, forecast and allocation (`/kosten`), the invoice list
//! with the CSV import and its preview (`/kosten/facturen`, `/kosten/import/:id`), the registers
//! (`/kosten/instellingen`: cost centres, budgets, organisations, verdeelsleutels) and a contract's
//! costs (`/contracten/:id/kosten`: its lines, price changes and key).

pub mod allocation;
pub mod charts;
pub mod contract;
pub mod csv;
pub mod import;
pub mod licence;
pub mod licence_source;
pub mod licences;
pub mod lines;
pub mod overview;
pub mod settings;

use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;

crate::messages!(
    /// Texts shared by the cost pages.
    KM {
        Costs => "Kosten", "Costs";
        Overview => "Overzicht", "Overview";
        Invoices => "Facturen", "Invoices";
        Licences => "Licenties", "Licences";
        Settings => "Budgetten en verdeling", "Budgets and allocation";
        SubNav => "Kosten", "Costs";
        Year => "Jaar", "Year";
        Show => "Tonen", "Show";
        Budget => "Budget", "Budget";
        Actual => "Gefactureerd", "Invoiced";
        Forecast => "Verwacht jaareinde", "Expected at year end";
        Difference => "Verschil met budget", "Difference from budget";
        OfBudget => "van budget", "of budget";
        Vendor => "Leverancier", "Vendor";
        Contract => "Contract", "Contract";
        CostCentre => "Kostenplaats", "Cost centre";
        Organisation => "Organisatie", "Organisation";
        InvoiceNumber => "Factuurnummer", "Invoice number";
        InvoiceDate => "Factuurdatum", "Invoice date";
        Period => "Periode", "Period";
        Amount => "Bedrag excl. btw", "Amount excl. VAT";
        Vat => "Btw", "VAT";
        Kind => "Soort", "Kind";
        KindInvoice => "Factuur", "Invoice";
        KindCredit => "Creditnota", "Credit note";
        NotAllocated => "Niet verdeeld", "Not allocated";
        NoCostCentre => "Nog zonder kostenplaats", "No cost centre yet";
    }
);

/// `factuur` / `creditnota` in words.
pub fn kind_text(kind: &str, lang: Lang) -> &'static str {
    if kind == "creditnota" {
        KM::KindCredit.t(lang)
    } else {
        KM::KindInvoice.t(lang)
    }
}

/// Part of a whole in whole percent ("81 %"), empty when the whole is 0.
pub fn share_text(part: i64, whole: i64) -> String {
    if whole == 0 {
        return String::new();
    }
    format!("{} %", (i128::from(part) * 100 / i128::from(whole)))
}

/// The links between the cost pages; `current` is the path of the page itself.
#[component]
pub fn CostsNav(current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let items = [
        ("/kosten", KM::Overview),
        ("/kosten/facturen", KM::Invoices),
        ("/licenties", KM::Licences),
        ("/kosten/instellingen", KM::Settings),
    ];
    view! {
        <nav class="rk-subnav" aria-label=KM::SubNav.t(lang)>
            <ul>
                {items.into_iter().map(|(href, label)| {
                    let here = (href == current).then_some("page");
                    view! { <li><a class="utrecht-link" href=href aria-current=here>{label.t(lang)}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
    }
}
