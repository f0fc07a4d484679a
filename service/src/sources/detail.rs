//! The source page's read: the source with its status and cause, the last failure and state history
//! of the last 24 hours, one page of its checks, the vendor's open incidents and upcoming maintenance,
//! and its figures against their contracted numbers with a 30-day trend. Checks are read a page at a
//! time: a source polled every 30 seconds has 2,880 a day.

use super::views::{open_causes, plain_error, status_view_for};
use super::{vendor, view};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::TimeDelta;
use domain::views_monitoring::{DailyValue, LastError, MetricReading, SourceDetail, CHECKS_PER_PAGE};
use serde_json::Value;
use store::{EventScope, SourceId};

/// The most runs of one state the history shows (a flapping source has many).
const MAX_RUNS: u32 = 200;
/// Days of a figure's trend.
const TREND_DAYS: i64 = 30;
/// The highest page number asked for that is still read (beyond it the page is empty anyway).
const MAX_PAGE: u32 = 100_000;

impl Services {
    /// The source page with the first page of checks.
    pub async fn source_detail(&self, actor: &Actor, id: i64) -> Result<SourceDetail, ServiceError> {
        self.source_detail_page(actor, id, 1).await
    }

    /// The source page with page `page` (from 1) of the last 24 hours' checks, newest first.
    #[tracing::instrument(skip_all, fields(source = id, page))]
    pub async fn source_detail_page(&self, actor: &Actor, id: i64, page: u32) -> Result<SourceDetail, ServiceError> {
        self.guard(actor, Action::ViewMonitoring, "source.view", format!("source:{id}")).await?;
        let id = SourceId(id);
        let page = page.clamp(1, MAX_PAGE);
        let v = store::list_sources(self.db()).await?.into_iter().find(|s| s.id == id).ok_or(ServiceError::NotFound)?;
        let components = self.components(id, &v.settings.kind).await?;
        let mut source = view(&v, components);
        source.status = status_view_for(self, id, v.settings.interval_secs).await?;
        let now = self.clock().now();
        source.cause = open_causes(self, now).await?.remove(&id);
        let since = now - TimeDelta::hours(24);
        let offset = u64::from(page - 1) * u64::from(CHECKS_PER_PAGE);
        let checks = store::checks_page(self.db(), id, since, CHECKS_PER_PAGE, offset).await?;
        let checks_total = store::count_checks_since(self.db(), id, since).await?;
        let history = store::check_runs(self.db(), id, since, MAX_RUNS).await?;
        let last_error = store::latest_failed_check(self.db(), id, since).await?.map(|c| LastError {
            at: c.at,
            state: c.state,
            message: plain_error(&c),
        });
        let scope = EventScope::Service(v.settings.service_id);
        let mut open_incidents = Vec::new();
        for i in store::open_incidents(self.db(), scope).await?.into_iter().filter(|i| i.origin.source_id == id) {
            open_incidents.push(self.incident_view(i).await?);
        }
        let upcoming_maintenances = store::upcoming_maintenances(self.db(), scope, now)
            .await?
            .into_iter()
            .filter(|m| m.origin.source_id == id)
            .map(vendor::maintenance_view)
            .collect();
        let contracted = contracted_numbers(&v.settings.config_json);
        let daily = store::daily_metric_values(self.db(), id, now - TimeDelta::days(TREND_DAYS)).await?;
        let metrics = store::latest_metric_values(self.db(), id)
            .await?
            .into_iter()
            .map(|m| MetricReading {
                contracted: contracted.get(&m.name).and_then(Value::as_u64),
                trend: daily
                    .iter()
                    .filter(|d| d.name == m.name)
                    .map(|d| DailyValue { day: d.at.date_naive(), value: d.value })
                    .collect(),
                name: m.name,
                value: m.value,
                at: m.at,
            })
            .collect();
        Ok(SourceDetail {
            source,
            last_error,
            checks,
            checks_total,
            page,
            history,
            open_incidents,
            upcoming_maintenances,
            metrics,
        })
    }
}

/// The contracted number per figure name, as the source form stores it (`"contracted"`).
fn contracted_numbers(config_json: &str) -> serde_json::Map<String, Value> {
    match serde_json::from_str::<Value>(config_json) {
        Ok(Value::Object(mut config)) => match config.remove("contracted") {
            Some(Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        },
        _ => serde_json::Map::new(),
    }
}
