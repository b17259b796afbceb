//! The controls use-cases' field errors in the page's language: the statement rules
//! (FAQ 5.3-R3, R4, R7; FAQ 7-R1) have texts of their own, the common messages are translated
//! as everywhere else.

use anzen_domain::FieldError;

use crate::i18n::{self, Lang};
use crate::ui::common::{FormErrors, field_message};

/// The i18n key of a message of the controls use-cases, when it has one.
fn message_key(field: &str, m: &str) -> Option<&'static str> {
    let key = if m.starts_with("is required: ") {
        match field {
            "how" => "controls.error.how",
            "evidence" => "controls.error.evidence",
            "what" => "controls.error.what",
            "why_equivalent" => "controls.error.why_equivalent",
            "why" => "controls.error.why",
            "by" => "controls.error.by",
            "finding" => "controls.error.finding",
            "legal_basis" => "controls.error.legal_basis",
            "description" => "controls.error.control_description",
            _ => return None,
        }
    } else if m.starts_with("a regulatory requirement cannot rest on an accepted risk") {
        "controls.error.accepted_risk"
    } else if m.starts_with("a regulatory requirement cannot be") {
        "controls.error.regulatory_status"
    } else if m.contains("is only for chapter 6 regulatory requirements") {
        "controls.error.regulatory_only_status"
    } else if m.starts_with("is not a field of status") {
        "controls.error.not_a_field"
    } else if m.starts_with("no risk with id") {
        "controls.error.no_risk"
    } else {
        return None;
    };
    Some(key)
}

/// A field error of the controls pages in the page's language, with the accepted values.
pub(crate) fn message(lang: Lang, fe: &FieldError) -> String {
    let Some(key) = message_key(&fe.field, &fe.message) else {
        return field_message(lang, fe);
    };
    let mut text = i18n::t(lang, key).to_owned();
    if !fe.accepted.is_empty() {
        text.push_str(&format!(
            " {}: {}",
            i18n::t(lang, "error.field.accepted"),
            fe.accepted.join(", ")
        ));
    }
    text
}

/// The form errors of one field error.
pub(crate) fn form_errors(lang: Lang, fe: &FieldError) -> FormErrors {
    FormErrors::one(&fe.field, message(lang, fe))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anzen_domain::controls::{Applicability, ApplicabilityInput};

    fn refusal(input: ApplicabilityInput) -> FieldError {
        Applicability::from_input(&input).expect_err("refused")
    }

    #[test]
    fn a_reasonless_non_adoption_is_explained_in_japanese_with_its_faq_section() {
        let fe = refusal(ApplicabilityInput {
            status: Some("not_applicable".into()),
            why: Some("  ".into()),
            ..Default::default()
        });
        assert_eq!(fe.field, "why");
        let ja = message(Lang::Ja, &fe);
        assert_eq!(ja, i18n::t(Lang::Ja, "controls.error.why"));
        assert!(ja.contains("FAQ 5.3-R7"), "{ja}");
        assert!(message(Lang::En, &fe).contains("FAQ 5.3-R7"));
    }

    #[test]
    fn every_required_text_of_a_statement_has_a_japanese_text() {
        for (status, field) in [
            ("adopted", "how"),
            ("alternative", "what"),
            ("planned", "what"),
        ] {
            let fe = refusal(ApplicabilityInput {
                status: Some(status.into()),
                ..Default::default()
            });
            assert_eq!(fe.field, field, "{status}");
            assert!(
                message_key(&fe.field, &fe.message).is_some(),
                "{status}: {}",
                fe.message
            );
        }
    }

    #[test]
    fn other_messages_fall_back_to_the_common_texts() {
        let fe = FieldError::new("key", "must not be empty");
        assert_eq!(message(Lang::Ja, &fe), field_message(Lang::Ja, &fe));
    }
}
