//! The audit trail in the reader's language. The stored entries stay as the use-cases wrote
//! them (their hashes cover the text); the page shows the action, the object type and the
//! actor by their codes' translations, and a summary in the reader's language when its stored
//! form is one the use-cases write ([`SUMMARIES`]), falling back to the stored text.

use std::collections::HashMap;

use crate::i18n::{self, Lang};

/// Every action the use-cases record (`audit.action.{code}` names each; a test checks that the
/// demo's trail holds none other).
pub(crate) const ACTIONS: &[&str] = &[
    "agreement.agree",
    "agreement.open",
    "agreement.revise",
    "api_token.create",
    "api_token.revoke",
    "certification.create",
    "certification_exemption.set",
    "certification_exemption.withdraw",
    "checklist.answer",
    "checklist.edition_import",
    "component.create",
    "component.update",
    "contract.create",
    "contract.started_unready",
    "control_catalogue.import",
    "control_statement.set",
    "device.create",
    "disclosure.create",
    "document.issue",
    "incident.acknowledge",
    "incident.close",
    "incident.prevention_answer",
    "incident.record",
    "incident.update",
    "information_flow.create",
    "information_flow.update",
    "notification.acknowledge",
    "notification.create",
    "offering.create",
    "offering.update_profile",
    "operational_rules.issue",
    "operational_rules.respond",
    "organisation.create",
    "organisation.require_mfa",
    "provider_control.create",
    "risk.answer",
    "risk.consent",
    "risk.create",
    "risk.decline",
    "risk.flag",
    "risk.mark_review",
    "risk.question",
    "risk.reassess",
    "risk.treat",
    "risk_matrix.create",
    "safety_evaluation.create",
    "safety_evaluation.raise",
    "session.sign_in",
    "session.sign_out",
    "supply_link.create",
    "tech_notice.create",
    "user.change_password",
    "user.create",
    "user.locked",
    "user.mfa_enable",
    "user.mfa_enrolment_start",
    "user.mfa_secret_encrypt",
    "user.reset_password",
];

/// The summaries the use-cases write in English words around their data, as
/// `(action, key, stored form)`: `{name}` stands for a piece of data, which the text of
/// `audit.summary.{key}` places in the reader's language. The last piece of data runs to the
/// end of the summary.
pub(crate) const SUMMARIES: &[(&str, &str, &str)] = &[
    (
        "document.issue",
        "document_issue_all",
        "issued {number}: {kind} v{version} of {offering} ({format}) for all institutions sha256={sha256}",
    ),
    (
        "document.issue",
        "document_issue",
        "issued {number}: {kind} v{version} of {offering} ({format}) for {institution} sha256={sha256}",
    ),
    (
        "agreement.agree",
        "agreement_agree",
        "version {v} agreed by {party}",
    ),
    ("agreement.open", "agreement_open", "version 1 ({kind})"),
    ("agreement.revise", "agreement_revise", "version {v}"),
    (
        "api_token.create",
        "api_token_create_for",
        "{name} ({prefix}) for {login}",
    ),
    (
        "api_token.revoke",
        "api_token_revoke_of",
        "revoked ({prefix} of {login})",
    ),
    (
        "component.update",
        "component_update",
        "{offering}: {name} (revision {r})",
    ),
    (
        "contract.started_unready",
        "contract_started_unready",
        "合意前に開始した契約 / contract started before agreement: {gaps}",
    ),
    (
        "control_catalogue.import",
        "control_catalogue_import",
        "Appendix 2 {version} ({items} items; +{added} ~{changed} −{removed} against {previous}; {marked} risks marked for review)",
    ),
    (
        "control_statement.set",
        "control_statement_set",
        "{offering}: {key} {from} → {to} (version {v})",
    ),
    (
        "incident.acknowledge",
        "incident_acknowledge",
        "{title}: acknowledged by {party}",
    ),
    ("incident.close", "incident_close", "{title}: closed"),
    (
        "incident.prevention_answer",
        "incident_prevention_answer",
        "{title}: prevention measures (version {v}) {answer} by {party}",
    ),
    (
        "incident.record",
        "incident_record",
        "{title}: incident recorded ({impact}), {n} affected institutions",
    ),
    (
        "incident.update",
        "incident_update",
        "{title}: updated ({status}, prevention version {v})",
    ),
    (
        "information_flow.update",
        "information_flow_update",
        "{offering}: {who} / {what} (revision {r})",
    ),
    (
        "notification.create",
        "notification_create",
        "{summary} → {n} recipients",
    ),
    (
        "organisation.require_mfa",
        "mfa_optional",
        "MFA optional for members",
    ),
    (
        "organisation.require_mfa",
        "mfa_required",
        "MFA required for all members",
    ),
    (
        "risk.consent",
        "risk_consent",
        "{title}: agreed by {party} ({detail})",
    ),
    (
        "risk.flag",
        "risk_flag_catalogue",
        "{title}: marked for review (Appendix 2 {version})",
    ),
    (
        "risk.flag",
        "risk_flag_matrix",
        "{title}: marked for review (matrix version {v})",
    ),
    (
        "risk.flag",
        "risk_flag_scheduled",
        "{title}: marked for review (scheduled review)",
    ),
    (
        "risk.flag",
        "risk_flag_technology_on",
        "{title}: marked for review (technology change on {control}: {notice})",
    ),
    (
        "risk.flag",
        "risk_flag_technology",
        "{title}: marked for review (technology change: {notice})",
    ),
    (
        "risk.mark_review",
        "risk_mark_review",
        "{n} risks marked for review: Appendix 2 {version} changed or removed controls their measures name",
    ),
    (
        "risk_matrix.create",
        "risk_matrix_default",
        "version 1 (default example)",
    ),
    (
        "risk_matrix.create",
        "risk_matrix_version",
        "version {v} ({marked} risks to review)",
    ),
    (
        "tech_notice.create",
        "tech_notice_create",
        "{title} on {target} ({n} risks marked for review)",
    ),
    (
        "user.change_password",
        "user_change_password",
        "{login} (other sessions ended)",
    ),
    ("user.locked", "user_locked", "{failed} failed sign-ins"),
    (
        "user.mfa_secret_encrypt",
        "user_mfa_secret_encrypt",
        "TOTP secret encrypted at rest",
    ),
    (
        "user.reset_password",
        "user_reset_password",
        "{login} (sessions ended, {revoked} API tokens revoked)",
    ),
];

