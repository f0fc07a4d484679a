//! The audit log as CSV for a spreadsheet (served by `server/src/http/audit_export.rs`), in the format
//! of `domain::csv`: each entry's sentence next to every code as recorded, the time in
//! Europe/Amsterdam and in UTC, and the entry's number in the chain.

use super::sentences::{actor_text, object_text, sentence};
use super::{result_label, M};
use crate::api::audit::AuditLine;
use crate::components::time::local_time_seconds;
use crate::i18n::{Label, Lang};
use chrono::SecondsFormat;
use domain::csv::{field, line, BOM};

crate::messages!(
    /// Column headings of the CSV export.
    C {
        Number => "Nr.", "No.";
        Local => "Tijdstip (Europe/Amsterdam)", "Time (Europe/Amsterdam)";
        Utc => "Tijdstip (UTC)", "Time (UTC)";
        ActorName => "Naam actor", "Actor name";
        Role => "Rol", "Role";
        ObjectName => "Naam object", "Object name";
    }
);

/// The CSV text: a heading line, then one line per entry in the given order.
pub fn audit_csv(lines: &[AuditLine], lang: Lang) -> String {
    let mut out = String::from(BOM);
    out += &line(
        &[
            C::Number.t(lang),
            C::Local.t(lang),
            C::Utc.t(lang),
            M::Event.t(lang),
            M::Actor.t(lang),
            C::ActorName.t(lang),
            C::Role.t(lang),
            M::Action.t(lang),
            M::Object.t(lang),
            C::ObjectName.t(lang),
            M::Result.t(lang),
            M::Origin.t(lang),
            M::Detail.t(lang),
        ]
        .map(field),
    );
    for l in lines {
        out += &line(&[
            l.id.to_string(),
            local_time_seconds(l.at),
            l.at.to_rfc3339_opts(SecondsFormat::Micros, true),
            field(&sentence(l, lang)),
            field(&l.actor),
            field(&actor_text(l, lang)),
            l.actor_name.as_ref().map(|(_, role)| role.label(lang).to_string()).unwrap_or_default(),
            field(&l.action),
            field(&l.object),
            field(&object_text(l, lang)),
            field(&result_label(&l.result, lang)),
            field(&l.origin),
            field(l.detail.as_deref().unwrap_or_default()),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn entries_become_lines_with_local_and_utc_time_and_defused_text() {
        let l = AuditLine {
            id: 42,
            at: chrono::Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).single().unwrap_or_default(),
            actor: "anna".into(),
            action: "vendor.create".into(),
            object: "vendor:7".into(),
            result: "ok".into(),
            origin: "127.0.0.1".into(),
            detail: Some("=HYPERLINK(\"x\")".into()),
            actor_name: Some(("Anna de Vries".into(), domain::Role::Regisseur)),
            object_name: Some("Zaakwijs; Noord".into()),
            object_href: None,
        };
        let csv = audit_csv(&[l], Lang::Nl);
        assert!(csv.starts_with("\u{feff}Nr.;Tijdstip (Europe/Amsterdam);Tijdstip (UTC);Gebeurtenis;"), "{csv}");
        let row = csv.lines().nth(1).unwrap_or_default();
        assert_eq!(
            row,
            "42;01-07-2026 12:00:00;2026-07-01T10:00:00.000000Z;\"Anna de Vries (Regisseur) heeft leverancier Zaakwijs; Noord aangemaakt\";anna;Anna de Vries (Regisseur);Regisseur;vendor.create;vendor:7;\"Zaakwijs; Noord\";Gelukt;127.0.0.1;\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert!(csv.ends_with("\r\n"));
    }
}
