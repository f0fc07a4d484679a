//! SLA reports as CSV in the format of [`crate::csv`] (BOM, `;`, decimal commas, formulas defused),
//! with dates and times in Europe/Amsterdam as `dd-mm-jjjj uu:mm`.

use super::evaluate::{Finding, IntervalState, Reason, Treatment};
use super::period::to_local;
use super::views::{Overview, Report};
use crate::csv::{decimal, field, line, BOM};
use chrono::{DateTime, Utc};

fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", cents.unsigned_abs() / 100, cents.unsigned_abs() % 100)
}

fn local(t: DateTime<Utc>) -> String {
    to_local(t).format("%d-%m-%Y %H:%M").to_string()
}

fn state_nl(s: IntervalState) -> &'static str {
    match s {
        IntervalState::Up => "beschikbaar",
        IntervalState::Down => "storing",
        IntervalState::Degraded => "verminderd",
        IntervalState::Maintenance => "onderhoud",
    }
}

/// The Dutch sentence for a treatment and its reason.
pub fn reason_nl(f: &Finding) -> &'static str {
    match (f.treatment, f.reason) {
        (Treatment::OutsideWindow, _) => "buiten het servicevenster",
        (_, Reason::Down) => "telt als storing",
        (_, Reason::DegradedCountsAsDown) => "verminderd; telt volgens het contract als storing",
        (_, Reason::DegradedDoesNotCount) => "verminderd; telt volgens het contract niet als storing",
        (_, Reason::Up) => "beschikbaar",
        (_, Reason::MaintenanceAnnouncedInTime) => "onderhoud op tijd aangekondigd; telt niet mee",
        (_, Reason::MaintenanceAnnouncedLate) => "onderhoud te laat aangekondigd; telt als storing",
        (_, Reason::MaintenanceUnannounced) => "onderhoud niet aangekondigd; telt als storing",
        (_, Reason::OutsideWindow) => "buiten het servicevenster",
    }
}

fn treatment_nl(t: Treatment) -> &'static str {
    match t {
        Treatment::Downtime => "storing",
        Treatment::Excluded => "uitgesloten",
        Treatment::NotCounted => "telt niet",
        Treatment::OutsideWindow => "buiten venster",
    }
}

/// One contract's report: a block of figures, then every counted or excluded interval per service,
/// then the vendor incidents.
pub fn report_csv(r: &Report) -> String {
    let mut out = String::from(BOM);
    let basis = match r.terms.basis.key() {
        "probe" => "eigen meting",
        "vendor" => "rapportage leverancier",
        _ => "slechtste van beide",
    };
    out += &line(&["Contract".into(), field(&r.reference), field(&r.title)]);
    out += &line(&["Leverancier".into(), field(&r.vendor_name)]);
    out +=
        &line(&["Periode".into(), r.period.clone(), if r.running { "loopt nog".into() } else { "afgesloten".into() }]);
    out += &line(&["Meetbasis".into(), basis.into()]);
    out += &line(&["Norm (%)".into(), decimal(r.terms.terms.target_pct, 4)]);
    out += &line(&["Beschikbaarheid (%)".into(), r.availability_pct.map(|a| decimal(a, 4)).unwrap_or_default()]);
    let met = match (r.running, r.breach) {
        (true, _) => "loopt nog",
        (false, true) => "nee",
        (false, false) => "ja",
    };
    out += &line(&["Norm gehaald".into(), met.into()]);
    out += &line(&["Servicekorting (%)".into(), decimal(r.credit_pct, 2)]);
    out += &line(&["Servicekorting (EUR)".into(), money(r.credit_cents)]);
    out += &line(&["Maandbedrag (EUR)".into(), money(r.period_fee_cents)]);
    out += "\r\n";
    out += &line(
        &[
            "Dienst",
            "Servicevenster (min)",
            "Uitgesloten (min)",
            "Servicetijd (min)",
            "Storing (min)",
            "Beschikbaarheid (%)",
            "Eigen meting (%)",
            "Leverancier (%)",
            "Zonder meting (min)",
        ]
        .map(String::from),
    );
    for s in &r.services {
        let e = &s.counted;
        out += &line(&[
            field(&s.name),
            decimal(e.window_minutes, 1),
            decimal(e.excluded_minutes, 1),
            decimal(e.service_minutes, 1),
            decimal(e.downtime_minutes, 1),
            decimal(e.availability_pct, 4),
            s.probe_pct.map(|p| decimal(p, 4)).unwrap_or_default(),
            s.vendor_pct.map(|p| decimal(p, 4)).unwrap_or_default(),
            decimal(s.unmeasured_minutes, 1),
        ]);
    }
    out += "\r\n";
    out += &line(
        &["Dienst", "Toestand", "Begin", "Einde", "Minuten in venster", "Behandeling", "Reden"].map(String::from),
    );
    for s in &r.services {
        for f in Report::evidence(s) {
            out += &line(&[
                field(&s.name),
                state_nl(f.state).into(),
                local(f.start),
                local(f.end),
                decimal(f.minutes_in_window, 1),
                treatment_nl(f.treatment).into(),
                reason_nl(f).into(),
            ]);
        }
    }
    out += "\r\n";
    out += &line(
        &["Incident", "Impact", "Gemeld", "Opgelost", "Oplostijd (min)", "Norm (min)", "Norm gehaald"]
            .map(String::from),
    );
    for i in &r.incidents {
        out += &line(&[
            field(&i.name),
            match i.impact.as_str() {
                "critical" => "kritiek".into(),
                "major" => "groot".into(),
                "minor" => "klein".into(),
                "none" => "geen".into(),
                other => field(other),
            },
            local(i.created_at),
            i.resolved_at.map(local).unwrap_or_else(|| "open".into()),
            i.minutes.to_string(),
            i.target_minutes.map(|t| t.to_string()).unwrap_or_default(),
            match i.met {
                Some(true) => "ja".into(),
                Some(false) => "nee".into(),
                None => String::new(),
            },
        ]);
    }
    out
}

/// All contracts for one month: one line per contract.
pub fn overview_csv(o: &Overview) -> String {
    let mut out = String::from(BOM);
    out += &line(
        &[
            "Maand",
            "Contract",
            "Omschrijving",
            "Leverancier",
            "Periode",
            "Norm (%)",
            "Beschikbaarheid (%)",
            "Loopt nog",
            "Norm gehaald",
            "Servicekorting (EUR)",
            "Servicekorting dit jaar (EUR)",
            "Incidenten",
            "Oplostijd boven norm",
        ]
        .map(String::from),
    );
    for r in &o.rows {
        out += &line(&[
            o.month.clone(),
            field(&r.reference),
            field(&r.title),
            field(&r.vendor_name),
            r.period.clone(),
            r.target_pct.map(|t| decimal(t, 4)).unwrap_or_default(),
            r.availability_pct.map(|a| decimal(a, 4)).unwrap_or_default(),
            if r.running { "ja".into() } else { "nee".into() },
            match (r.target_pct, r.availability_pct) {
                (Some(_), Some(_)) if r.running => "loopt nog".into(),
                (Some(_), Some(_)) if r.breach => "nee".into(),
                (Some(_), Some(_)) => "ja".into(),
                _ => String::new(),
            },
            money(r.credit_cents),
            money(r.credits_year_cents),
            r.resolution.incidents.to_string(),
            r.resolution.missed.to_string(),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(decimal(99.7015, 4), "99,7015");
        assert_eq!(decimal(5.0, 2), "5,00");
        assert_eq!(money(5_000), "50,00");
        assert_eq!(money(-1), "-0,01");
    }
}