/// The keys this module builds from codes (for the translation files' coverage test).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn translated_keys() -> Vec<String> {
    let mut keys: Vec<String> = ACTIONS
        .iter()
        .map(|a| format!("audit.action.{a}"))
        .collect();
    keys.extend(
        SUMMARIES
            .iter()
            .map(|(_, k, _)| format!("audit.summary.{k}")),
    );
    keys.extend(
        super::audit::OBJECT_TYPES
            .iter()
            .map(|t| format!("audit.object_type.{t}")),
    );
    keys
}

/// A code's text under `prefix`, or the code itself when it has none.
fn coded(lang: Lang, prefix: &str, code: &str) -> String {
    i18n::t_checked(lang, &format!("{prefix}.{code}"))
        .map_or_else(|| code.to_owned(), str::to_owned)
}

/// The name of an action, e.g. `session.sign_in` → 「ログイン」.
pub(crate) fn action(lang: Lang, code: &str) -> String {
    coded(lang, "audit.action", code)
}

/// The name of an object type, e.g. `offering` → 「提供サービス」.
pub(crate) fn object_type(lang: Lang, code: &str) -> String {
    coded(lang, "audit.object_type", code)
}

/// Who acted: a user by display name (by login when the reader may not list users), the demo
/// set-up and other operators and system jobs by name.
pub(crate) fn actor(lang: Lang, label: &str, users: &HashMap<String, String>) -> String {
    match label.split_once(':') {
        Some(("user", login)) => users
            .get(login)
            .cloned()
            .unwrap_or_else(|| login.to_owned()),
        Some(("operator", "demo")) => i18n::t(lang, "audit.actor.demo").to_owned(),
        Some(("operator", name)) => i18n::t(lang, "audit.actor.operator").replace("{name}", name),
        Some(("system", name)) => i18n::t(lang, "audit.actor.system").replace("{name}", name),
        _ => label.to_owned(),
    }
}

/// The summary in the reader's language when its stored form is known, else as stored.
pub(crate) fn summary(lang: Lang, action: &str, stored: &str) -> String {
    for (a, key, form) in SUMMARIES {
        if *a != action {
            continue;
        }
        if let Some(values) = match_form(form, stored) {
            let mut text = i18n::t(lang, &format!("audit.summary.{key}")).to_owned();
            for (name, value) in values {
                text = text.replace(&format!("{{{name}}}"), i18n::japanese_side(lang, value));
            }
            return text;
        }
    }
    i18n::japanese_side(lang, stored).to_owned()
}

