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
