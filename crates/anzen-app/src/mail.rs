//! The mail port: the app composes messages, an implementation (SMTP) sends them.

use async_trait::async_trait;

/// A plain-text message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: Vec<String>,
    pub subject: String,
    pub body: String,
}

/// Sends mail. Errors are text: they are recorded on the delivery and the job is retried.
#[async_trait]
pub trait Mailer: Send + Sync + std::fmt::Debug {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), String>;
}

/// A mailer that counts what it sends and what fails ([`crate::ops`]).
#[derive(Debug)]
pub(crate) struct Counted(pub std::sync::Arc<dyn Mailer>);

#[async_trait]
impl Mailer for Counted {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), String> {
        let outcome = self.0.send(mail).await;
        match outcome {
            Ok(()) => crate::ops::MAILS_SENT.inc(),
            Err(_) => crate::ops::MAILS_FAILED.inc(),
        }
        outcome
    }
}
