//! The demo's self-service: the shipped forms and profiles, the profiles filled with the demo's
//! services and licences, the medewerker's line manager (the ICT head) and current profile.

use crate::requests::shipped::seed_defaults;
use crate::ServiceError;
use chrono::{DateTime, Utc};
use domain::requests::ProfileInput;
use domain::{LicenceId, Role, UserId, VendorServiceId};
use store::Tx;

/// Profile name -> (service names, licence types) it bundles in the demo.
#[rustfmt::skip]
const BUNDLES: &[(&str, &[&str], &[&str])] = &[
    ("Zelfredzaam", &["E-mail en agenda", "Samenwerken en bestanden"], &["Kantoorlicentie E3"]),
    ("Ontzorgd", &["E-mail en agenda", "Samenwerken en bestanden", "Zaaksysteem"], &["Kantoorlicentie E3", "Zaaksysteem gebruiker"]),
    ("Veiligheid voor alles", &["E-mail en agenda", "Zaaksysteem", "BRP-bevragingen"], &["Kantoorlicentie E3", "Zaaksysteem gebruiker", "Tweefactortoken"]),
    ("Ultra mobiel", &["E-mail en agenda", "Samenwerken en bestanden"], &["Kantoorlicentie E3", "Tweefactortoken"]),
];

pub(super) async fn seed_self_service(
    tx: &mut Tx,
    users: &[(Role, UserId)],
    services: &[(&str, VendorServiceId)],
    licences: &[(&str, LicenceId)],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let profiles = seed_defaults(tx, now).await?;
    for (name, service_names, licence_types) in BUNDLES {
        let Some((id, p)) = profiles.iter().find(|(_, p)| p.name == *name) else { continue };
        let input = ProfileInput {
            services: services.iter().filter(|(n, _)| service_names.contains(n)).map(|(_, s)| *s).collect(),
            licences: licences.iter().filter(|(t, _)| licence_types.contains(t)).map(|(_, l)| *l).collect(),
            ..p.clone()
        };
        store::update_work_profile(tx, *id, &input, now).await?;
    }
    let user = |role: Role| users.iter().find(|(r, _)| *r == role).map(|(_, id)| *id);
    if let (Some(staff), Some(head)) = (user(Role::Medewerker), user(Role::IctManager)) {
        store::set_manager(tx, staff, Some(head)).await?;
        let first = profiles.iter().find(|(_, p)| p.name == "Zelfredzaam").map(|(id, _)| *id);
        store::set_work_profile(tx, staff, first).await?;
    }
    Ok(())
}
