//! The error every server function returns: what the page needs to tell the user, nothing more.

use crate::i18n::{problem_text, Common, Lang};
use domain::{Invalid, Problem};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("invalid input")]
    Invalid(Invalid),
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict")]
    Conflict,
    /// No session, an expired one, or a missing/forged CSRF token.
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("rate limited")]
    RateLimited(u64),
    #[error("unexpected")]
    Unexpected,
    /// The request itself could not be read (bad arguments, wrong encoding).
    #[error("bad request: {0}")]
    BadRequest(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        let err = AppError::BadRequest(value.to_string());
        // Unreadable arguments are the client's fault: 422, not the framework's default 500.
        #[cfg(feature = "ssr")]
        crate::session::set_error_status(&err);
        err
    }
}

impl AppError {
    /// The problem reported for `field`, if this is a validation error.
    pub fn field(&self, field: &str) -> Option<Problem> {
        match self {
            AppError::Invalid(inv) => inv.for_field(field),
            _ => None,
        }
    }

    /// A sentence for the top of a form or page.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Invalid(_) => Common::FormHasErrors.t(lang).into(),
            AppError::NotFound => Common::NotFoundText.t(lang).into(),
            AppError::Forbidden => Common::ForbiddenText.t(lang).into(),
            AppError::Conflict => Common::ConflictText.t(lang).into(),
            AppError::Unauthenticated => Common::SessionExpired.t(lang).into(),
            // The wait doubles from 5 seconds: seconds while short, minutes after that.
            AppError::RateLimited(secs) => match (lang, *secs < 120) {
                (Lang::Nl, true) => format!("Te veel mislukte pogingen. Probeer het over {secs} seconden opnieuw."),
                (Lang::Nl, false) => {
                    format!("Te veel mislukte pogingen. Probeer het over {} minuten opnieuw.", secs.div_ceil(60))
                }
                (Lang::En, true) => format!("Too many failed attempts. Try again in {secs} seconds."),
                (Lang::En, false) => format!("Too many failed attempts. Try again in {} minutes.", secs.div_ceil(60)),
            },
            AppError::Unexpected => Common::ErrorText.t(lang).into(),
            AppError::BadRequest(_) => Common::BadRequest.t(lang).into(),
        }
    }

    /// The field message, translated. A refused address gets the guard's own sentence (Dutch, as the
    /// source test shows it), which names the address and why it is refused.
    pub fn field_message(&self, field: &str, lang: Lang) -> Option<String> {
        let problem = self.field(field)?;
        let detail = match self {
            AppError::Invalid(inv) => inv.detail_for(field),
            _ => None,
        };
        Some(match (problem, detail) {
            (Problem::AddressRefused, Some(why)) => why.to_string(),
            (Problem::SharesNotHundred, Some(sum)) => match lang {
                Lang::Nl => format!("{} Nu samen {sum}.", problem_text(lang, problem)),
                Lang::En => format!("{} Now together {sum}.", problem_text(lang, problem)),
            },
            _ => problem_text(lang, problem),
        })
    }

    /// A link that belongs to the field's message: the vendor that already has a KvK number.
    /// `(href, text)`.
    pub fn field_link(&self, field: &str, lang: Lang) -> Option<(String, String)> {
        let AppError::Invalid(inv) = self else { return None };
        match inv.for_field(field)? {
            Problem::KvkInUse { vendor } => {
                let name = inv.detail_for(field).unwrap_or_default();
                let text = match lang {
                    Lang::Nl => format!("Bekijk leverancier {name}"),
                    Lang::En => format!("View vendor {name}"),
                };
                Some((format!("/leveranciers/{vendor}"), text.trim_end().to_string()))
            }
            // The vendor's incident (an absolute link) or the catalogue entry (a local path).
            Problem::KnownDisruption => {
                let href = inv.detail_for(field).filter(|h| {
                    h.starts_with("https://")
                        || h.starts_with("http://")
                        || (h.starts_with('/') && !h.starts_with("//"))
                })?;
                let text = match lang {
                    Lang::Nl => "Bekijk de bekende storing",
                    Lang::En => "View the known disruption",
                };
                Some((href.to_string(), text.to_string()))
            }
            _ => None,
        }
    }

    /// Every field problem as `(field, message)`, in the order reported, for the error summary.
    pub fn problems(&self, lang: Lang) -> Vec<(String, String)> {
        let AppError::Invalid(inv) = self else { return Vec::new() };
        let mut seen = std::collections::HashSet::new();
        inv.0
            .iter()
            .filter(|e| seen.insert(e.field.clone()))
            .filter_map(|e| self.field_message(&e.field, lang).map(|m| (e.field.clone(), m)))
            .collect()
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use service::ServiceError;

    impl From<ServiceError> for AppError {
        fn from(e: ServiceError) -> Self {
            let err = match e {
                ServiceError::Invalid(inv) => AppError::Invalid(inv),
                ServiceError::NotFound => AppError::NotFound,
                ServiceError::Forbidden => AppError::Forbidden,
                ServiceError::Conflict(_) => AppError::Conflict,
                ServiceError::Unauthenticated => AppError::Unauthenticated,
                ServiceError::RateLimited { retry_after_secs } => AppError::RateLimited(retry_after_secs),
                ServiceError::Unexpected(msg) => {
                    tracing::error!(%msg, "unexpected error");
                    AppError::Unexpected
                }
            };
            crate::session::set_error_status(&err);
            err
        }
    }
}
