//! Self-service pages: the staff portal (`/zelfservice`) with the service catalogue, forms, work
//! profiles and my requests; filling in a form (`/zelfservice/formulieren/:id`); choosing a work
//! profile (`/zelfservice/profielen/:id`); one request with its history and steps (`/aanvragen/:id`);
//! and for the regie team every request (`/aanvragen`), the form builder and the work profiles
//! (`/zelfservice/beheer`, `/zelfservice/beheer/formulieren/:id`).

pub mod admin;
pub mod builder;
pub mod csv;
pub mod fill;
pub mod list;
pub mod portal;
pub mod profile;
pub mod profile_form;
pub mod request;

use crate::i18n::{use_lang, Lang};
use domain::requests::fields::{Approval, FieldKind};
use domain::requests::views::Health;
use domain::requests::{DeviceClass, Measure, RequestStatus, Side};
use leptos::prelude::*;

crate::messages!(
    /// Texts shared by the self-service pages.
    RM {
        Portal => "Zelfservice", "Self-service";
        Requests => "Aanvragen", "Requests";
        Request => "Aanvraag", "Request";
        Form => "Formulier", "Form";
        Status => "Status", "Status";
        Filed => "Ingediend", "Filed";
        Due => "Klaar uiterlijk", "Due by";
        Overdue => "Over tijd", "Overdue";
        Requester => "Aanvrager", "Requester";
        Service => "Dienst", "Service";
        Vendor => "Leverancier", "Vendor";
        WaitsForManager => "wacht op leidinggevende", "waiting for line manager";
        WaitsForRegie => "wacht op regie", "waiting for the regie team";
        Anonymised => "geanonimiseerd", "anonymised";
        Manage => "Formulieren en werkprofielen", "Forms and work profiles";
        Profiles => "Werkprofielen", "Work profiles";
    }
);

/// A request status in words.
pub fn status_text(s: RequestStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (RequestStatus::Submitted, Lang::Nl) => "ingediend",
        (RequestStatus::Submitted, Lang::En) => "filed",
        (RequestStatus::Approved, Lang::Nl) => "goedgekeurd",
        (RequestStatus::Approved, Lang::En) => "approved",
        (RequestStatus::Rejected, Lang::Nl) => "afgewezen",
        (RequestStatus::Rejected, Lang::En) => "rejected",
        (RequestStatus::InProgress, Lang::Nl) => "in behandeling",
        (RequestStatus::InProgress, Lang::En) => "in progress",
        (RequestStatus::Done, Lang::Nl) => "afgerond",
        (RequestStatus::Done, Lang::En) => "done",
        (RequestStatus::Cancelled, Lang::Nl) => "geannuleerd",
        (RequestStatus::Cancelled, Lang::En) => "cancelled",
    }
}

/// The status as a pill: text and colour, never colour alone.
#[component]
pub fn RequestStatusPill(status: RequestStatus) -> impl IntoView {
    let lang = use_lang();
    let tone = match status {
        RequestStatus::Done => "klaar",
        RequestStatus::Rejected => "afgewezen",
        RequestStatus::Cancelled => "geannuleerd",
        _ => "open",
    };
    view! { <span class=format!("rk-status rk-req--{tone}") data-status=status.key()>{status_text(status, lang)}</span> }
}

/// Who an approval is waiting for, in words.
pub fn waiting_text(side: Side, lang: Lang) -> &'static str {
    match side {
        Side::Manager => RM::WaitsForManager.t(lang),
        Side::Regie => RM::WaitsForRegie.t(lang),
    }
}

/// A service's health in plain words for staff.
pub fn health_text(h: Health, lang: Lang) -> &'static str {
    match (h, lang) {
        (Health::Works, Lang::Nl) => "werkt",
        (Health::Works, Lang::En) => "works",
        (Health::Degraded, Lang::Nl) => "verstoring bekend",
        (Health::Degraded, Lang::En) => "known disruption",
        (Health::Down, Lang::Nl) => "storing bekend",
        (Health::Down, Lang::En) => "known outage",
        (Health::Maintenance, Lang::Nl) => "onderhoud",
        (Health::Maintenance, Lang::En) => "maintenance",
        (Health::Unknown, Lang::Nl) => "niet gemeten",
        (Health::Unknown, Lang::En) => "not measured",
    }
}

