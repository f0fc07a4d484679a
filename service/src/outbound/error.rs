//! What can go wrong with an outbound request, in words: English for the log (`Display`) and Dutch
//! for the user interface (`message_nl`). No message contains a header value, a body, a query string
//! or a password, so an error can be logged and shown as it is.

use super::policy::AddressRefusal;
use std::fmt;
use std::time::Duration;

/// Why the guard refused to contact a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A scheme other than http or https (`file:`, `ftp:`, `gopher:`, `data:`, ...).
    Scheme { scheme: String },
    /// A user name or password in the URL (`user:pw@host`, `allowed.example@127.0.0.1`).
    UserInfo,
    /// An IP address in the URL that the address policy refuses.
    Address(AddressRefusal),
    /// A host name none of whose resolved addresses the policy allows; `refused` is the first one.
    Host { host: String, refused: AddressRefusal },
    /// A request that carries a secret was redirected to another origin (scheme, host or port).
    SecretToOtherOrigin,
    /// A request that carries a secret to a plain `http://` host that is not allow-listed.
    SecretOverHttp { host: String },
}

/// The ways [`GuardedClient::fetch`](super::GuardedClient::fetch) can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The guard refused the target. `redirect` names the redirect hop (without query) if the
    /// refused target came from a redirect.
    Refused { reason: Refusal, redirect: Option<String> },
    /// The URL could not be parsed.
    BadUrl(url::ParseError),
    /// A request header with an invalid name or value (only the name is kept).
    BadHeader { name: String },
    /// No complete answer within the connect or total timeout.
    Timeout { after: Duration },
    /// No connection could be made (DNS failure, connection refused, ...).
    Connect { host: String, detail: String },
    /// The TLS handshake failed, typically an untrusted, expired or mismatching certificate.
    Tls { host: String, detail: String },
    /// The body, after decompression, was larger than the limit.
    TooLarge { limit: u64 },
    /// More redirects than allowed.
    TooManyRedirects { limit: usize },
    /// Any other protocol failure: malformed response, broken connection, corrupt compression.
    Http { detail: String },
}

impl std::error::Error for FetchError {}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Refused { reason, redirect: Some(hop) } => write!(f, "redirect to {hop} refused: {reason}"),
            FetchError::Refused { reason, redirect: None } => write!(f, "refused: {reason}"),
            FetchError::BadUrl(e) => write!(f, "invalid URL: {e}"),
            FetchError::BadHeader { name } => write!(f, "invalid request header {name:?}"),
            FetchError::Timeout { after } => write!(f, "no answer within {} seconds", seconds(*after, '.')),
            FetchError::Connect { host, detail } => write!(f, "could not connect to {host}: {detail}"),
            FetchError::Tls { host, detail } => write!(f, "secure connection to {host} failed: {detail}"),
            FetchError::TooLarge { limit } => write!(f, "response body larger than {}", size(*limit)),
            FetchError::TooManyRedirects { limit } => write!(f, "more than {limit} redirects"),
            FetchError::Http { detail } => write!(f, "HTTP error: {detail}"),
        }
    }
}

impl FetchError {
    /// The error in plain Dutch, for the "laatste fout" shown in the user interface.
    pub fn message_nl(&self) -> String {
        match self {
            FetchError::Refused { reason, redirect: Some(hop) } => {
                format!("De doorverwijzing naar {hop} is geweigerd. {}", reason.message_nl())
            }
            FetchError::Refused { reason, redirect: None } => reason.message_nl(),
            FetchError::BadUrl(e) => format!("De URL is ongeldig: {}.", parse_error_nl(*e)),
            FetchError::BadHeader { name } => format!("De kopregel '{name}' van het verzoek is ongeldig."),
            FetchError::Timeout { after } => {
                format!("De server antwoordde niet binnen {} seconden.", seconds(*after, ','))
            }
            FetchError::Connect { host, .. } => format!("Er kon geen verbinding worden gemaakt met {host}."),
            FetchError::Tls { host, .. } => format!(
                "De beveiligde verbinding met {host} is mislukt: het certificaat is ongeldig of wordt niet vertrouwd."
            ),
            FetchError::TooLarge { limit } => {
                format!("Het antwoord van de server is groter dan de toegestane {}.", size(*limit))
            }
            FetchError::TooManyRedirects { limit } => {
                format!("De server verwees te vaak door (meer dan {limit} keer).")
            }
            FetchError::Http { .. } => "Het antwoord van de server kon niet worden gelezen.".to_string(),
        }
    }
}

