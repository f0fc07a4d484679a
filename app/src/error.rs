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

    /// The field message, translated.
    pub fn field_message(&self, field: &str, lang: Lang) -> Option<String> {
        self.field(field).map(|p| problem_text(lang, p))
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
