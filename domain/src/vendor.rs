//! Vendors (leveranciers), the services they deliver and their contact persons.

use crate::error::{Invalid, Problem};
use crate::ids::{VendorId, VendorServiceId};
use crate::text::{optional_multiline_text, optional_text, text};
use serde::{Deserialize, Serialize};

/// A KvK-nummer: exactly eight digits (the Chamber of Commerce dropped its check digit in 2020).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KvkNumber(String);

impl KvkNumber {
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        if v.is_empty() {
            return Err(Invalid::one(field, Problem::Required));
        }
        if v.len() != 8 || !v.chars().all(|c| c.is_ascii_digit()) {
            return Err(Invalid::one(field, Problem::KvkFormat));
        }
        Ok(KvkNumber(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable key stored in the database and sent by forms.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
                let v = value.trim();
                if v.is_empty() {
                    return Err(Invalid::one(field, Problem::Required));
                }
                Self::ALL.iter().copied().find(|c| c.key() == v)
                    .ok_or_else(|| Invalid::one(field, Problem::UnknownChoice))
            }
        }
    };
}
pub(crate) use choice_enum;

choice_enum!(
    /// How the service is sourced.
    SourcingModel { Saas => "saas", Paas => "paas", Iaas => "iaas", Maatwerk => "maatwerk" }
);

choice_enum!(
    /// How badly the organisation suffers when this vendor or service fails.
    Criticality { Laag => "laag", Midden => "midden", Hoog => "hoog", Vitaal => "vitaal" }
);

choice_enum!(
    /// The vendor's field, for filtering and reports.
    VendorCategory {
        Kantoorautomatisering => "kantoorautomatisering",
        ZaakgerichtWerken => "zaakgericht-werken",
        Burgerzaken => "burgerzaken",
        Financien => "financien",
        Personeel => "personeel",
        Sociaal => "sociaal-domein",
        Geo => "geo",
        Communicatie => "communicatie",
        Infrastructuur => "infrastructuur",
        Beveiliging => "beveiliging",
        Overig => "overig",
    }
);

/// A vendor as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vendor {
    pub id: VendorId,
    pub name: String,
    pub kvk: String,
    pub category: VendorCategory,
    pub sourcing: SourcingModel,
    pub criticality: Criticality,
    pub notes: Option<String>,
}

/// One row of the vendor list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorSummary {
    pub id: VendorId,
    pub name: String,
    pub category: VendorCategory,
    pub criticality: Criticality,
    pub service_count: i64,
    pub contract_count: i64,
}

/// The raw vendor form, as the browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorForm {
    pub name: String,
    pub kvk: String,
    pub category: String,
    pub sourcing: String,
    pub criticality: String,
    pub notes: String,
}

/// A validated vendor, ready to insert or to replace an existing one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVendor {
    pub name: String,
    pub kvk: KvkNumber,
    pub category: VendorCategory,
    pub sourcing: SourcingModel,
    pub criticality: Criticality,
    pub notes: Option<String>,
}

impl NewVendor {
    /// Checks every field and reports all problems at once.
    pub fn parse(f: &VendorForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let name = inv.take(text("name", &f.name, 120, true));
        let kvk = inv.take(KvkNumber::parse("kvk", &f.kvk));
        let category = inv.take(VendorCategory::parse("category", &f.category));
        let sourcing = inv.take(SourcingModel::parse("sourcing", &f.sourcing));
        let criticality = inv.take(Criticality::parse("criticality", &f.criticality));
        let notes = inv.take(optional_multiline_text("notes", &f.notes, 4000));
        match (name, kvk, category, sourcing, criticality, notes) {
            (Some(name), Some(kvk), Some(category), Some(sourcing), Some(criticality), Some(notes))
                if inv.is_empty() =>
            {
                Ok(NewVendor { name, kvk, category, sourcing, criticality, notes })
            }
            _ => Err(inv),
        }
    }
}

/// A service delivered by a vendor (dienst), e.g. "Zaaksysteem" or "E-mail en agenda".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorService {
    pub id: VendorServiceId,
    pub vendor_id: VendorId,
    pub name: String,
    pub description: Option<String>,
    pub criticality: Criticality,
    pub personal_data: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceForm {
    pub name: String,
    pub description: String,
    pub criticality: String,
    /// "on" when the checkbox was ticked; absent otherwise.
    pub personal_data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVendorService {
    pub name: String,
    pub description: Option<String>,
    pub criticality: Criticality,
    pub personal_data: bool,
}

impl NewVendorService {
    pub fn parse(f: &ServiceForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let name = inv.take(text("name", &f.name, 120, true));
        let description = inv.take(optional_multiline_text("description", &f.description, 2000));
        let criticality = inv.take(Criticality::parse("criticality", &f.criticality));
        match (name, description, criticality) {
            (Some(name), Some(description), Some(criticality)) if inv.is_empty() => Ok(NewVendorService {
                name,
                description,
                criticality,
                personal_data: f.personal_data.as_deref().is_some_and(|v| !v.is_empty() && v != "false"),
            }),
            _ => Err(inv),
        }
    }
}

/// A person at the vendor to call (account manager, service manager, security officer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub id: i64,
    pub vendor_id: VendorId,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContactPerson {
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl NewContactPerson {
    pub fn parse(f: &ContactForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let name = inv.take(text("name", &f.name, 120, true));
        let role = inv.take(optional_text("role", &f.role, 120));
        let email = inv.take(optional_text("email", &f.email, 254));
        if let Some(Some(e)) = &email {
            let ok = e.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.'));
            if !ok || e.contains(char::is_whitespace) {
                inv.push("email", Problem::EmailFormat);
            }
        }
        let phone = inv.take(optional_text("phone", &f.phone, 40));
        match (name, role, email, phone) {
            (Some(name), Some(role), Some(email), Some(phone)) if inv.is_empty() => {
                Ok(NewContactPerson { name, role, email, phone })
            }
            _ => Err(inv),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> VendorForm {
        VendorForm {
            name: "Zaakwijs B.V.".into(),
            kvk: "1234 5678".into(),
            category: "zaakgericht-werken".into(),
            sourcing: "saas".into(),
            criticality: "hoog".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_complete_vendor_form_parses() {
        let v = NewVendor::parse(&form()).unwrap();
        assert_eq!(v.kvk.as_str(), "12345678");
        assert_eq!(v.notes, None);
    }

    #[test]
    fn kvk_numbers_must_have_eight_digits() {
        for bad in ["1234567", "123456789", "1234567a", "12-345678"] {
            let e = KvkNumber::parse("kvk", bad).unwrap_err();
            assert_eq!(e.for_field("kvk"), Some(Problem::KvkFormat), "{bad}");
        }
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let f = VendorForm { name: "".into(), kvk: "12".into(), category: "x".into(), ..form() };
        let e = NewVendor::parse(&f).unwrap_err();
        assert_eq!(e.for_field("name"), Some(Problem::Required));
        assert_eq!(e.for_field("kvk"), Some(Problem::KvkFormat));
        assert_eq!(e.for_field("category"), Some(Problem::UnknownChoice));
    }

    #[test]
    fn contact_email_is_checked() {
        let f = ContactForm { name: "An".into(), email: "an@".into(), ..Default::default() };
        assert_eq!(NewContactPerson::parse(&f).unwrap_err().for_field("email"), Some(Problem::EmailFormat));
    }
}
