//! Work profiles (werkprofielen): standard ways of working that bundle services, licences, a device
//! class and security measures, and what changes for someone who moves from one profile to another.

use crate::error::{Invalid, Problem};
use crate::text::{optional_multiline_text, text};
use crate::{LicenceId, VendorServiceId, WorkProfileId};
use serde::{Deserialize, Serialize};

/// The longest profile name.
pub const MAX_PROFILE_NAME: u32 = 80;
/// The longest profile description.
pub const MAX_PROFILE_DESCRIPTION: u32 = 1000;

/// The device a profile comes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceClass {
    Desktop,
    Laptop,
    LaptopAndPhone,
    PhoneAndTablet,
}

impl DeviceClass {
    pub const ALL: [DeviceClass; 4] =
        [DeviceClass::Desktop, DeviceClass::Laptop, DeviceClass::LaptopAndPhone, DeviceClass::PhoneAndTablet];

    pub fn key(self) -> &'static str {
        match self {
            DeviceClass::Desktop => "vaste_werkplek",
            DeviceClass::Laptop => "laptop",
            DeviceClass::LaptopAndPhone => "laptop_en_telefoon",
            DeviceClass::PhoneAndTablet => "telefoon_en_tablet",
        }
    }

    pub fn parse(key: &str) -> Option<DeviceClass> {
        DeviceClass::ALL.into_iter().find(|d| d.key() == key.trim())
    }
}

/// A security measure a profile requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Multi-factor authentication.
    Mfa,
    /// A device managed by the organisation (MDM).
    ManagedDevice,
    /// Full-disk encryption.
    Encryption,
    /// Access only through the organisation's VPN or zero-trust gateway.
    Vpn,
}

impl Measure {
    pub const ALL: [Measure; 4] = [Measure::Mfa, Measure::ManagedDevice, Measure::Encryption, Measure::Vpn];

    pub fn key(self) -> &'static str {
        match self {
            Measure::Mfa => "mfa",
            Measure::ManagedDevice => "beheerd_apparaat",
            Measure::Encryption => "versleuteling",
            Measure::Vpn => "vpn",
        }
    }

    pub fn parse(key: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.key() == key.trim())
    }
}

/// A licence a profile bundles, with what the pages show of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLicence {
    pub id: LicenceId,
    pub licence_type: String,
    pub contract_reference: String,
}

/// A service a profile bundles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileService {
    pub id: VendorServiceId,
    pub name: String,
}

/// A work profile as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkProfile {
    pub id: WorkProfileId,
    pub name: String,
    pub description: Option<String>,
    pub device: DeviceClass,
    pub measures: Vec<Measure>,
    pub services: Vec<ProfileService>,
    pub licences: Vec<ProfileLicence>,
    /// How many people have this profile.
    pub members: u32,
}

/// The profile form as the browser sends it; the lists hold the ticked boxes' values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub naam: String,
    pub omschrijving: String,
    pub apparaat: String,
    pub maatregelen: Vec<String>,
    pub diensten: Vec<String>,
    pub licenties: Vec<String>,
}

/// A checked profile (whether the services and licences exist is checked when it is saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInput {
    pub name: String,
    pub description: Option<String>,
    pub device: DeviceClass,
    pub measures: Vec<Measure>,
    pub services: Vec<VendorServiceId>,
    pub licences: Vec<LicenceId>,
}

