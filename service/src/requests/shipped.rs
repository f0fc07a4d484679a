//! What Regiekamer ships for self-service: four published forms (access or licence, problem report,
//! work profile change, the "cloud, tenzij" intake for new software) and the four standard work
//! profiles. Created once, when none exist; the regie team changes them like its own afterwards.

use crate::audit::{append, record, Outcome};
use crate::auth::system_actor;
use crate::{ServiceError, Services};
use chrono::{DateTime, Utc};
use domain::requests::fields::FieldForm;
use domain::requests::{Approval, DeviceClass, FieldDef, FormPurpose, FormSettings, Measure, ProfileInput};
use domain::WorkProfileId;
use store::Tx;

/// The intake's answer that asks for custom software; it needs a reason (see `filing.rs`).
pub const INTAKE_CUSTOM: &str = "Nee, het moet maatwerk worden";

/// (label, kind, required, help, choices, extra) of a shipped field; `extra` is `toekomst` for dates,
/// `min..max` for numbers.
type F = (&'static str, &'static str, bool, &'static str, &'static str, &'static str);

/// (purpose, title, description, approval, handling days, fields) of a shipped form.
type Shipped = (FormPurpose, &'static str, &'static str, Approval, u32, &'static [F]);

#[rustfmt::skip]
const FORMS: &[Shipped] = &[
    (FormPurpose::Access, "Toegang of licentie aanvragen", "Vraag toegang tot een dienst of een licentie aan. Uw leidinggevende en de regie keuren goed.", Approval::Both, 5, &[
        ("Dienst", "dienst", true, "De dienst waarvoor u toegang of een licentie nodig hebt.", "", ""),
        ("Wat hebt u nodig?", "keuze", true, "", "Toegang tot de dienst\nEen licentie\nMeer rechten in de dienst", ""),
        ("Vanaf", "datum", true, "Vandaag of later.", "", "toekomst"),
        ("Toelichting", "lange_tekst", false, "Waarvoor hebt u het nodig?", "", ""),
    ]),
    (FormPurpose::Problem, "Storing melden", "Meld dat een dienst niet werkt. Is de storing al bekend, dan ziet u dat meteen.", Approval::None, 1, &[
        ("Dienst", "dienst", true, "De dienst die niet werkt.", "", ""),
        ("Wat gaat er mis?", "lange_tekst", true, "Wat deed u, en wat zag u gebeuren? Een foutmelding helpt.", "", ""),
        ("Sinds wanneer?", "datum", false, "", "", ""),
        ("Kunt u verder werken?", "ja_nee", false, "", "", ""),
    ]),
    (FormPurpose::Profile, "Werkprofiel wijzigen", "Kies een ander werkprofiel. Uw leidinggevende en de regie keuren goed; daarna regelt de regie de licenties.", Approval::Both, 10, &[
        ("Ingangsdatum", "datum", true, "Vandaag of later.", "", "toekomst"),
        ("Reden", "lange_tekst", false, "", "", ""),
    ]),
    (FormPurpose::Intake, "Nieuwe software voorstellen", "Cloud, tenzij: eerst een SaaS-dienst, dan een bestaand platform, maatwerk alleen met een reden. Uw antwoorden komen als intake bij de regie.", Approval::Regie, 20, &[
        ("Naam van de software", "tekst", true, "", "", ""),
        ("Welk probleem lost het op?", "lange_tekst", true, "", "", ""),
        ("Is het als clouddienst (SaaS) te krijgen?", "keuze", true, "", "Ja, als SaaS (clouddienst)\nNee, maar het kan op een bestaand platform\nNee, het moet maatwerk worden", ""),
        ("Waarom geen SaaS of platform?", "lange_tekst", false, "Verplicht bij maatwerk.", "", ""),
        ("Aantal gebruikers", "getal", true, "", "", "1..100000"),
        ("Verwerkt het persoonsgegevens?", "ja_nee", false, "", "", ""),
        ("Gewenste startdatum", "datum", false, "", "", "toekomst"),
    ]),
];

#[rustfmt::skip]
const PROFILES: &[(&str, &str, DeviceClass, &[Measure])] = &[
    ("Zelfredzaam", "Werkt zelfstandig op een eigen laptop met de standaard kantoordiensten; regelt zelf wat kan.", DeviceClass::Laptop, &[Measure::Mfa]),
    ("Ontzorgd", "Een beheerde vaste werkplek; alles wordt voor u geregeld, ondersteuning op locatie.", DeviceClass::Desktop, &[Measure::Mfa, Measure::ManagedDevice]),
    ("Veiligheid voor alles", "Voor wie met vertrouwelijke gegevens werkt: beheerd en versleuteld, alleen via de beveiligde verbinding.", DeviceClass::Laptop, &[Measure::Mfa, Measure::ManagedDevice, Measure::Encryption, Measure::Vpn]),
    ("Ultra mobiel", "Werkt overal: laptop en smartphone, alles in de cloud.", DeviceClass::LaptopAndPhone, &[Measure::Mfa, Measure::ManagedDevice, Measure::Encryption]),
];

fn fields(spec: &[F]) -> Result<Vec<FieldDef>, ServiceError> {
    let mut out: Vec<FieldDef> = Vec::new();
    for (label, kind, required, help, choices, extra) in spec {
        let (min, max) = extra.split_once("..").unwrap_or(("", ""));
        let form = FieldForm {
            label: (*label).into(),
            soort: (*kind).into(),
            verplicht: if *required { "on".into() } else { String::new() },
            hulptekst: (*help).into(),
            keuzes: (*choices).into(),
            minimum: min.into(),
            maximum: max.into(),
            maxlengte: String::new(),
            toekomst: if *extra == "toekomst" { "on".into() } else { String::new() },
        };
        let def = form.parse(&out).map_err(|e| ServiceError::Unexpected(format!("shipped field {label}: {e:?}")))?;
        out.push(def);
    }
    Ok(out)
}

/// Creates and publishes the shipped forms when there are no forms, and the standard profiles when
/// there are no profiles, inside `tx`; returns the profiles by name (empty when they existed).
pub(crate) async fn seed_defaults(
    tx: &mut Tx,
    now: DateTime<Utc>,
) -> Result<Vec<(WorkProfileId, ProfileInput)>, ServiceError> {
    let actor = system_actor();
    let forms: i64 = store::count_forms(tx).await?;
    if forms == 0 {
        for (purpose, title, description, approval, days, spec) in FORMS {
            let settings = FormSettings {
                title: (*title).into(),
                description: Some((*description).into()),
                approval: *approval,
                handling_days: *days,
            };
            let id = store::insert_form(tx, &settings, *purpose, &fields(spec)?, now).await?;
            store::publish_form(tx, id, None, now).await?;
        }
        let detail = format!("{} formulieren", FORMS.len());
        append(tx, record(now, &actor, "requests.defaults", "request_forms".into(), Outcome::Ok, Some(detail))).await?;
    }
    let mut created = Vec::new();
    if store::count_work_profiles(tx).await? == 0 {
        for (name, description, device, measures) in PROFILES {
            let p = ProfileInput {
                name: (*name).into(),
                description: Some((*description).into()),
                device: *device,
                measures: measures.to_vec(),
                services: Vec::new(),
                licences: Vec::new(),
            };
            let id = store::insert_work_profile(tx, &p, now).await?;
            created.push((id, p));
        }
        let detail = format!("{} werkprofielen", PROFILES.len());
        append(tx, record(now, &actor, "requests.defaults", "work_profiles".into(), Outcome::Ok, Some(detail))).await?;
    }
    Ok(created)
}

impl Services {
    /// Makes sure the shipped forms and profiles exist (run at start-up; idempotent).
    pub async fn ensure_self_service_defaults(&self) -> Result<(), ServiceError> {
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        seed_defaults(&mut tx, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_form_parses() {
        for (_, title, _, _, _, spec) in FORMS {
            let f = fields(spec).unwrap();
            assert_eq!(f.len(), spec.len(), "{title}");
        }
    }
}
