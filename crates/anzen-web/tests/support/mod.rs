//! Test support: a real server on port 0 over a fresh SQLite database with the demo data set,
//! a clock the test moves, and HTTP clients with cookies. Shared by every HTTP test binary
//! (`mod support;`).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use anzen_app::accounts::{SessionContext, totp};
use anzen_app::demo::DemoData;
use anzen_app::ports::{SessionState, Store};
use anzen_app::{App, Caller, Clock, Ed25519Signer, XChaChaCipher};
use anzen_domain::access::Role;
use anzen_web::{Application, WebConfig};
use jiff::{SignedDuration, Timestamp};

/// A clock the test can move forward.
#[derive(Debug, Clone)]
pub struct TestClock(Arc<Mutex<Timestamp>>);

impl TestClock {
    pub fn advance(&self, by: SignedDuration) {
        let mut t = self.0.lock().unwrap();
        *t = t.checked_add(by).unwrap();
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

pub const PASSWORD: &str = "demo password for tests";

/// A running server.
pub struct TestApp {
    pub base: String,
    pub app: App,
    pub clock: TestClock,
    pub demo: DemoData,
    /// The SMTP sink the app mails to, for [`TestApp::spawn_with_mail`].
    pub sink: Option<anzen_mail::sink::SmtpSink>,
    /// TOTP secrets of the accounts that enrolled through [`TestApp::session`].
    secrets: Mutex<Vec<(String, String)>>,
    _db: anzen_tests::TestDb,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(None, anzen_tests::TestDb::sqlite().await).await
    }

    /// As [`TestApp::spawn`], on a new database of the PostgreSQL server the test command
    /// started (`ANZEN_TEST_POSTGRES_URL`).
    pub async fn spawn_on_postgres() -> Self {
        Self::spawn_with(None, anzen_tests::TestDb::postgres().await).await
    }

    /// As [`TestApp::spawn`], with the app mailing over SMTP to a local sink (`sink`).
    pub async fn spawn_with_mail() -> Self {
        let sink = anzen_mail::sink::SmtpSink::start().await.unwrap();
        let mailer = anzen_mail::SmtpMailer::new(&sink.url(), "anzen@test.example").unwrap();
        let mut t =
            Self::spawn_with(Some(Arc::new(mailer)), anzen_tests::TestDb::sqlite().await).await;
        t.sink = Some(sink);
        t
    }

    /// As [`TestApp::spawn`], with the app's settings (e.g. smaller import limits).
    pub async fn spawn_with_settings(settings: anzen_app::Settings) -> Self {
        Self::spawn_full(None, anzen_tests::TestDb::sqlite().await, settings).await
    }

    async fn spawn_with(
        mailer: Option<Arc<dyn anzen_app::mail::Mailer>>,
        db: anzen_tests::TestDb,
    ) -> Self {
        Self::spawn_full(mailer, db, anzen_app::Settings::default()).await
    }

    async fn spawn_full(
        mailer: Option<Arc<dyn anzen_app::mail::Mailer>>,
        db: anzen_tests::TestDb,
        settings: anzen_app::Settings,
    ) -> Self {
        let store: Arc<dyn Store> = db.store.clone();
        let clock = TestClock(Arc::new(Mutex::new(
            "2026-11-25T03:00:00Z".parse().unwrap(),
        )));
        let mut app = App::new(
            store,
            Arc::new(clock.clone()),
            Arc::new(Ed25519Signer::from_secret([9; 32])),
        )
        .with_secret_cipher(Arc::new(XChaChaCipher::from_key([5; 32])))
        .with_settings(settings);
        if let Some(mailer) = mailer {
            app = app.with_mailer(mailer);
        }
        let demo = anzen_app::demo::seed(&app, &Caller::operator("demo"), PASSWORD)
            .await
            .unwrap();
        let web = WebConfig::new("127.0.0.1:0".parse().unwrap(), "http://127.0.0.1");
        let server = Application::build(app.clone(), &web).await.unwrap();
        let base = format!("http://{}", server.local_addr().unwrap());
        tokio::spawn(server.run_until(std::future::pending()));
        Self {
            base,
            app,
            clock,
            demo,
            sink: None,
            secrets: Mutex::new(Vec::new()),
            _db: db,
        }
    }

    /// The SQLite database file (its -wal file is beside it); panics on PostgreSQL.
    pub fn db_path(&self) -> std::path::PathBuf {
        self._db.sqlite_path().expect("a SQLite database")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The demo login of `role`.
    pub fn login_of(&self, role: Role) -> String {
        self.demo
            .logins
            .iter()
            .find(|l| l.role == role)
            .unwrap()
            .login
            .clone()
    }

    /// A fresh browser-like client: cookies kept, redirects not followed.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// The TOTP secret of `role`'s account, once enrolled through [`TestApp::sign_in`] or
    /// [`TestApp::session`].
    pub fn totp_secret(&self, role: Role) -> String {
        let login = self.login_of(role);
        self.secrets
            .lock()
            .unwrap()
            .iter()
            .find(|(l, _)| *l == login)
            .expect("enrolled")
            .1
            .clone()
    }

    /// The current TOTP code of `secret`.
    pub fn code(&self, secret: &str) -> String {
        totp::code_at(secret, self.clock.now().as_second()).unwrap()
    }

    /// Signs `client` in through the HTML forms as `role`, enrolling MFA when required.
    pub async fn sign_in(&self, client: &reqwest::Client, role: Role) {
        let login = self.login_of(role);
        let page = client
            .get(self.url("/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let res = client
            .post(self.url("/login"))
            .form(&[
                ("csrf_token", csrf_of(&page).as_str()),
                ("login", login.as_str()),
                ("password", PASSWORD),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "sign-in of {login}");
        let to = location(&res);
        if to == "/login/mfa/enrol" {
            let page = client
                .get(self.url(&to))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let secret = between(&page, "id=\"mfa-secret\" class=\"secret\">", "<").to_owned();
            let res = client
                .post(self.url(&to))
                .form(&[
                    ("csrf_token", csrf_of(&page).as_str()),
                    ("code", self.code(&secret).as_str()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "enrolment of {login}");
            self.secrets.lock().unwrap().push((login, secret));
            // The next sign-in must use a later step.
            self.clock.advance(SignedDuration::from_secs(30));
        } else if to == "/login/mfa" {
            let secret = self
                .secrets
                .lock()
                .unwrap()
                .iter()
                .find(|(l, _)| *l == login)
                .unwrap()
                .1
                .clone();
            let page = client
                .get(self.url(&to))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let res = client
                .post(self.url(&to))
                .form(&[
                    ("csrf_token", csrf_of(&page).as_str()),
                    ("code", self.code(&secret).as_str()),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 303, "MFA of {login}");
            self.clock.advance(SignedDuration::from_secs(30));
        }
    }

    /// An active session of `role` through the use-cases (enrolling MFA when required).
    pub async fn session(&self, role: Role) -> SessionContext {
        let login = self.login_of(role);
        let step = self.app.sign_in(&login, PASSWORD, "test").await.unwrap();
        let ctx = self.app.session_context(&step.token).await.unwrap();
        match step.state {
            SessionState::Active => ctx,
            SessionState::MfaEnrolment => {
                let e = self.app.start_mfa_enrolment(&ctx).await.unwrap();
                let (_, active) = self
                    .app
                    .confirm_mfa_enrolment(&ctx, &self.code(&e.secret))
                    .await
                    .unwrap();
                self.secrets.lock().unwrap().push((login, e.secret));
                self.clock.advance(SignedDuration::from_secs(30));
                self.app
                    .session_context(&active.unwrap().token)
                    .await
                    .unwrap()
            }
            SessionState::MfaPending => {
                let secret = self
                    .secrets
                    .lock()
                    .unwrap()
                    .iter()
                    .find(|(l, _)| *l == login)
                    .unwrap()
                    .1
                    .clone();
                let active = self
                    .app
                    .verify_mfa(&ctx, &self.code(&secret))
                    .await
                    .unwrap();
                self.clock.advance(SignedDuration::from_secs(30));
                self.app.session_context(&active.token).await.unwrap()
            }
        }
    }

    /// An API token of `role`.
    pub async fn token(&self, role: Role) -> String {
        let ctx = self.session(role).await;
        self.app
            .create_api_token(&ctx, "tests", None)
            .await
            .unwrap()
            .secret
    }
}

/// The CSRF token in a page's first form.
pub fn csrf_of(html: &str) -> String {
    between(html, "name=\"csrf_token\" value=\"", "\"").to_owned()
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

pub fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not in the page"))
        + start.len();
    let len = s[from..].find(end).unwrap();
    &s[from..from + len]
}
