//! Reading the enabled sources from the store for the scheduler: settings parsed into
//! [`Source`]s, component maps attached and secrets opened. A source that cannot be used is
//! reported, not polled, and does not stop the others.

use super::source::{Source, SourceError};
use crate::secrets::{open_with_any, SecretKey};
use store::{Db, SourceId, StoreError};

/// The associated data a source's secret is sealed with (see [`crate::secrets::seal`]).
pub fn secret_aad(id: SourceId) -> String {
    format!("source:{id}:auth_header")
}

/// The enabled sources the scheduler can poll, and those it cannot.
#[derive(Debug, Default)]
pub struct LoadedSources {
    pub sources: Vec<Source>,
    /// Why each unusable source is left out, in Dutch. Push sources are not listed: they are not polled.
    pub unusable: Vec<(SourceId, SourceError)>,
}

/// Reads every enabled source, with its component map and opened secret.
#[tracing::instrument(skip_all)]
pub async fn load_sources(db: &Db, keys: &[SecretKey]) -> Result<LoadedSources, StoreError> {
    let mut sources = Vec::new();
    let mut unusable = Vec::new();
    for row in store::list_enabled_sources(db).await? {
        if row.settings.kind == "push" {
            continue;
        }
        let components = match row.settings.kind.as_str() {
            "statuspage" => store::source_components(db, row.id).await?,
            _ => Vec::new(),
        };
        let secret = match &row.secret_sealed {
            Some(sealed) => match open_with_any(keys, sealed, &secret_aad(row.id)) {
                Ok(secret) => Some(secret),
                Err(e) => {
                    tracing::warn!(source = %row.id, error = %e, "source secret does not open");
                    let message = "De sleutel van deze bron kan niet worden geopend; voer hem opnieuw in.";
                    unusable.push((row.id, SourceError { field: "secret".into(), message: message.into() }));
                    continue;
                }
            },
            None => None,
        };
        match Source::from_row(&row, &components, secret) {
            Ok(source) => sources.push(source),
            Err(e) => {
                tracing::warn!(source = %row.id, error = %e, "source settings unusable");
                unusable.push((row.id, e));
            }
        }
    }
    Ok(LoadedSources { sources, unusable })
}
