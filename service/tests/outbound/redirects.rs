//! Every redirect hop goes through the guard again, and the number of hops is limited.

use crate::support::{client, fetch_url, loopback_config, spawn_app};
use service::outbound::{AddressKind, FetchError, FetchRequest, GuardConfig, Refusal};

/// The refusal and the hop it names, or a panic with what came instead.
async fn refused_hop(target: &str) -> (Refusal, String) {
    let app = spawn_app().await;
    match fetch_url(loopback_config(), &app.redirect_to(target)).await {
        Err(FetchError::Refused { reason, redirect: Some(hop) }) => (reason, hop),
        other => panic!("redirect to {target}: expected a refused hop, got {other:?}"),
    }
}

fn address_kind(reason: &Refusal) -> Option<AddressKind> {
    match reason {
        Refusal::Address(r) | Refusal::Host { refused: r, .. } => Some(r.kind),
        _ => None,
    }
}

#[tokio::test]
async fn redirect_to_a_private_address_is_refused_naming_the_hop() {
    let (reason, hop) = refused_hop("http://10.0.0.1/intern?token=geheim").await;
    assert_eq!(address_kind(&reason), Some(AddressKind::Private));
    assert_eq!(hop, "http://10.0.0.1/intern");
    let error = FetchError::Refused { reason, redirect: Some(hop) };
    assert_eq!(
        error.message_nl(),
        "De doorverwijzing naar http://10.0.0.1/intern is geweigerd. \
         Het adres 10.0.0.1 is een intern netwerkadres en mag niet worden benaderd."
    );
    assert!(!format!("{error} {error:?}").contains("geheim"));
}

#[tokio::test]
async fn redirect_to_cloud_metadata_is_refused() {
    let (reason, hop) = refused_hop("http://169.254.169.254/latest/meta-data/").await;
    assert_eq!(address_kind(&reason), Some(AddressKind::CloudMetadata));
    assert_eq!(hop, "http://169.254.169.254/latest/meta-data/");
    let (reason, _) = refused_hop("http://[fd00:ec2::254]/latest/meta-data/").await;
    assert_eq!(address_kind(&reason), Some(AddressKind::CloudMetadata));
}

#[tokio::test]
async fn redirect_to_a_name_that_resolves_internally_is_refused_after_resolution() {
    let app = spawn_app().await;
    let error = fetch_url(loopback_config(), &app.redirect_to("http://intern.test/")).await.unwrap_err();
    let FetchError::Refused { reason: Refusal::Host { host, refused }, redirect } = error else {
        panic!("expected a refused host, got {error:?}");
    };
    assert_eq!(
        (host.as_str(), refused.kind, redirect.as_deref()),
        ("intern.test", AddressKind::Private, Some("intern.test"))
    );
}

#[tokio::test]
async fn redirect_to_other_loopback_forms_and_schemes_is_refused() {
    let app = spawn_app().await;
    let port = app.addr.port();
    for target in [
        format!("http://127.0.0.2:{port}/ok"),
        format!("http://[::ffff:10.0.0.1]:{port}/ok"),
        "http://2130706434/".to_string(),
        format!("http://user:pw@127.0.0.1:{port}/ok"),
        format!("gopher://127.0.0.1:{port}/"),
        "ftp://example.com/".to_string(),
    ] {
        let result = fetch_url(loopback_config(), &app.redirect_to(&target)).await;
        assert!(matches!(result, Err(FetchError::Refused { redirect: Some(_), .. })), "{target}: {result:?}");
    }
}

#[tokio::test]
async fn redirect_to_a_file_url_is_never_followed() {
    let app = spawn_app().await;
    // reqwest cannot even represent this Location and leaves it unfollowed; the guard still
    // reports it as the refused hop rather than handing back a bare 302.
    let error = fetch_url(loopback_config(), &app.redirect_to("file:///etc/passwd")).await.unwrap_err();
    assert_eq!(
        error,
        FetchError::Refused {
            reason: Refusal::Scheme { scheme: "file".into() },
            redirect: Some("file:///etc/passwd".into())
        }
    );
}

#[tokio::test]
async fn allowed_redirects_are_followed_to_the_final_url() {
    let app = spawn_app().await;
    let fetched = fetch_url(loopback_config(), &app.redirect_to("/ok")).await.unwrap();
    assert_eq!((fetched.status, &fetched.body[..]), (200, &b"hallo"[..]));
    assert_eq!(fetched.final_url, app.url("/ok"));
}

#[tokio::test]
async fn redirect_limit_is_enforced() {
    let app = spawn_app().await;
    let five = fetch_url(loopback_config(), &app.url("/chain/5")).await.unwrap();
    assert_eq!(&five.body[..], b"einde");
    let six = fetch_url(loopback_config(), &app.url("/chain/6")).await.unwrap_err();
    assert_eq!(six, FetchError::TooManyRedirects { limit: 5 });
    let no_redirects = GuardConfig { max_redirects: 0, ..loopback_config() };
    let error = fetch_url(no_redirects, &app.url("/chain/1")).await.unwrap_err();
    assert_eq!(error, FetchError::TooManyRedirects { limit: 0 });
}

#[tokio::test]
async fn redirect_loop_ends_in_too_many_redirects() {
    let app = spawn_app().await;
    let error = fetch_url(loopback_config(), &app.url("/loop")).await.unwrap_err();
    assert_eq!(error, FetchError::TooManyRedirects { limit: 5 });
    assert_eq!(error.message_nl(), "De server verwees te vaak door (meer dan 5 keer).");
}

#[tokio::test]
async fn credentials_are_not_forwarded_to_another_host() {
    let app = spawn_app().await;
    let guard = client(loopback_config());
    let same_host = FetchRequest::get(app.redirect_to("/echo-auth")).header("Authorization", "Bearer geheim");
    assert_eq!(&guard.fetch(same_host).await.unwrap().body[..], b"authorization: true");
    let other_host = format!("http://loopback.test:{}/echo-auth", app.addr.port());
    let request = FetchRequest::get(app.redirect_to(&other_host)).header("Authorization", "Bearer geheim");
    assert_eq!(&guard.fetch(request).await.unwrap().body[..], b"authorization: false");
}
