//! E-mail for anzen: [`SmtpMailer`] sends the app's mail over SMTP (plain on loopback,
//! STARTTLS or implicit TLS elsewhere, chosen by the URL), and [`sink::SmtpSink`] is a real,
//! minimal SMTP server that tests send to and read from.

pub mod sink;

use anzen_app::mail::{Mailer, OutgoingMail};
use async_trait::async_trait;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Sends mail through one SMTP server.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmtpMailer(from {})", self.from)
    }
}

impl SmtpMailer {
    /// `url`: `smtp://host:port` (plain; for a relay on loopback or a test sink),
    /// `smtp://host:port?tls=required` (STARTTLS) or `smtps://host:port` (implicit TLS),
    /// with optional `user:password@`. `from`: the sender address.
    pub fn new(url: &str, from: &str) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("mail.from: `{from}` is not an address: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("mail.smtp_url: `{url}` is not an SMTP URL (smtp://host:port or smtps://host:port): {e}"))?
            .build();
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), String> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .subject(mail.subject.clone());
        for to in &mail.to {
            let mailbox: Mailbox = to
                .parse()
                .map_err(|e| format!("`{to}` is not an address: {e}"))?;
            builder = builder.to(mailbox);
        }
        let message = builder
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| format!("cannot build the message: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("SMTP: {e}"))
    }
}