fn ids<T: std::str::FromStr + Ord>(field: &str, values: &[String], bad: &mut Invalid) -> Vec<T> {
    let mut out = Vec::new();
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        match v.parse::<T>() {
            Ok(id) => out.push(id),
            Err(_) => {
                bad.push(field, Problem::UnknownChoice);
                return Vec::new();
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

impl ProfileInput {
    pub fn parse(f: &ProfileForm) -> Result<ProfileInput, Invalid> {
        let mut bad = Invalid::default();
        let name = bad.take(text("naam", &f.naam, MAX_PROFILE_NAME, true));
        let description = bad.take(optional_multiline_text("omschrijving", &f.omschrijving, MAX_PROFILE_DESCRIPTION));
        let device = bad.take(DeviceClass::parse(&f.apparaat).ok_or_else(|| {
            Invalid::one(
                "apparaat",
                if f.apparaat.trim().is_empty() { Problem::Required } else { Problem::UnknownChoice },
            )
        }));
        let mut measures = Vec::new();
        for m in &f.maatregelen {
            match Measure::parse(m) {
                Some(m) if !measures.contains(&m) => measures.push(m),
                Some(_) => {}
                None => bad.push("maatregelen", Problem::UnknownChoice),
            }
        }
        measures.sort();
        let services = ids("diensten", &f.diensten, &mut bad);
        let licences = ids("licenties", &f.licenties, &mut bad);
        bad.into_result()?;
        Ok(ProfileInput {
            name: name.unwrap_or_default(),
            description: description.flatten(),
            device: device.unwrap_or(DeviceClass::Laptop),
            measures,
            services,
            licences,
        })
    }
}

/// One seat more (+1) or fewer (-1) of a licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceChange {
    pub licence: LicenceId,
    pub licence_type: String,
    pub contract_reference: String,
    pub delta: i32,
}

/// What moving from one profile (or none) to another changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProfileChange {
    pub services_added: Vec<ProfileService>,
    pub services_removed: Vec<ProfileService>,
    pub measures_added: Vec<Measure>,
    pub measures_removed: Vec<Measure>,
    pub device_from: Option<DeviceClass>,
    pub device_to: Option<DeviceClass>,
    /// The licence requests the move implies: a seat of each licence the new profile adds, one back of
    /// each it drops.
    pub licences: Vec<LicenceChange>,
}

/// Compares the current profile (if any) with the chosen one.
pub fn compare(from: Option<&WorkProfile>, to: &WorkProfile) -> ProfileChange {
    let empty: Vec<ProfileService> = Vec::new();
    let from_services = from.map(|f| &f.services).unwrap_or(&empty);
    let from_licences: &[ProfileLicence] = from.map(|f| f.licences.as_slice()).unwrap_or(&[]);
    let from_measures: &[Measure] = from.map(|f| f.measures.as_slice()).unwrap_or(&[]);
    let mut licences: Vec<LicenceChange> = to
        .licences
        .iter()
        .filter(|l| !from_licences.iter().any(|f| f.id == l.id))
        .map(|l| change(l, 1))
        .chain(from_licences.iter().filter(|f| !to.licences.iter().any(|l| l.id == f.id)).map(|l| change(l, -1)))
        .collect();
    licences.sort_by_key(|c| c.licence);
    ProfileChange {
        services_added: to.services.iter().filter(|s| !from_services.iter().any(|f| f.id == s.id)).cloned().collect(),
        services_removed: from_services.iter().filter(|f| !to.services.iter().any(|s| s.id == f.id)).cloned().collect(),
        measures_added: to.measures.iter().filter(|m| !from_measures.contains(m)).copied().collect(),
        measures_removed: from_measures.iter().filter(|m| !to.measures.contains(m)).copied().collect(),
        device_from: from.map(|f| f.device),
        device_to: (from.map(|f| f.device) != Some(to.device)).then_some(to.device),
        licences,
    }
}

fn change(l: &ProfileLicence, delta: i32) -> LicenceChange {
    LicenceChange {
        licence: l.id,
        licence_type: l.licence_type.clone(),
        contract_reference: l.contract_reference.clone(),
        delta,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lic(id: i64) -> ProfileLicence {
        ProfileLicence { id: LicenceId(id), licence_type: format!("L{id}"), contract_reference: "C".into() }
    }

    fn svc(id: i64) -> ProfileService {
        ProfileService { id: VendorServiceId(id), name: format!("S{id}") }
    }

    fn profile(id: i64, services: &[i64], licences: &[i64], measures: &[Measure], device: DeviceClass) -> WorkProfile {
        WorkProfile {
            id: WorkProfileId(id),
            name: format!("P{id}"),
            description: None,
            device,
            measures: measures.to_vec(),
            services: services.iter().map(|s| svc(*s)).collect(),
            licences: licences.iter().map(|l| lic(*l)).collect(),
            members: 0,
        }
    }

    #[test]
    fn moving_between_profiles_adds_and_returns_seats() {
        let from = profile(1, &[1, 2], &[10, 11], &[Measure::Mfa], DeviceClass::Desktop);
        let to = profile(2, &[2, 3], &[11, 12], &[Measure::Mfa, Measure::ManagedDevice], DeviceClass::LaptopAndPhone);
        let c = compare(Some(&from), &to);
        let deltas: Vec<(i64, i32)> = c.licences.iter().map(|l| (l.licence.0, l.delta)).collect();
        assert_eq!(deltas, vec![(10, -1), (12, 1)]);
        assert_eq!(c.services_added, vec![svc(3)]);
        assert_eq!(c.services_removed, vec![svc(1)]);
        assert_eq!(c.measures_added, vec![Measure::ManagedDevice]);
        assert!(c.measures_removed.is_empty());
        assert_eq!((c.device_from, c.device_to), (Some(DeviceClass::Desktop), Some(DeviceClass::LaptopAndPhone)));
    }

    #[test]
    fn a_first_profile_asks_a_seat_of_everything_it_bundles() {
        let to = profile(2, &[3], &[12, 13], &[], DeviceClass::Laptop);
        let c = compare(None, &to);
        assert_eq!(c.licences.iter().map(|l| l.delta).sum::<i32>(), 2);
        assert_eq!(c.device_to, Some(DeviceClass::Laptop));
        assert_eq!(
            compare(Some(&to), &to),
            ProfileChange { device_from: Some(DeviceClass::Laptop), ..Default::default() }
        );
    }

    #[test]
    fn the_profile_form_is_checked_at_its_fields() {
        let bad = ProfileInput::parse(&ProfileForm {
            apparaat: "fiets".into(),
            maatregelen: vec!["mfa".into(), "toverspreuk".into()],
            diensten: vec!["x".into()],
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(bad.for_field("naam"), Some(Problem::Required));
        assert_eq!(bad.for_field("apparaat"), Some(Problem::UnknownChoice));
        assert_eq!(bad.for_field("maatregelen"), Some(Problem::UnknownChoice));
        assert_eq!(bad.for_field("diensten"), Some(Problem::UnknownChoice));
        let ok = ProfileInput::parse(&ProfileForm {
            naam: "Ultra mobiel".into(),
            apparaat: "laptop_en_telefoon".into(),
            maatregelen: vec!["mfa".into(), "mfa".into(), "beheerd_apparaat".into()],
            licenties: vec!["3".into(), "1".into(), "3".into()],
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ok.measures, vec![Measure::Mfa, Measure::ManagedDevice]);
        assert_eq!(ok.licences, vec![LicenceId(1), LicenceId(3)]);
    }
}
