//! `TestApp`: spawns the server on port 0 with a fresh database and signs users in.

use domain::Role;
use reqwest::redirect::Policy;
use reqwest::{Client, Response};
use server::config::Config;
use service::auth::system_actor;
use service::Services;
use std::net::SocketAddr;
use std::time::Duration;
use store::testing::TestDb;

pub struct TestApp {
    pub addr: SocketAddr,
    pub services: Services,
    db: Option<TestDb>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<()>>,
}

/// A signed-in browser-like client with its CSRF token.
pub struct Session {
    pub client: Client,
    pub csrf: String,
}

pub fn password(role: Role) -> String {
    format!("test-{}-wachtwoord", role.as_str())
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let db = TestDb::sqlite().await;
        let mut cfg = Config::default();
        cfg.server.addr = "127.0.0.1:0".parse().unwrap();
        cfg.security.login_max_failures = 3;
        adjust(&mut cfg);
        // As `serve` builds them: with the configured `secrets.key` and address allow-list.
        let services = Services::new(db.db.clone(), cfg.settings())
            .with_monitoring(cfg.secret_key().unwrap(), cfg.guard_config().unwrap());
        for role in Role::ALL {
            services
                .add_user(&system_actor(), role.as_str(), &format!("Test {}", role.as_str()), role, &password(role))
                .await
                .unwrap();
        }
        let bound = server::run::bind(&cfg, services.clone()).await.unwrap();
        let addr = bound.addr;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(async move {
            bound
                .serve(async move {
                    let _ = rx.await;
                })
                .await
                .unwrap();
        });
        TestApp { addr, services, db: Some(db), stop: Some(tx), handle: Some(handle) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn client() -> Client {
        Client::builder().cookie_store(true).redirect(Policy::none()).timeout(Duration::from_secs(30)).build().unwrap()
    }

    /// POSTs a server function as the Leptos client does (form-encoded, JSON answer).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// Like [`call`](Self::call), as a proxy would forward it for the client at `client_ip`.
    pub async fn call_from(&self, client: &Client, endpoint: &str, form: &[(&str, &str)], client_ip: &str) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .header("x-forwarded-for", client_ip)
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn sign_in(&self, role: Role) -> Session {
        let client = Self::client();
        let res = self.call(&client, "login", &[("username", role.as_str()), ("password", &password(role))]).await;
        assert!(res.status().is_success() || res.status().is_redirection(), "sign-in failed: {}", res.status());
        let me: serde_json::Value = self.call(&client, "me", &[]).await.json().await.unwrap();
        let csrf = me["csrf"].as_str().expect("signed in").to_string();
        Session { client, csrf }
    }

    /// Creates a contract with a fixed end for `vendor` through the API and returns its id.
    pub async fn contract(&self, s: &Session, vendor: i64, reference: &str, title: &str) -> i64 {
        let vendor = vendor.to_string();
        let res = self
            .call(
                &s.client,
                "contracts/create",
                &[
                    ("csrf", &s.csrf),
                    ("form[vendor_id]", &vendor),
                    ("form[reference]", reference),
                    ("form[title]", title),
                    ("form[owner]", "Team Regie"),
                    ("form[start]", "2026-01-01"),
                    ("form[initial_end]", "2027-12-31"),
                    ("form[renewal]", "tacit"),
                    ("form[renewal_period_months]", "12"),
                    ("form[option_count]", ""),
                    ("form[option_length_months]", ""),
                    ("form[notice_amount]", "3"),
                    ("form[notice_unit]", "months"),
                    ("form[lead_time_months]", "6"),
                    ("form[annual_value]", "10.000,00"),
                    ("form[price_model]", "vast"),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        res.json().await.unwrap()
    }

    /// Creates a vendor through the API as a regisseur and returns its id.
    pub async fn vendor(&self, s: &Session, name: &str) -> i64 {
        // KvK numbers are unique among vendors: one of its own per name.
        let kvk = format!(
            "{:08}",
            name.bytes().fold(7u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))) % 100_000_000
        );
        let res = self
            .call(
                &s.client,
                "vendors/create",
                &[
                    ("csrf", &s.csrf),
                    ("form[name]", name),
                    ("form[kvk]", &kvk),
                    ("form[category]", "overig"),
                    ("form[sourcing]", "saas"),
                    ("form[criticality]", "hoog"),
                    ("form[notes]", ""),
                ],
            )
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        res.json::<i64>().await.unwrap()
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
        // Bounded, so that a connection a client keeps open cannot stall the suite.
        if let Some(h) = self.handle.take() {
            let abort = h.abort_handle();
            if tokio::time::timeout(Duration::from_secs(10), h).await.is_err() {
                eprintln!("warning: graceful shutdown took over 10 s; aborting the server task");
                abort.abort();
            }
        }
        if let Some(db) = self.db.take() {
            if tokio::time::timeout(Duration::from_secs(10), db.cleanup()).await.is_err() {
                eprintln!("warning: closing the test database took over 10 s");
            }
        }
    }
}