impl std::error::Error for Refusal {}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Scheme { scheme } => write!(f, "only http and https are allowed, not '{scheme}:'"),
            Refusal::UserInfo => f.write_str("a user name or password in the URL is not allowed"),
            Refusal::Address(r) => match r.embedded {
                Some(v4) => write!(
                    f,
                    "the address {} leads to {v4}, {}, which may not be contacted",
                    r.address,
                    r.kind.describe_en()
                ),
                None => write!(f, "the address {} is {} and may not be contacted", r.address, r.kind.describe_en()),
            },
            Refusal::Host { host, refused: r } => {
                write!(
                    f,
                    "the name {host} resolves to {}, {}, which may not be contacted",
                    target(r),
                    r.kind.describe_en()
                )
            }
            Refusal::SecretToOtherOrigin => {
                f.write_str("a request that carries a secret is only redirected within its own scheme, host and port")
            }
            Refusal::SecretOverHttp { host } => write!(
                f,
                "a secret is sent over https only, unless the address is allow-listed (monitoring.allow); {host} is not"
            ),
        }
    }
}

impl Refusal {
    /// The refusal in plain Dutch.
    pub fn message_nl(&self) -> String {
        match self {
            Refusal::Scheme { scheme } => format!("Alleen http- en https-adressen zijn toegestaan, niet '{scheme}:'."),
            Refusal::UserInfo => "Een URL met een gebruikersnaam of wachtwoord erin is niet toegestaan.".to_string(),
            Refusal::Address(r) => match r.embedded {
                Some(v4) => format!(
                    "Het adres {} verwijst naar {v4}, {}, en mag niet worden benaderd.",
                    r.address,
                    r.kind.describe_nl()
                ),
                None => format!("Het adres {} is {} en mag niet worden benaderd.", r.address, r.kind.describe_nl()),
            },
            Refusal::Host { host, refused: r } => format!(
                "De naam {host} verwijst naar {}, {}, en mag niet worden benaderd.",
                target(r),
                r.kind.describe_nl()
            ),
            Refusal::SecretToOtherOrigin => "Een verzoek met een geheime sleutel wordt alleen doorgestuurd binnen \
                 hetzelfde schema, dezelfde server en dezelfde poort."
                .to_string(),
            Refusal::SecretOverHttp { host } => format!(
                "Een geheime sleutel wordt alleen via https verstuurd, tenzij het adres op de lijst van toegestane \
                 adressen (monitoring.allow) staat; {host} staat daar niet op."
            ),
        }
    }
}

/// Internal: why the redirect policy stopped. Travels through reqwest's error chain.
#[derive(Debug)]
pub(crate) enum RedirectStop {
    Refused { reason: Refusal, hop: String },
    TooMany { limit: usize },
}

impl std::error::Error for RedirectStop {}

impl fmt::Display for RedirectStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedirectStop::Refused { reason, hop } => write!(f, "redirect to {hop} refused: {reason}"),
            RedirectStop::TooMany { limit } => write!(f, "more than {limit} redirects"),
        }
    }
}

fn target(r: &AddressRefusal) -> String {
    match r.embedded {
        Some(v4) => format!("{} ({v4})", r.address),
        None => r.address.to_string(),
    }
}

fn seconds(d: Duration, decimal: char) -> String {
    if d.subsec_millis() == 0 {
        d.as_secs().to_string()
    } else {
        format!("{:.1}", d.as_secs_f64()).replace('.', &decimal.to_string())
    }
}

fn size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

fn parse_error_nl(e: url::ParseError) -> &'static str {
    use url::ParseError::*;
    match e {
        EmptyHost => "er staat geen servernaam in",
        InvalidPort => "het poortnummer is ongeldig",
        InvalidIpv4Address => "het IPv4-adres is ongeldig",
        InvalidIpv6Address => "het IPv6-adres is ongeldig",
        InvalidDomainCharacter | IdnaError => "de servernaam bevat ongeldige tekens",
        RelativeUrlWithoutBase => "het is geen volledige URL (begin met https://)",
        _ => "de URL kon niet worden gelezen",
    }
}

/// A [`GuardConfig`](super::GuardConfig) that cannot be turned into a client (a start-up error).
#[derive(Debug, thiserror::Error)]
pub enum GuardConfigError {
    #[error("the outbound proxy URL is invalid")]
    InvalidProxy,
    #[error("extra root certificate {index} is not a valid PEM certificate")]
    InvalidRootCertificate { index: usize },
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
}
