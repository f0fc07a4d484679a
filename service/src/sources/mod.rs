//! Use cases for monitoring sources: list and show them, add, change and remove them, set their
//! (write-only, sealed) secret, issue push tokens, accept pushed checks and test a source once.
//! Every change is audited in the transaction that makes it.

use crate::audit::{append, record, Outcome};
use crate::error::duplicate_at;
use crate::monitoring::SourceSpec;
use crate::policy::Action;
use crate::secrets::Secret;
use crate::source_test::{self, HttpExpectation, SourceKind, SourceTest, Target};
use crate::{Actor, ServiceError, Services};
use domain::views_monitoring::{ComponentMapping, ParsedSource, SourceForm, SourceView};
use domain::{Invalid, Problem, VendorServiceId};
use serde_json::Value;
mod address;
mod components;
mod detail;
mod push;
mod secret;
mod vendor;
mod views;

pub use components::MAX_COMPONENTS;
pub use push::{push_token_hash, MAX_PUSH_BYTES};
pub use secret::{SecretChange, MAX_SECRET_CHARS};

use store::{NewSourceRow, SourceComponentRow, SourceId};

/// The conflict message when a secret is set without a configured key.
pub const NO_KEY: &str = "secrets.key is not configured";

impl Services {
    #[tracing::instrument(skip_all)]
    pub async fn list_sources(&self, actor: &Actor) -> Result<Vec<SourceView>, ServiceError> {
        self.guard(actor, Action::ViewMonitoring, "source.list", "sources".into()).await?;
        self.source_views().await
    }

    /// Adds a source for `service_id`; returns its id.
    #[tracing::instrument(skip_all, fields(service = service_id))]
    pub async fn add_source(&self, actor: &Actor, service_id: i64, form: &SourceForm) -> Result<i64, ServiceError> {
        self.guard(actor, Action::ManageSources, "source.create", format!("service:{service_id}")).await?;
        let p = parse_form(form)?;
        self.check_source_address(&p).await?;
        let row = new_row(VendorServiceId(service_id), &p);
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_source(&mut tx, &row, now).await.map_err(unknown_service)?;
        store::set_source_components(&mut tx, id, &component_rows(&p.components))
            .await
            .map_err(duplicate_at("components"))?;
        append(&mut tx, record(now, actor, "source.create", format!("source:{id}"), Outcome::Ok, Some(p.name.clone())))
            .await?;
        tx.commit().await?;
        Ok(id.0)
    }

