//! Licence use from a JSON monitoring source: a licence linked to a source takes its figures (named
//! for assigned and for active seats) as its newest measurement whenever they are newer than the last
//! imported report, and their last value of each month as its history.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::Datelike;
use domain::text::optional_text;
use domain::views_licences::{JsonSourceOption, LicenceSource, LicenceView, UsageSnapshot};
use domain::{Invalid, LicenceId, Problem};

/// The longest figure name.
const MAX_METRIC: u32 = 100;

fn seats(v: f64) -> u32 {
    if v.is_finite() && v > 0.0 {
        v.round().min(f64::from(u32::MAX)) as u32
    } else {
        0
    }
}

impl Services {
    /// The JSON sources a licence can be linked to, with the figures each has read.
    #[tracing::instrument(skip_all)]
    pub async fn licence_sources(&self, actor: &Actor) -> Result<Vec<JsonSourceOption>, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", "licence_sources".into()).await?;
        let mut out = Vec::new();
        for s in store::list_sources(self.db()).await? {
            if s.settings.kind != "json" {
                continue;
            }
            let metrics = store::latest_metric_values(self.db(), s.id).await?.into_iter().map(|m| m.name).collect();
            out.push(JsonSourceOption {
                id: s.id.0,
                label: format!("{}: {}", s.vendor_name, s.settings.name),
                metrics,
            });
        }
        Ok(out)
    }

    /// Links a licence to a JSON source (`source` `None` unlinks it) with the names of the figures
    /// for assigned and for active seats (at least one).
    #[tracing::instrument(skip_all, fields(licence = %id))]
    pub async fn link_licence_source(
        &self,
        actor: &Actor,
        id: LicenceId,
        source: Option<i64>,
        assigned: &str,
        active: &str,
    ) -> Result<(), ServiceError> {
        let object = format!("licence:{id}");
        self.guard(actor, Action::ManageCosts, "costs.licence.source", object.clone()).await?;
        let link = match source {
            None => None,
            Some(source_id) => {
                let mut inv = Invalid::default();
                let assigned_metric = inv.take(optional_text("toegewezen", assigned, MAX_METRIC)).flatten();
                let active_metric = inv.take(optional_text("actief", active, MAX_METRIC)).flatten();
                if inv.is_empty() && assigned_metric.is_none() && active_metric.is_none() {
                    inv.push("actief", Problem::Required);
                }
                match store::get_source(self.db(), store::SourceId(source_id)).await {
                    Ok(s) if s.settings.kind == "json" => {}
                    Ok(_) | Err(store::StoreError::NotFound) => inv.push("bron", Problem::UnknownChoice),
                    Err(e) => return Err(e.into()),
                }
                inv.into_result()?;
                Some(LicenceSource { source_id, source_name: String::new(), assigned_metric, active_metric })
            }
        };
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::set_licence_source(&mut tx, id, link.as_ref(), now).await?;
        let detail = match &link {
            Some(l) => format!(
                "bron {}: toegewezen {}, actief {}",
                l.source_id,
                l.assigned_metric.as_deref().unwrap_or("-"),
                l.active_metric.as_deref().unwrap_or("-")
            ),
            None => "geen bron".into(),
        };
        append(&mut tx, record(now, actor, "costs.licence.source", object, Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The licences with the linked sources' figures as their newest measurement where newer.
    pub(crate) async fn with_source_figures(
        &self,
        mut views: Vec<LicenceView>,
    ) -> Result<Vec<LicenceView>, ServiceError> {
        for l in &mut views {
            let Some(src) = &l.source else { continue };
            let latest = store::latest_metric_values(self.db(), store::SourceId(src.source_id)).await?;
            let value = |name: &Option<String>| {
                name.as_ref().and_then(|n| latest.iter().find(|m| &m.name == n)).map(|m| (m.at, seats(m.value)))
            };
            let (assigned, active) = (value(&src.assigned_metric), value(&src.active_metric));
            let Some(at) = assigned.or(active).map(|(at, _)| at.date_naive()) else { continue };
            if l.latest.as_ref().is_some_and(|u| u.measured_on > at) {
                continue;
            }
            let active = active.map(|(_, n)| n);
            let assigned = assigned.map(|(_, n)| n).or(l.latest.as_ref().map(|u| u.assigned)).or(active).unwrap_or(0);
            let active = active.unwrap_or(assigned);
            l.latest = Some(UsageSnapshot {
                measured_on: at,
                origin: "bron".into(),
                assigned,
                active,
                inactive_30: None,
                inactive_60: None,
                inactive_90: None,
            });
        }
        Ok(views)
    }

    /// The linked source's last value of each month (active seats, and assigned where named), for
    /// the months without a stored measurement.
    pub(crate) async fn source_months(
        &self,
        l: &LicenceView,
        months: &mut Vec<UsageSnapshot>,
    ) -> Result<(), ServiceError> {
        let Some(src) = &l.source else { return Ok(()) };
        let since = self.clock().now() - chrono::Duration::days(400);
        let daily = store::daily_metric_values(self.db(), store::SourceId(src.source_id), since).await?;
        let mut by_month: std::collections::BTreeMap<(i32, u32), UsageSnapshot> = std::collections::BTreeMap::new();
        for m in daily {
            let is_active = src.active_metric.as_deref() == Some(m.name.as_str());
            let is_assigned = src.assigned_metric.as_deref() == Some(m.name.as_str());
            if !is_active && !is_assigned {
                continue;
            }
            let day = m.at.date_naive();
            let e = by_month.entry((day.year(), day.month())).or_insert_with(|| UsageSnapshot {
                measured_on: day,
                origin: "bron".into(),
                assigned: 0,
                active: 0,
                inactive_30: None,
                inactive_60: None,
                inactive_90: None,
            });
            e.measured_on = e.measured_on.max(day);
            if is_active {
                e.active = seats(m.value);
            }
            if is_assigned {
                e.assigned = seats(m.value);
            }
        }
        for (key, mut snap) in by_month {
            if snap.assigned == 0 {
                snap.assigned = snap.active;
            }
            if !months.iter().any(|u| (u.measured_on.year(), u.measured_on.month()) == key) {
                months.push(snap);
            }
        }
        months.sort_by_key(|u| u.measured_on);
        Ok(())
    }
}
