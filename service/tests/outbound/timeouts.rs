//! Connect and total timeouts; none of these tests can hang.

use crate::support::{client, fetch_url, loopback_config, spawn_app};
use service::outbound::{FetchError, FetchRequest, GuardConfig};
use std::time::{Duration, Instant};

const TOTAL: Duration = Duration::from_millis(800);
const MARGIN: Duration = Duration::from_millis(1500);

fn short() -> GuardConfig {
    GuardConfig { total_timeout: TOTAL, ..loopback_config() }
}

#[tokio::test]
async fn hanging_server_times_out_within_the_total_timeout() {
    let app = spawn_app().await;
    let started = Instant::now();
    let error = fetch_url(short(), &app.url("/hang")).await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error, FetchError::Timeout { after: TOTAL });
    assert!(elapsed >= TOTAL - Duration::from_millis(50) && elapsed < TOTAL + MARGIN, "took {elapsed:?}");
    assert_eq!(error.message_nl(), "De server antwoordde niet binnen 0,8 seconden.");
}

#[tokio::test]
async fn dripping_body_stops_at_the_total_timeout() {
    let app = spawn_app().await;
    let started = Instant::now();
    let error = fetch_url(short(), &app.url("/drip")).await.unwrap_err();
    assert_eq!(error, FetchError::Timeout { after: TOTAL });
    assert!(started.elapsed() < TOTAL + MARGIN, "took {:?}", started.elapsed());
}

#[tokio::test]
async fn slow_but_timely_answer_succeeds() {
    let app = spawn_app().await;
    let fetched =
        fetch_url(GuardConfig { total_timeout: Duration::from_secs(3), ..loopback_config() }, &app.url("/slow"))
            .await
            .unwrap();
    assert_eq!((fetched.status, &fetched.body[..]), (200, &b"langzaam maar goed"[..]));
    assert!(fetched.elapsed >= Duration::from_millis(300));
}

#[tokio::test]
async fn connect_timeout_applies_when_the_server_never_accepts() {
    // A listener with a backlog of one that is already full: the kernel drops further SYNs, so
    // the connection attempt hangs until the connect timeout.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..2 {
        if let Ok(Ok(stream)) =
            tokio::time::timeout(Duration::from_millis(200), tokio::net::TcpStream::connect(addr)).await
        {
            fillers.push(stream);
        }
    }
    let connect = Duration::from_millis(300);
    let cfg = GuardConfig { connect_timeout: connect, total_timeout: Duration::from_secs(3), ..loopback_config() };
    let started = Instant::now();
    let error = fetch_url(cfg, &format!("http://{addr}/")).await.unwrap_err();
    assert_eq!(error, FetchError::Timeout { after: connect });
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    drop(listener);
}

#[tokio::test]
async fn secrets_stay_out_of_errors_and_debug_output() {
    let app = spawn_app().await;
    let request = FetchRequest::post(app.url("/hang?api_key=geheim-query"), b"geheim-body".to_vec())
        .header("Authorization", "Bearer geheim-token");
    assert!(!format!("{request:?}").contains("geheim"), "{request:?}");
    let error = client(short()).fetch(request).await.unwrap_err();
    let shown = format!("{error} | {} | {error:?}", error.message_nl());
    assert!(!shown.contains("geheim"), "{shown}");

    let bad = FetchRequest::get(app.url("/ok")).header("X-Key", "geheim\nmet regeleinde");
    let error = client(short()).fetch(bad).await.unwrap_err();
    assert_eq!(error, FetchError::BadHeader { name: "X-Key".into() });
    assert!(!format!("{error:?}").contains("geheim"));
}

#[tokio::test]
async fn connection_refused_is_a_connect_error() {
    // Bind and drop to get a port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let error = fetch_url(short(), &format!("http://127.0.0.1:{port}/")).await.unwrap_err();
    assert!(matches!(&error, FetchError::Connect { host, .. } if host == "127.0.0.1"), "{error:?}");
    assert_eq!(error.message_nl(), "Er kon geen verbinding worden gemaakt met 127.0.0.1.");
}