    /// Replaces a source's settings and, in the same transaction, changes its secret as `secret` says
    /// (so a refused form changes nothing). The push token and component map stay (see
    /// `map_source_components`). A kept secret is removed when the address moves to another origin
    /// (scheme, host or port): the secret is bound to the source, not to where it is sent, so whoever
    /// may edit the source could otherwise point it at their own server and receive the key.
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn update_source(
        &self,
        actor: &Actor,
        id: i64,
        form: &SourceForm,
        secret: SecretChange,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageSources, "source.update", format!("source:{id}")).await?;
        let (p, sealed) = match (parse_form(form), self.seal_change(SourceId(id), secret)) {
            (Ok(p), Ok(sealed)) => (p, sealed),
            (Err(ServiceError::Invalid(mut form)), Err(ServiceError::Invalid(secret))) => {
                form.0.extend(secret.0);
                return Err(form.into());
            }
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        self.check_source_address(&p).await?;
        let current = store::get_source(self.db(), SourceId(id)).await?;
        let row = new_row(current.settings.service_id, &p);
        let moved = current.secret_sealed.is_some() && secret::origin(&current.settings) != secret::origin(&row);
        let write = match sealed {
            secret::Sealed::Write(sealed) => Some((sealed, None)),
            secret::Sealed::Keep if moved => Some((None, Some("the address moved to another origin"))),
            secret::Sealed::Keep => None,
        };
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::update_source(&mut tx, SourceId(id), &row, now).await?;
        if let Some((sealed, why)) = write {
            secret::write_secret(&mut tx, actor, SourceId(id), sealed.as_deref(), why, now).await?;
        }
        if p.kind != "push" && current.push_token_hash.is_some() {
            store::set_source_push_token_hash(&mut tx, SourceId(id), None, now).await?;
        }
        append(&mut tx, record(now, actor, "source.update", format!("source:{id}"), Outcome::Ok, Some(p.name.clone())))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a source with its checks, intervals, rollups and vendor events.
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn remove_source(&self, actor: &Actor, id: i64) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageSources, "source.delete", format!("source:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::delete_source(&mut tx, SourceId(id)).await?;
        append(&mut tx, record(now, actor, "source.delete", format!("source:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Fetches a source once through the guarded client and returns what was understood (the report
    /// of `regiekamer source test`; `"ok": false` with `error_nl` when the fetch or parse failed).
    /// Sends no secret. Audited.
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn test_source(&self, actor: &Actor, id: i64) -> Result<Value, ServiceError> {
        self.guard(actor, Action::ManageSources, "source.test", format!("source:{id}")).await?;
        let row = store::get_source(self.db(), SourceId(id)).await?;
        let report = match test_of(&row.settings.kind, &row.settings.config_json) {
            None => serde_json::json!({
                "ok": false,
                "error": "push sources are not fetched",
                "error_nl": "Een push-bron wordt niet opgevraagd; zij stuurt zelf resultaten.",
            }),
            Some(test) => {
                let mut guard = self.monitoring_settings().guard.clone();
                guard.total_timeout = std::time::Duration::from_millis(u64::from(row.settings.timeout_ms.max(1)));
                match crate::outbound::GuardedClient::new(guard) {
                    Ok(client) => {
                        source_test::run(&client, &test).await.unwrap_or_else(|e| source_test::error_report(&e))
                    }
                    Err(e) => source_test::error_report(&source_test::SourceTestError::Client(e)),
                }
            }
        };
        let ok = report.get("ok").and_then(Value::as_bool).unwrap_or(false);
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let detail = if ok { "ok" } else { "failed" };
        append(&mut tx, record(now, actor, "source.test", format!("source:{id}"), Outcome::Ok, Some(detail.into())))
            .await?;
        tx.commit().await?;
        Ok(report)
    }

    async fn components(&self, id: SourceId, kind: &str) -> Result<Vec<ComponentMapping>, ServiceError> {
        if kind != "statuspage" {
            return Ok(Vec::new());
        }
        Ok(store::source_components(self.db(), id)
            .await?
            .into_iter()
            .map(|c| ComponentMapping { vendor_component_id: c.vendor_component_id, service_id: c.service_id })
            .collect())
    }
}

/// The form's field checks, then the poller's own reading of the settings, so that what is saved
/// can be polled.
fn parse_form(form: &SourceForm) -> Result<ParsedSource, ServiceError> {
    let p = form.parse()?;
    if p.kind != "push" {
        let components = component_rows(&p.components);
        // A placeholder secret: the real one is set separately and must not be required here.
        let placeholder = Some(Secret::new("placeholder"));
        if let Err(e) = SourceSpec::parse(&p.kind, &p.config_json, &components, placeholder) {
            let (field, problem) = match e.field.as_str() {
                "url" | "base_url" => ("url", Problem::UrlFormat),
                "metrics" => ("mappings", Problem::UnknownChoice),
                "method" | "keyword" | "json_pointer" | "expected_status" => (e.field.as_str(), Problem::UnknownChoice),
                _ => ("kind", Problem::UnknownChoice),
            };
            return Err(ServiceError::Invalid(Invalid::one(field, problem)));
        }
    }
    Ok(p)
}

fn new_row(service_id: VendorServiceId, p: &ParsedSource) -> NewSourceRow {
    NewSourceRow {
        service_id,
        kind: p.kind.clone(),
        name: p.name.clone(),
        config_json: p.config_json.clone(),
        interval_secs: p.interval_secs,
        timeout_ms: p.timeout_ms,
        enabled: p.enabled,
    }
}

fn component_rows(c: &[ComponentMapping]) -> Vec<SourceComponentRow> {
    c.iter()
        .map(|c| SourceComponentRow { vendor_component_id: c.vendor_component_id.clone(), service_id: c.service_id })
        .collect()
}

/// An unknown service is `NotFound`.
fn unknown_service(e: store::StoreError) -> ServiceError {
    match e {
        store::StoreError::Conflict(c) if c == "foreign_key" => ServiceError::NotFound,
        other => other.into(),
    }
}

fn view(v: &store::SourceView, components: Vec<ComponentMapping>) -> SourceView {
    let s = &v.settings;
    SourceView {
        id: v.id.0,
        service_id: s.service_id,
        service_name: v.service_name.clone(),
        vendor_id: v.vendor_id,
        vendor_name: v.vendor_name.clone(),
        kind: s.kind.clone(),
        name: s.name.clone(),
        form: SourceView::form_from(
            &s.kind,
            &s.name,
            &s.config_json,
            components,
            s.interval_secs,
            s.timeout_ms,
            s.enabled,
        ),
        interval_secs: s.interval_secs,
        timeout_ms: s.timeout_ms,
        enabled: s.enabled,
        has_secret: v.has_secret,
        has_push_token: v.has_push_token,
        created_at: v.created_at,
        updated_at: v.updated_at,
        status: None,
        cause: None,
    }
}

/// The one-off test for a stored source; `None` for push sources.
fn test_of(kind: &str, config_json: &str) -> Option<SourceTest> {
    let config: Value = serde_json::from_str(config_json).unwrap_or(Value::Null);
    let text = |key: &str| config.get(key).and_then(Value::as_str).map(str::to_string);
    let (kind, url, expect) = match kind {
        "http" => (
            SourceKind::Http,
            text("url")?,
            HttpExpectation {
                expect_status: Some(
                    config
                        .get("expected_status")
                        .and_then(Value::as_u64)
                        .and_then(|c| u16::try_from(c).ok())
                        .unwrap_or(200),
                ),
                keyword: text("keyword"),
                pointers: text("json_pointer").into_iter().collect(),
            },
        ),
        "statuspage" => (
            SourceKind::Statuspage,
            format!("{}/api/v2/summary.json", text("base_url")?.trim_end_matches('/')),
            HttpExpectation::default(),
        ),
        "json" => (
            SourceKind::Json,
            text("url")?,
            HttpExpectation {
                pointers: config
                    .get("metrics")
                    .and_then(Value::as_object)
                    .map(|m| m.values().filter_map(Value::as_str).map(str::to_string).collect())
                    .unwrap_or_default(),
                ..Default::default()
            },
        ),
        _ => return None,
    };
    Some(SourceTest { kind, target: Target::Url(url), expect })
}
