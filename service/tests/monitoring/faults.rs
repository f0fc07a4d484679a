//! The fault-mode matrix: every hostile endpoint of the simulator at once, each on its own simulator
//! (so its own host:port), next to one healthy source whose schedule must not suffer.

use crate::support::*;
use domain::monitoring::CheckState;
use service::monitoring::SourceSpec;
use std::time::Duration;
use vendor_sim::SimClock;

/// A fault endpoint's path, the kind of source that polls it, and what its recorded error must say
/// (`|` separates accepted alternatives).
type Row = (&'static str, fn(String) -> SourceSpec, &'static str);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hostile_vendors_get_a_clear_error_and_do_not_delay_a_healthy_one() {
    let table: [Row; 12] = [
        ("/fault/slow?ms=3000", http, "antwoordde niet binnen"),
        ("/fault/hang", http, "antwoordde niet binnen"),
        ("/fault/reset", http, "kon niet worden gelezen|geen verbinding"),
        ("/fault/5xx", http, "status 503; verwacht was 200"),
        ("/fault/truncated", |u| json(u, &[("pagina", "/page/id")]), "geen leesbare JSON"),
        ("/fault/deep", |u| http_json(u, "/0"), "geen leesbare JSON"),
        ("/fault/huge", http, "groter dan de toegestane 256 KiB"),
        ("/fault/gzip-bomb?mib=64", http, "groter dan de toegestane 256 KiB"),
        ("/fault/endless", http, "groter dan de toegestane 256 KiB"),
        ("/fault/redirect-loop", http, "verwees te vaak door"),
        ("/fault/redirect-private?to=http://10.0.0.1/", http, "doorverwijzing naar http://10.0.0.1/ is geweigerd"),
        ("/fault/self-signed", http, "beveiligde verbinding"),
    ];
    let mut sims = Vec::new();
    let mut sources = Vec::new();
    for (i, (path, spec, _)) in table.iter().enumerate() {
        let s = sim(Vec::new(), SimClock::real()).await;
        sources.push(source(i as i64 + 1, spec(format!("{}{path}", s.base_url())), 200, 500));
        sims.push(s);
    }
    let healthy = sim(Vec::new(), SimClock::real()).await;
    sources.push(source(100, http(format!("{}/health", healthy.vendor_url(0))), 200, 500));

    let (handle, mut rx) = start(sources, fast_config());
    let window = Duration::from_secs(5);
    let results = collect(&mut rx, window).await;
    handle.shutdown().await;

    let of = |id: i64| results.iter().filter(move |r| r.source.0 == id);
    // 200 ms interval over 5 s is about 25 polls; asking for 15 leaves room for a slow machine.
    let healthy_checks: Vec<_> = of(100).collect();
    assert!(healthy_checks.len() >= 15, "healthy source polled only {} times", healthy_checks.len());
    assert!(healthy_checks.iter().all(|r| r.check.state == CheckState::Up && r.check.error.is_none()));
    for (i, (path, _, expected)) in table.iter().enumerate() {
        let id = i as i64 + 1;
        let attempted: Vec<_> = of(id).filter(|r| r.attempts > 0).collect();
        assert!(!attempted.is_empty(), "{path}: no result at all");
        for r in &attempted {
            assert_eq!(r.check.state, CheckState::Down, "{path}: {r:?}");
            let error = r.check.error.as_deref().unwrap_or_default();
            assert!(
                expected.split('|').any(|e| error.contains(e)),
                "{path}: error {error:?} does not say {expected:?}"
            );
        }
    }
    for s in sims {
        s.shutdown().await;
    }
    healthy.shutdown().await;
}
