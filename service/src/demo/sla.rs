//! The demo contracts' SLA terms, entered as a regisseur would through the form and validated by the
//! same parser: contracts of vitaal vendors 99,8 % around the clock, the others 99,5 % on working days
//! 07:00-19:00 without Dutch public holidays. The staffel starts at the target (no credit without a
//! breach) and grows by 5 %, 10 % and 20 %, capped at 40 %; maintenance needs 5 days' notice;
//! incidents should be resolved within 4 hours (critical), 8 hours (major) or 2 days (minor). Vendors
//! with our own probe are measured on the worse of probe and vendor report, the others on the report.

use domain::sla::contract_terms::{ContractSlaTerms, SlaTermsForm, TierForm};
use domain::Invalid;

/// The form for a contract with a vendor whose contracts run around the clock (`always`) or in office
/// hours, measured with (`probe`) or without our own probe.
pub fn terms_form(always: bool, probe: bool) -> SlaTermsForm {
    let tiers: [(&str, &str); 3] = if always {
        [("99,8", "5"), ("99,5", "10"), ("99,0", "20")]
    } else {
        [("99,5", "5"), ("99,0", "10"), ("98,5", "20")]
    };
    let text = |s: &str| s.to_string();
    SlaTermsForm {
        target: text(if always { "99,8" } else { "99,5" }),
        window: text(if always { "always" } else { "weekly" }),
        weekdays: if always { Vec::new() } else { ["mon", "tue", "wed", "thu", "fri"].map(text).to_vec() },
        from: text(if always { "" } else { "07:00" }),
        to: text(if always { "" } else { "19:00" }),
        exclude_holidays: text(if always { "" } else { "on" }),
        period: text("month"),
        basis: text(if probe { "worst" } else { "vendor" }),
        degraded_counts: String::new(),
        notice_days: text("5"),
        resolution_minor: text("2880"),
        resolution_major: text("480"),
        resolution_critical: text("240"),
        staffel: tiers.iter().map(|(below, credit)| TierForm { below: text(below), credit: text(credit) }).collect(),
        cap: text("40"),
        monthly_fee: String::new(),
    }
}

/// The validated terms of [`terms_form`].
pub fn terms(always: bool, probe: bool) -> Result<ContractSlaTerms, Invalid> {
    ContractSlaTerms::parse(&terms_form(always, probe))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::sla::MeasurementBasis;

    #[test]
    fn every_kind_of_demo_terms_is_valid_and_starts_its_staffel_at_the_target() {
        for (always, probe) in [(true, true), (true, false), (false, true), (false, false)] {
            let t = terms(always, probe).unwrap_or_else(|e| panic!("{always} {probe}: {e:?}"));
            assert_eq!(t.terms.target_pct, if always { 99.8 } else { 99.5 });
            assert_eq!(t.terms.staffel[0].below_pct, t.terms.target_pct);
            assert_eq!(t.terms.credit_pct_for(domain::sla::terms::pct_units(t.terms.target_pct)), 0.0);
            assert_eq!(t.basis, if probe { MeasurementBasis::Worst } else { MeasurementBasis::Vendor });
            assert_eq!(
                (t.resolution.critical, t.resolution.major, t.resolution.minor),
                (Some(240), Some(480), Some(2880))
            );
        }
    }
}
