//! The circuit breaker: a host that keeps failing is left alone for a cooldown, then probed once
//! (half-open); a failed probe opens it again, a successful one closes it.

use crate::support::*;
use chrono::Utc;
use domain::monitoring::CheckState;
use std::time::Duration;
use vendor_sim::{Scenario, SimClock};

#[tokio::test]
async fn the_breaker_opens_after_repeated_failures_and_half_opens_later() {
    // The vendor's health endpoint answers 503 during the outage (minutes 10-40).
    let clock = SimClock::fixed(Utc::now());
    clock.set_minute(15);
    let sim = sim(vec![Scenario::Outage { vendor: 0, component: 0, at: 10, minutes: 30 }], clock.clone()).await;
    let config = service::monitoring::SchedulerConfig { retries: 0, ..fast_config() };
    let spec = http(format!("{}/health", sim.vendor_url(0)));
    let (handle, mut rx) = start(vec![source(1, spec, 100, 500)], config);
    let limit = Duration::from_secs(5);
    let mut seen = Vec::new();

    // Three real failures (the threshold), then polls are skipped with a clear message.
    let skipped = wait_for(&mut rx, limit, &mut seen, |r| r.attempts == 0).await;
    let failures: Vec<_> = seen.iter().take_while(|r| r.attempts > 0).collect();
    assert_eq!(failures.len(), 3, "{seen:#?}");
    assert!(failures.iter().all(|r| r.check.status_code == Some(503)));
    let message = skipped.check.error.clone().unwrap_or_default();
    assert!(message.starts_with("Niet gecontroleerd") && message.contains("faalde 3 keer"), "{message}");
    assert_eq!(skipped.check.state, CheckState::Down);

    // After the cooldown one probe goes out; the vendor is still down, so the circuit opens again.
    let probe = wait_for(&mut rx, limit, &mut seen, |r| r.attempts > 0).await;
    assert_eq!(probe.check.status_code, Some(503));
    let skips_before_probe = seen.iter().skip(3).take_while(|r| r.attempts == 0).count();
    assert!(skips_before_probe >= 2, "the host was left alone for a while: {skips_before_probe}");
    wait_for(&mut rx, limit, &mut seen, |r| r.attempts == 0).await;

    // The vendor recovers: the next probe succeeds and polling is back to normal.
    clock.set_minute(50);
    wait_for(&mut rx, limit, &mut seen, |r| r.check.state == CheckState::Up).await;
    let after = collect(&mut rx, Duration::from_millis(500)).await;
    assert!(after.len() >= 2 && after.iter().all(|r| r.check.state == CheckState::Up && r.attempts == 1), "{after:#?}");
    handle.shutdown().await;
    sim.shutdown().await;
}
