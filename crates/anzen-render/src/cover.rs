//! What every document carries on every page: its title, the offering and provider, whom it
//! is for, its version, its issue date (西暦 and 令和), its document number, and the digest of
//! the data it was generated from (issue 10 item 4: verifiable documents).
//!
//! The document number and the data digest are assigned by the application when it issues
//! the document; a document rendered without issuing (a preview) carries `未発行` instead.
//! The SHA-256 of the issued *file* cannot be printed inside the file itself: the
//! application records it in the signed audit trail, and `anzen document verify FILE` finds
//! it there.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::dates;

/// The front matter of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    /// The offering (service) the document covers.
    pub offering: String,
    /// The provider issuing it.
    pub provider: String,
    /// The institution the document is for; `None`: for every institution.
    pub institution: Option<String>,
    /// The day of issue (Japan).
    pub issued_on: Date,
    /// The document's version as the provider numbers it (e.g. `1.2`).
    pub version: String,
    /// The document number (e.g. `RT-2026-0007`); `None` for a preview not issued.
    pub number: Option<String>,
    /// SHA-256 (hex) of the data the document was generated from; `None` for a preview.
    pub source_digest: Option<String>,
}

/// Printed in place of the document number on a preview.
pub const NOT_ISSUED: &str = "未発行";

impl Cover {
    /// `医療機関A 向け` or `全医療機関`.
    pub fn audience(&self) -> String {
        match &self.institution {
            Some(i) => format!("{i} 向け"),
            None => "全医療機関".to_string(),
        }
    }

    /// `RT-2026-0007` or `未発行`.
    pub fn number_text(&self) -> String {
        self.number.clone().unwrap_or_else(|| NOT_ISSUED.into())
    }

    /// The first 16 hex digits of the data digest, as printed in the footer (the whole
    /// digest is in the audit trail); `—` for a preview.
    pub fn digest_short(&self) -> String {
        self.source_digest
            .as_deref()
            .map_or("—".into(), |d| d.chars().take(16).collect())
    }

    /// The one-line page header of DOCX and XLSX:
    /// `title　offering（audience）　第 v 版　発行日 …`.
    pub fn header_line(&self, title: &str) -> String {
        format!(
            "{title}　{}（{}）　第 {} 版　発行日 {}",
            self.offering,
            self.audience(),
            self.version,
            dates::both(self.issued_on)
        )
    }

    /// The footer text beside the page numbers: `provider　文書番号 …　データ SHA-256 …`.
    pub fn footer_line(&self) -> String {
        format!(
            "{}　文書番号 {}　データ SHA-256 {}",
            self.provider,
            self.number_text(),
            self.digest_short()
        )
    }

    /// The cover's fields as the templates read them (`d.cover` in `house.typ`).
    pub fn template_data(&self, title: &str) -> serde_json::Value {
        serde_json::json!({
            "title": title,
            "offering": self.offering,
            "provider": self.provider,
            "audience": self.audience(),
            "version": self.version,
            "issued": dates::both(self.issued_on),
            "issued_short": dates::seireki(self.issued_on),
            "number": self.number_text(),
            "digest": self.source_digest.clone().unwrap_or_default(),
            "digest_short": self.digest_short(),
        })
    }
}

/// Excel header/footer codes start with `&`: a literal one is written `&&`.
pub fn xlsx_escape(s: &str) -> String {
    s.replace('&', "&&")
}

impl Cover {
    /// The XLSX page header (`&L` title etc. `&R` version and date).
    pub fn xlsx_header(&self, title: &str) -> String {
        format!(
            "&L&\"-,Bold\"{}　{}（{}）&R第 {} 版　発行日 {}",
            xlsx_escape(title),
            xlsx_escape(&self.offering),
            xlsx_escape(&self.audience()),
            xlsx_escape(&self.version),
            dates::both(self.issued_on)
        )
    }

    /// The XLSX page footer: provider, number and digest at the left, `n / m` centred.
    pub fn xlsx_footer(&self) -> String {
        format!("&L{}&C&P / &N", xlsx_escape(&self.footer_line()))
    }
}
