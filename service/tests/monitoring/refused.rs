//! A source whose address our own guard refuses is a configuration error on our side, not vendor
//! downtime: its check says so, and it reports no state for the vendor's service (state intervals,
//! and so the SLA figures, are built from those states only).

use crate::support::*;
use domain::monitoring::CheckState;
use domain::VendorServiceId;
use service::monitoring::connectors::poll;
use vendor_sim::SimClock;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_source_refused_by_the_guard_reports_no_state_for_the_vendors_service() {
    // Only 127.0.0.1/32 is allow-listed: 127.0.0.2 is refused before anything is sent.
    for spec in [http("http://127.0.0.2:9/health"), statuspage("http://127.0.0.2:9".into(), Vec::new())] {
        let refused = source(1, spec, 1000, 1000);
        let r = poll(&client(), &refused, chrono::Utc::now()).await;
        let error = r.check.error.clone().unwrap_or_default();
        assert!(error.starts_with("Niet gemeten: de instellingen van Regiekamer"), "{error}");
        assert!(error.contains("127.0.0.2") && error.contains("mag niet worden benaderd"), "{error}");
        assert!(r.states.is_empty(), "the vendor's service gets no state: {r:?}");
        assert_eq!(r.check.state, CheckState::Down, "the source itself failed");
    }

    // A vendor endpoint that answers with an error does count against its service.
    let vendor = sim(Vec::new(), SimClock::real()).await;
    let failing = source(2, http(format!("{}/fault/5xx", vendor.base_url())), 1000, 1000);
    let r = poll(&client(), &failing, chrono::Utc::now()).await;
    assert_eq!(r.states, [(VendorServiceId(2), CheckState::Down)]);
    assert!(!r.check.error.unwrap_or_default().starts_with("Niet gemeten"));
    vendor.shutdown().await;
}
