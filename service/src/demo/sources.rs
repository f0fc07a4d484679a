//! The demo's monitoring sources on the simulated vendors (`vendor-sim`): a Statuspage source per
//! vendor with its components mapped onto the vendor's services, an HTTP probe on the first service
//! of the first few vendors, and licence figures for the first two (against the seats purchased, with
//! the last days' values the simulator reported).

use super::{DemoSim, VENDORS};
use crate::ServiceError;
use chrono::{DateTime, Utc};
use domain::VendorServiceId;
use store::SourceId;

/// Vendors whose health endpoint also gets an HTTP probe.
pub(super) const HEALTH_PROBES: usize = 4;
/// Demo vendors whose licence use (usage.json) is read as figures.
const USAGE_SOURCES: usize = 2;

/// The sources seeded for one vendor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct VendorSources {
    /// The Statuspage source.
    pub page: SourceId,
    /// The services its components are mapped onto, in order.
    pub mapped: Vec<VendorServiceId>,
    /// The HTTP probe on the first service, if any.
    pub probe: Option<SourceId>,
}

/// One Statuspage source per demo vendor the simulator has, plus a health probe for the first few.
/// Returns, per vendor in order, its sources (`None` for a vendor the simulator does not have).
pub(super) async fn seed_sources(
    tx: &mut store::Tx,
    sim: &DemoSim,
    service_ids: &[Vec<VendorServiceId>],
    now: DateTime<Utc>,
) -> Result<Vec<Option<VendorSources>>, ServiceError> {
    let mut out = Vec::new();
    let base = sim.base_url.trim_end_matches('/');
    for (i, (v, services)) in VENDORS.iter().zip(service_ids).enumerate() {
        let (Some(components), Some(first)) = (sim.vendor_components.get(i), services.first()) else {
            out.push(None);
            continue;
        };
        let row = |kind: &str, name: String, config: serde_json::Value, interval_secs| store::NewSourceRow {
            service_id: *first,
            kind: kind.into(),
            name,
            config_json: config.to_string(),
            interval_secs,
            timeout_ms: 5000,
            enabled: true,
        };
        let page = row(
            "statuspage",
            format!("Statuspagina {}", v.name),
            serde_json::json!({ "base_url": format!("{base}/v/{i}") }),
            30,
        );
        let id = store::insert_source(tx, &page, now).await?;
        let map: Vec<store::SourceComponentRow> = components
            .iter()
            .zip(services)
            .map(|(c, s)| store::SourceComponentRow { vendor_component_id: c.clone(), service_id: Some(*s) })
            .collect();
        store::set_source_components(tx, id, &map).await?;
        let mut sources = VendorSources { page: id, mapped: services[..map.len()].to_vec(), probe: None };
        if i < HEALTH_PROBES {
            let probe = row(
                "http",
                format!("Beschikbaarheid {}", v.name),
                serde_json::json!({ "url": format!("{base}/v/{i}/health"), "expected_status": 200 }),
                15,
            );
            sources.probe = Some(store::insert_source(tx, &probe, now).await?);
        }
        if i < USAGE_SOURCES {
            // One figure: the source form edits one mapping (name, pointer and contracted number),
            // shown against the seats the vendor reports as purchased.
            let metrics = serde_json::json!({ "licenties_actief": "/seats/active" });
            let mut config = serde_json::json!({ "url": format!("{base}/v/{i}/usage.json"), "metrics": metrics });
            if let Some(seats) = sim.purchased_seats.get(i) {
                config["contracted"] = serde_json::json!({ "licenties_actief": seats });
            }
            let usage = row("json", format!("Licentiegebruik {}", v.name), config, 300);
            let id = store::insert_source(tx, &usage, now).await?;
            let history: Vec<store::MetricValue> = sim
                .daily_active_seats
                .get(i)
                .into_iter()
                .flatten()
                .map(|(at, seats)| store::MetricValue {
                    source_id: id,
                    name: "licenties_actief".into(),
                    at: *at,
                    value: f64::from(*seats),
                })
                .collect();
            store::insert_metric_values(tx, &history).await?;
        }
        out.push(Some(sources));
    }
    Ok(out)
}
