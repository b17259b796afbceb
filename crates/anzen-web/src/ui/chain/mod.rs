//! The supply chain and what hangs on it (FAQ 2, 2.1, 3, 3.1, 4.1, 4.2, 6.1): the chain
//! diagram of an offering with its provision form for an institution, the lifecycle
//! agreements of a contract, certifications, the device ledger, staged disclosure to an
//! institution, and change notifications.

pub(crate) mod agreements;
pub(crate) mod certifications;
pub(crate) mod devices;
pub mod diagram;
pub(crate) mod disclosures;
pub(crate) mod exemption;
pub(crate) mod notifications;
pub(crate) mod notifications_sent;
pub(crate) mod page;

use anzen_app::AppError;
use anzen_domain::FieldError;
use anzen_domain::chain::RuleText;

use crate::i18n::{self, Lang};
use crate::ui::common::{FormErrors, field_message};

/// The i18n key of a message of the supply-chain use-cases, when it has one.
fn message_key(m: &str) -> Option<&'static str> {
    let key = if m.starts_with("is required: the ledger confirms") {
        "chain.error.serial_required"
    } else if m.starts_with("is required for a device that stored medical information") {
        "chain.error.erasure_certificate"
    } else if m == "is already in the ledger" {
        "chain.error.serial_taken"
    } else if m.contains("would form a cycle") {
        "chain.error.cycle"
    } else if m == "an offering cannot supply itself" {
        "chain.error.self_supply"
    } else if m.contains("before it is valid") {
        "chain.error.certificate_dates"
    } else if m == "applies only to an external audit" {
        "chain.error.auditor_only"
    } else if m == "applies only to another equivalent certification" {
        "chain.error.equivalent_only"
    } else if m.starts_with("the content changed since it was read") {
        "chain.error.stale_digest"
    } else if m.starts_with("has already agreed") {
        "chain.error.already_agreed"
    } else if m.starts_with("the content is unchanged") {
        "chain.error.unchanged"
    } else if m.starts_with("only users of the two parties") {
        "chain.error.not_party"
    } else if m == "say what changes" {
        "chain.error.summary"
    } else if m.starts_with("no offering of yours") {
        "chain.error.own_offering"
    } else if m.starts_with("give the information disclosed") {
        "chain.error.answer"
    } else if m.starts_with("name the item") {
        "chain.error.item"
    } else if m == "has no contract for this offering" {
        "chain.error.no_contract"
    } else if m.starts_with("an internal agreement names the subcontractor") {
        "chain.error.subcontractor_needed"
    } else if m.starts_with("a subcontractor must be named") {
        "chain.error.name_subcontractor"
    } else if m.starts_with("an internal agreement assigns duties only") {
        "chain.error.internal_parties"
    } else if m.contains("so it needs a title") {
        "chain.error.duty_title"
    } else if m.starts_with("a duty key is") {
        "chain.error.duty_key"
    } else if m.contains("is assigned twice") {
        "chain.error.duty_twice"
    } else if m.starts_with("an agreement needs at least one duty") {
        "chain.error.no_duties"
    } else {
        return None;
    };
    Some(key)
}

/// A field error of the supply-chain pages in the page's language: the messages of these
/// use-cases have texts of their own; the common ones are translated as everywhere else.
pub(crate) fn message(lang: Lang, fe: &FieldError) -> String {
    let Some(key) = message_key(&fe.message) else {
        return field_message(lang, fe);
    };
    let mut text = i18n::t(lang, key).to_owned();
    // The cycle's path, when the message names one.
    if key == "chain.error.cycle"
        && let Some(at) = fe.message.find("through the chain ")
    {
        let path = fe.message[at + "through the chain ".len()..]
            .split(';')
            .next()
            .unwrap_or_default();
        text.push_str(&format!(" ({path})"));
    }
    if !fe.accepted.is_empty() {
        text.push_str(&format!(
            " {}: {}",
            i18n::t(lang, "error.field.accepted"),
            fe.accepted.join(", ")
        ));
    }
    text
}

/// The form errors of a use-case error (`None` for errors that deserve their own page).
pub(crate) fn form_errors(lang: Lang, e: &AppError) -> Option<FormErrors> {
    match e {
        AppError::Invalid(fe) => Some(FormErrors::one(&fe.field, message(lang, fe))),
        _ => None,
    }
}

/// A rule text with its reference, in the page's language.
pub(crate) fn cited(lang: Lang, r: &RuleText) -> String {
    match lang {
        Lang::Ja => r.cited_ja(),
        Lang::En => r.cited_en(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_messages_have_texts_and_the_rest_fall_back() {
        let fe = FieldError::new(
            "serial",
            "is required: the ledger confirms where each device is by its serial number (FAQ 6.1 (エ))",
        );
        assert_eq!(
            message(Lang::Ja, &fe),
            i18n::t(Lang::Ja, "chain.error.serial_required")
        );
        let cycle = FieldError::new(
            "supplier_offering",
            "offering b already builds on offering a through the chain a → b; supplying it would form a cycle in the supply chain",
        );
        assert!(message(Lang::Ja, &cycle).ends_with("(a → b)"));
        let other = FieldError::new("x", "must not be empty");
        assert_eq!(message(Lang::Ja, &other), field_message(Lang::Ja, &other));
    }
}
