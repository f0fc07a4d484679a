//! A source's secret (a vendor API key): set on its own, or together with the settings in one
//! update. Sealed with `secrets.key` and bound to the source's id; because the id says nothing about
//! where the key is sent, a settings update that moves the address to another origin removes it.

use super::NO_KEY;
use crate::audit::{append, record, Outcome};
use crate::monitoring::secret_aad;
use crate::policy::Action;
use crate::secrets::{seal, Secret};
use crate::{Actor, ServiceError, Services};
use domain::{Invalid, Problem};
use serde_json::Value;
use store::{NewSourceRow, SourceId, Tx};

/// The longest secret accepted, in characters (the form's field allows as many).
pub const MAX_SECRET_CHARS: u32 = 4_000;

/// What a settings update does with the source's secret. The secret never leaves in `Debug`.
#[derive(Debug, Clone, Default)]
pub enum SecretChange {
    /// Leave it as it is; it is still removed when the address moves to another origin.
    #[default]
    Keep,
    /// Remove it.
    Remove,
    /// Replace it (empty text after trimming removes it).
    Set(Secret),
}

/// A [`SecretChange`] after sealing: what to write.
pub(super) enum Sealed {
    Keep,
    Write(Option<String>),
}

impl Services {
    /// Sets (`Some`) or removes (`None`, or empty text) a source's secret, sealed with `secrets.key`.
    /// Write-only: no use case returns it. `Conflict("secrets.key is not configured")` without a key.
    #[tracing::instrument(skip_all, fields(source = id))]
    pub async fn set_source_secret(&self, actor: &Actor, id: i64, secret: Option<String>) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageSources, "source.secret", format!("source:{id}")).await?;
        let change = secret.map_or(SecretChange::Remove, |s| SecretChange::Set(Secret::new(s)));
        let Sealed::Write(sealed) = self.seal_change(SourceId(id), change)? else {
            return Ok(());
        };
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        write_secret(&mut tx, actor, SourceId(id), sealed.as_deref(), None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Checks and seals `change` for source `id`: `Invalid` at `secret` when it is too long,
    /// `Conflict(NO_KEY)` when a secret is set without a configured key.
    pub(super) fn seal_change(&self, id: SourceId, change: SecretChange) -> Result<Sealed, ServiceError> {
        let secret = match change {
            SecretChange::Keep => return Ok(Sealed::Keep),
            SecretChange::Remove => return Ok(Sealed::Write(None)),
            SecretChange::Set(secret) => secret,
        };
        let text = secret.expose().trim();
        if text.is_empty() {
            return Ok(Sealed::Write(None));
        }
        if text.chars().count() > MAX_SECRET_CHARS as usize {
            return Err(Invalid::one("secret", Problem::TooLong { max: MAX_SECRET_CHARS }).into());
        }
        let key = self.monitoring_settings().secret_key.as_ref().ok_or_else(|| {
            tracing::warn!("a source secret was set without secrets.key");
            ServiceError::Conflict(NO_KEY.to_string())
        })?;
        Ok(Sealed::Write(Some(seal(key, text, &secret_aad(id)))))
    }
}

/// Stores (or removes) the sealed secret and audits it; `why` explains a removal the user did not ask for.
pub(super) async fn write_secret(
    tx: &mut Tx,
    actor: &Actor,
    id: SourceId,
    sealed: Option<&str>,
    why: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ServiceError> {
    store::set_source_secret(tx, id, sealed, now).await?;
    let detail = match (sealed, why) {
        (Some(_), _) => "set".to_string(),
        (None, None) => "removed".to_string(),
        (None, Some(why)) => format!("removed: {why}"),
    };
    append(tx, record(now, actor, "source.secret", format!("source:{id}"), Outcome::Ok, Some(detail))).await
}

/// The origin (scheme, host and port) the source's requests go to; `None` when it has no address.
pub(super) fn origin(row: &NewSourceRow) -> Option<String> {
    let config: Value = serde_json::from_str(&row.config_json).ok()?;
    let address = config.get("url").or_else(|| config.get("base_url")).and_then(Value::as_str)?;
    Some(url::Url::parse(address.trim()).ok()?.origin().ascii_serialization())
}