/// The CSS tone of a health.
pub fn health_tone(h: Health) -> &'static str {
    match h {
        Health::Works => "werkt",
        Health::Degraded => "verstoord",
        Health::Down => "storing",
        Health::Maintenance => "onderhoud",
        Health::Unknown => "onbekend",
    }
}

/// A field kind in words (the builder).
pub fn kind_text(k: FieldKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (FieldKind::Text, Lang::Nl) => "Tekst (één regel)",
        (FieldKind::Text, Lang::En) => "Text (one line)",
        (FieldKind::LongText, Lang::Nl) => "Lange tekst",
        (FieldKind::LongText, Lang::En) => "Long text",
        (FieldKind::Choice, Lang::Nl) => "Keuze uit een lijst",
        (FieldKind::Choice, Lang::En) => "Choice from a list",
        (FieldKind::Date, Lang::Nl) => "Datum",
        (FieldKind::Date, Lang::En) => "Date",
        (FieldKind::Number, Lang::Nl) => "Getal",
        (FieldKind::Number, Lang::En) => "Number",
        (FieldKind::Service, Lang::Nl) => "Dienst uit het register",
        (FieldKind::Service, Lang::En) => "Service from the register",
        (FieldKind::YesNo, Lang::Nl) => "Ja/nee",
        (FieldKind::YesNo, Lang::En) => "Yes/no",
    }
}

/// Who approves, in words.
pub fn approval_text(a: Approval, lang: Lang) -> &'static str {
    match (a, lang) {
        (Approval::None, Lang::Nl) => "Geen goedkeuring nodig",
        (Approval::None, Lang::En) => "No approval needed",
        (Approval::Manager, Lang::Nl) => "Leidinggevende",
        (Approval::Manager, Lang::En) => "Line manager",
        (Approval::Regie, Lang::Nl) => "Regisseur",
        (Approval::Regie, Lang::En) => "Regisseur",
        (Approval::Both, Lang::Nl) => "Leidinggevende en regisseur",
        (Approval::Both, Lang::En) => "Line manager and regisseur",
    }
}

/// A device class in words.
pub fn device_text(d: DeviceClass, lang: Lang) -> &'static str {
    match (d, lang) {
        (DeviceClass::Desktop, Lang::Nl) => "Vaste werkplek",
        (DeviceClass::Desktop, Lang::En) => "Fixed workstation",
        (DeviceClass::Laptop, Lang::Nl) => "Laptop",
        (DeviceClass::Laptop, Lang::En) => "Laptop",
        (DeviceClass::LaptopAndPhone, Lang::Nl) => "Laptop en smartphone",
        (DeviceClass::LaptopAndPhone, Lang::En) => "Laptop and smartphone",
        (DeviceClass::PhoneAndTablet, Lang::Nl) => "Smartphone en tablet",
        (DeviceClass::PhoneAndTablet, Lang::En) => "Smartphone and tablet",
    }
}

/// A security measure in words.
pub fn measure_text(m: Measure, lang: Lang) -> &'static str {
    match (m, lang) {
        (Measure::Mfa, Lang::Nl) => "Inloggen met twee factoren (MFA)",
        (Measure::Mfa, Lang::En) => "Multi-factor sign-in (MFA)",
        (Measure::ManagedDevice, Lang::Nl) => "Beheerd apparaat",
        (Measure::ManagedDevice, Lang::En) => "Managed device",
        (Measure::Encryption, Lang::Nl) => "Versleutelde schijf",
        (Measure::Encryption, Lang::En) => "Encrypted disk",
        (Measure::Vpn, Lang::Nl) => "Alleen via beveiligde verbinding (VPN)",
        (Measure::Vpn, Lang::En) => "Only through the secure connection (VPN)",
    }
}