/// The data of `stored` by name when it has the shape of `form` (`"{a}: closed"`); each piece
/// of data is non-empty and as short as the words after it allow, the last runs to the end.
fn match_form<'f, 's>(form: &'f str, stored: &'s str) -> Option<Vec<(&'f str, &'s str)>> {
    // Split the form into literal words and names.
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut rest = form;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        if open > 0 {
            parts.push((false, &rest[..open]));
        }
        parts.push((true, &rest[open + 1..close]));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    let mut values = Vec::new();
    let mut at = 0;
    let mut pending: Option<&str> = None;
    for (is_name, piece) in &parts {
        if *is_name {
            pending = Some(piece);
            continue;
        }
        let found = match pending {
            None => stored[at..].starts_with(piece).then_some(at)?,
            Some(_) => {
                // A piece of data is never empty: look from its second character on.
                let from = at + stored[at..].chars().next()?.len_utf8();
                from + stored[from..].find(piece)?
            }
        };
        if let Some(name) = pending.take() {
            values.push((name, &stored[at..found]));
        }
        at = found + piece.len();
    }
    match pending {
        Some(name) if at < stored.len() => values.push((name, &stored[at..])),
        Some(_) => return None,
        None if at != stored.len() => return None,
        None => {}
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_forms_match_with_their_data() {
        assert_eq!(
            match_form("{title}: closed", "Outage: closed"),
            Some(vec![("title", "Outage")])
        );
        assert_eq!(match_form("{title}: closed", ": closed"), None);
        assert_eq!(match_form("{title}: closed", "Outage: closed!"), None);
        assert_eq!(
            match_form(
                "version {v} agreed by {party}",
                "version 3 agreed by 病院 A"
            ),
            Some(vec![("v", "3"), ("party", "病院 A")])
        );
        assert_eq!(
            match_form("version {v}", "version 1 (ehr)"),
            Some(vec![("v", "1 (ehr)")])
        );
        assert_eq!(
            match_form("TOTP secret encrypted at rest", "TOTP secret"),
            None
        );
        assert_eq!(match_form("{a} x", "x"), None);
    }

    #[test]
    fn summaries_read_in_japanese_and_unknown_ones_stay_as_stored() {
        assert_eq!(
            summary(
                Lang::Ja,
                "organisation.require_mfa",
                "MFA required for all members"
            ),
            i18n::t(Lang::Ja, "audit.summary.mfa_required")
        );
        let ja = summary(Lang::Ja, "user.locked", "5 failed sign-ins");
        assert!(ja.contains('5') && !ja.contains("failed"), "{ja}");
        assert_eq!(
            summary(Lang::En, "user.locked", "5 failed sign-ins"),
            "5 failed sign-ins"
        );
        assert_eq!(
            summary(Lang::Ja, "risk.create", "EHR [high] Leak"),
            "EHR [high] Leak"
        );
        assert_eq!(
            summary(Lang::Ja, "user.locked", "something else"),
            "something else"
        );
    }

    #[test]
    fn an_issued_document_reads_in_japanese() {
        let issued = summary(
            Lang::Ja,
            "document.issue",
            "issued D-1: risk_treatment v2 of EHR (pdf) for all institutions sha256=ab12",
        );
        assert!(
            issued.contains("D-1") && issued.contains("ab12"),
            "{issued}"
        );
        assert!(issued.contains("全医療機関向け"), "{issued}");
    }

    #[test]
    fn actors_read_as_names() {
        let users = HashMap::from([("alice@example.jp".to_owned(), "Alice".to_owned())]);
        assert_eq!(actor(Lang::Ja, "user:alice@example.jp", &users), "Alice");
        assert_eq!(
            actor(Lang::Ja, "user:bob@example.jp", &users),
            "bob@example.jp"
        );
        assert_eq!(actor(Lang::Ja, "operator:demo", &users), "デモ作成");
        assert!(actor(Lang::Ja, "operator:cli", &users).contains("cli"));
        assert_eq!(actor(Lang::Ja, "odd", &users), "odd");
    }

    #[test]
    fn every_action_has_a_name_in_both_languages() {
        for lang in Lang::ALL {
            for a in ACTIONS {
                assert_ne!(action(lang, a), *a, "{a} in {lang}");
            }
        }
    }
}
