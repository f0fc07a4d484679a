//! Valid source forms the source use-case tests share.

use domain::views_monitoring::SourceForm;

/// An HTTP source on a name under the reserved `.example` domain, which passes the address policy
/// when saved (it does not resolve) and fails a test at once, without contacting anyone.
pub fn http_form(name: &str) -> SourceForm {
    SourceForm {
        kind: "http".into(),
        name: name.into(),
        url: "http://portaal.leverancier.example/health".into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

pub fn json_form(name: &str) -> SourceForm {
    SourceForm {
        kind: "json".into(),
        name: name.into(),
        url: "https://api.leverancier.example/usage".into(),
        auth_header: "Authorization".into(),
        mappings: vec![domain::views_monitoring::MetricMapping {
            name: "gebruik".into(),
            pointer: "/used".into(),
            ..Default::default()
        }],
        interval_secs: "300".into(),
        enabled: true,
        ..Default::default()
    }
}

pub fn push_form(name: &str) -> SourceForm {
    SourceForm {
        kind: "push".into(),
        name: name.into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

/// A status page at `base`.
pub fn statuspage_form(name: &str, base: &str) -> SourceForm {
    SourceForm {
        kind: "statuspage".into(),
        name: name.into(),
        url: base.into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}
