//! The scope profile and verdict for people: the wizard's questions (one per field of
//! `anzen/scope-profile/v1`, in the contract's order, with help text citing the FAQ), which
//! questions matter given the earlier answers, the wizard's partial answers, and the verdict
//! in the page's language.

use anzen_domain::FieldError;
use anzen_domain::scope::{
    Deployment, Equipment, Maintenance, NetworkOperator, PatientDirectedReceipt, ScopeProfile,
    ScopeVerdict,
};
use base64::Engine as _;
use serde_json::{Map, Value};

use super::common::{Choice, label};
use crate::i18n::{self, Lang};

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// The service name, typed.
    Text,
    /// Yes or no (`true` / `false`).
    Bool,
    /// One code of an enumeration of the profile.
    Enum,
}

/// One question of the wizard: one field of the profile.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    /// The field's path in the profile, e.g. `contract.maintenance`.
    pub field: &'static str,
    /// The FAQ section the help text cites (empty for the service name).
    pub faq: &'static str,
    pub answer: Answer,
}

/// Every question, in the order of the profile contract. The order never depends on the
/// answers; only whether a question is asked does (see [`relevant`]).
pub const QUESTIONS: &[Question] = &[
    q("service", "", Answer::Text),
    q("institution_self_operated", "FAQ 1.1", Answer::Bool),
    q("contract.provision", "FAQ 1", Answer::Bool),
    q("contract.operation", "FAQ 1", Answer::Bool),
    q("contract.maintenance", "FAQ 1.3", Answer::Enum),
    q(
        "contract.remote_maintenance_in_terms",
        "FAQ 1.3",
        Answer::Bool,
    ),
    q("contract.sale_only", "FAQ 1.1", Answer::Bool),
    q("deployment", "FAQ 1", Answer::Enum),
    q("equipment", "FAQ 1.2", Answer::Enum),
    q("handles_medical_information", "FAQ 1", Answer::Bool),
    q("stores_medical_information", "FAQ 1.2", Answer::Bool),
    q(
        "connected_to_medical_information_system",
        "FAQ 1",
        Answer::Bool,
    ),
    q("supplies_in_scope_service", "FAQ 2", Answer::Bool),
    q("patient_directed_receipt", "FAQ 1.4", Answer::Enum),
    q("merged_into_phr_with_other_data", "FAQ 1.4", Answer::Bool),
    q("records_care_information", "FAQ 1.4", Answer::Bool),
    q("network_operator", "FAQ 2.2", Answer::Enum),
    q("serves_institution_contractor", "FAQ 1", Answer::Bool),
];

const fn q(field: &'static str, faq: &'static str, answer: Answer) -> Question {
    Question { field, faq, answer }
}

/// The position of `field` among the questions.
pub fn index_of(field: &str) -> Option<usize> {
    QUESTIONS.iter().position(|q| q.field == field)
}

/// Whether the profile has a 契約等 basis (provision, operation, maintenance on the
/// provider's judgement, or remote maintenance in the terms).
fn has_contract_basis(p: &ScopeProfile) -> bool {
    let c = &p.contract;
    c.provision
        || c.operation
        || c.maintenance == Maintenance::ProviderJudgement
        || c.remote_maintenance_in_terms
}

/// Whether the question about `field` matters, given the answers to the questions before it
/// (it never looks at later fields). A question that does not matter is not asked and its
/// field keeps its default:
/// - remote maintenance in the terms only matters without a maintenance contract (FAQ 1.3);
/// - "sale only" contradicts a provision, operation or maintenance contract (FAQ 1.1);
/// - the kind of device only matters under a contract (FAQ 1, 1.2);
/// - merging into a PHR only matters when information is received from an institution on
///   the patient's instruction (FAQ 1.4).
pub fn relevant(field: &str, p: &ScopeProfile) -> bool {
    match field {
        "contract.remote_maintenance_in_terms" => {
            p.contract.maintenance != Maintenance::ProviderJudgement
        }
        "contract.sale_only" => !has_contract_basis(p),
        "equipment" => has_contract_basis(p),
        "merged_into_phr_with_other_data" => {
            p.patient_directed_receipt == PatientDirectedReceipt::FromInstitution
        }
        _ => true,
    }
}

/// The next question after `index` that matters.
pub fn next_after(index: usize, p: &ScopeProfile) -> Option<usize> {
    (index + 1..QUESTIONS.len()).find(|&i| relevant(QUESTIONS[i].field, p))
}

/// The last question before `index` that matters.
pub fn previous_before(index: usize, p: &ScopeProfile) -> Option<usize> {
    (0..index.min(QUESTIONS.len()))
        .rev()
        .find(|&i| relevant(QUESTIONS[i].field, p))
}

/// The step number of `index` among the questions that matter, and how many matter.
pub fn progress(index: usize, p: &ScopeProfile) -> (usize, usize) {
    let asked: Vec<usize> = (0..QUESTIONS.len())
        .filter(|&i| relevant(QUESTIONS[i].field, p))
        .collect();
    let number = asked.iter().filter(|&&i| i <= index).count().max(1);
    (number, asked.len())
}

fn text(lang: Lang, key: &str) -> String {
    i18n::t(lang, key).to_owned()
}

impl Question {
    /// The short label of the field, e.g. for the profile table.
    pub fn label(&self, lang: Lang) -> String {
        text(lang, &format!("scope.q.{}.label", self.field))
    }

    /// The question as asked.
    pub fn question(&self, lang: Lang) -> String {
        text(lang, &format!("scope.q.{}.question", self.field))
    }

    /// The help text, in anzen's words, from the FAQ section [`Question::faq`].
    pub fn help(&self, lang: Lang) -> String {
        text(lang, &format!("scope.q.{}.help", self.field))
    }

    /// The possible answers: `(value, label)` in the contract's spelling.
    pub fn options(&self, lang: Lang) -> Vec<(&'static str, &'static str)> {
        fn codes<T: Copy>(
            lang: Lang,
            all: &[T],
            code: fn(T) -> &'static str,
            ja: fn(T) -> &'static str,
            en: fn(T) -> &'static str,
        ) -> Vec<(&'static str, &'static str)> {
            all.iter()
                .map(|v| (code(*v), label(lang, ja(*v), en(*v))))
                .collect()
        }
        match (self.answer, self.field) {
            (Answer::Text, _) => Vec::new(),
            (Answer::Bool, _) => vec![
                ("true", i18n::t(lang, "common.yes")),
                ("false", i18n::t(lang, "common.no")),
            ],
            (Answer::Enum, "contract.maintenance") => codes(
                lang,
                Maintenance::ALL,
                Maintenance::code,
                Maintenance::label_ja,
                Maintenance::label_en,
            ),
            (Answer::Enum, "deployment") => codes(
                lang,
                Deployment::ALL,
                Deployment::code,
                Deployment::label_ja,
                Deployment::label_en,
            ),
            (Answer::Enum, "equipment") => codes(
                lang,
                Equipment::ALL,
                Equipment::code,
                Equipment::label_ja,
                Equipment::label_en,
            ),
            (Answer::Enum, "patient_directed_receipt") => codes(
                lang,
                PatientDirectedReceipt::ALL,
                PatientDirectedReceipt::code,
                PatientDirectedReceipt::label_ja,
                PatientDirectedReceipt::label_en,
            ),
            (Answer::Enum, "network_operator") => codes(
                lang,
                NetworkOperator::ALL,
                NetworkOperator::code,
                NetworkOperator::label_ja,
                NetworkOperator::label_en,
            ),
            (Answer::Enum, _) => Vec::new(),
        }
    }

    /// The radio buttons, with `current` checked.
    pub fn choices(&self, lang: Lang, current: Option<&str>) -> Vec<Choice> {
        self.options(lang)
            .into_iter()
            .map(|(value, l)| Choice {
                value: value.to_owned(),
                label: l.to_owned(),
                selected: current == Some(value),
            })
            .collect()
    }

    /// The JSON value of an answer, or `None` when it is not one of the options.
    pub fn parse_answer(&self, raw: &str) -> Option<Value> {
        let raw = raw.trim();
        match self.answer {
            Answer::Text => None,
            Answer::Bool => match raw {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Answer::Enum => self
                .options(Lang::En)
                .iter()
                .any(|(code, _)| *code == raw)
                .then(|| Value::String(raw.to_owned())),
        }
    }
}

/// The value at a dotted path of a JSON object.
fn lookup<'a>(doc: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    match path.split_once('.') {
        Some((head, rest)) => doc.get(head)?.as_object().and_then(|m| lookup(m, rest)),
        None => doc.get(path),
    }
}

/// The value as the contract spells it: `true`, `false` or an enum code.
fn spelling(v: &Value) -> Option<String> {
    match v {
        Value::Bool(b) => Some(b.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// One field of a profile, for people.
#[derive(Debug, Clone)]
pub struct ProfileRow {
    pub label: String,
    pub value: String,
    /// Whether the wizard asks this question given the answers before it; a field it does
    /// not ask keeps its default.
    pub asked: bool,
}

/// The profile as rows of field label and answer label, for the offering page and the
/// wizard's summary.
pub fn profile_rows(lang: Lang, p: &ScopeProfile) -> Vec<ProfileRow> {
    let doc = match serde_json::to_value(p) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    QUESTIONS
        .iter()
        .map(|q| {
            let value = lookup(&doc, q.field).and_then(spelling).unwrap_or_default();
            let shown = q
                .options(lang)
                .into_iter()
                .find(|(code, _)| *code == value)
                .map_or(value.clone(), |(_, l)| l.to_owned());
            ProfileRow {
                label: q.label(lang),
                value: shown,
                asked: relevant(q.field, p),
            }
        })
        .collect()
}

/// The wizard's answers so far: a partial `anzen/scope-profile/v1` document. A field is
/// answered when its key is present; missing fields take their defaults. It travels in the
/// form as base64url JSON and is checked with [`ScopeProfile::from_json`] whenever it comes
/// back, so a tampered state is refused, never trusted.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    doc: Map<String, Value>,
}

impl Answers {
    /// A new profile for `service`, nothing else answered.
    pub fn new(service: &str) -> Self {
        let mut doc = Map::new();
        doc.insert(
            "schema".into(),
            Value::String(anzen_domain::scope::PROFILE_SCHEMA.into()),
        );
        doc.insert("service".into(), Value::String(service.into()));
        Self { doc }
    }

    /// Every field of an existing profile answered (re-assessing an offering).
    pub fn from_profile(p: &ScopeProfile) -> Self {
        match serde_json::to_value(p) {
            Ok(Value::Object(doc)) => Self { doc },
            _ => Self::new(&p.service),
        }
    }

    /// Reads the state posted by the wizard form.
    pub fn decode(raw: &str) -> Result<Self, FieldError> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(raw.trim().trim_end_matches('='))
            .map_err(|_| FieldError::new("state", "is not base64url"))?;
        let json =
            String::from_utf8(bytes).map_err(|_| FieldError::new("state", "is not UTF-8 text"))?;
        ScopeProfile::from_json(&json)?;
        match serde_json::from_str(&json) {
            Ok(Value::Object(doc)) => Ok(Self { doc }),
            _ => Err(FieldError::new("state", "is not a JSON object")),
        }
    }

    /// The state for the form's hidden field.
    pub fn encode(&self) -> String {
        let json = Value::Object(self.doc.clone()).to_string();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
    }

    /// The profile with defaults for what is not answered.
    pub fn profile(&self) -> Result<ScopeProfile, FieldError> {
        ScopeProfile::from_json(&Value::Object(self.doc.clone()).to_string())
    }

    /// The answer to `field`, as the contract spells it, if given.
    pub fn get(&self, field: &str) -> Option<String> {
        lookup(&self.doc, field).and_then(spelling)
    }

    /// Records the answer to `field`.
    pub fn set(&mut self, field: &str, value: Value) {
        match field.split_once('.') {
            Some((head, rest)) => {
                let entry = self
                    .doc
                    .entry(head.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !entry.is_object() {
                    *entry = Value::Object(Map::new());
                }
                if let Value::Object(m) = entry {
                    m.insert(rest.to_owned(), value);
                }
            }
            None => {
                self.doc.insert(field.to_owned(), value);
            }
        }
    }

    fn remove(&mut self, field: &str) {
        match field.split_once('.') {
            Some((head, rest)) => {
                if let Some(Value::Object(m)) = self.doc.get_mut(head) {
                    m.remove(rest);
                }
            }
            None => {
                self.doc.remove(field);
            }
        }
    }

    /// The final profile: every question that does not matter given the answers before it
    /// falls back to its default, so that the saved profile holds only what was asked.
    pub fn finish(&self) -> Result<ScopeProfile, FieldError> {
        let mut done = self.clone();
        for q in QUESTIONS {
            if !relevant(q.field, &done.profile()?) {
                done.remove(q.field);
            }
        }
        done.profile()
    }
}

/// One category of a verdict, ready for the page.
#[derive(Debug, Clone)]
pub struct CategoryView {
    pub code: &'static str,
    pub label: &'static str,
}

/// One reason of a verdict, ready for the page.
#[derive(Debug, Clone)]
pub struct ReasonView {
    /// e.g. `FAQ 1.3`.
    pub reference: String,
    /// e.g. `FAQ1.3-R2`.
    pub rule: String,
    pub effect: &'static str,
    pub effect_label: &'static str,
    /// The CSS modifier of the effect's badge.
    pub effect_badge: &'static str,
    pub message_ja: String,
    /// The English message, in the English UI only.
    pub message_en: String,
}

/// A verdict in the page's language.
#[derive(Debug, Clone)]
pub struct VerdictView {
    pub in_scope: bool,
    pub categories: Vec<CategoryView>,
    pub covers_non_medical_data: bool,
    pub reasons: Vec<ReasonView>,
}

impl VerdictView {
    pub fn new(lang: Lang, v: &ScopeVerdict) -> Self {
        Self {
            in_scope: v.in_scope,
            categories: categories(lang, v),
            covers_non_medical_data: v.covers_non_medical_data,
            reasons: v
                .reasons
                .iter()
                .map(|r| ReasonView {
                    reference: r.reference.clone(),
                    rule: r.rule.clone(),
                    effect: r.effect.code(),
                    effect_label: label(lang, r.effect.label_ja(), r.effect.label_en()),
                    effect_badge: match r.effect {
                        anzen_domain::scope::Effect::Includes
                        | anzen_domain::scope::Effect::Extends => "in-scope",
                        anzen_domain::scope::Effect::Excludes => "out-of-scope",
                        anzen_domain::scope::Effect::Note => "note",
                    },
                    message_ja: r.message.clone(),
                    message_en: match lang {
                        Lang::En => r.message_en.clone(),
                        Lang::Ja => String::new(),
                    },
                })
                .collect(),
        }
    }

    /// `"true"` / `"false"`, for `data-in-scope`.
    pub fn in_scope_attr(&self) -> &'static str {
        if self.in_scope { "true" } else { "false" }
    }
}

/// The categories of a verdict in the page's language.
pub fn categories(lang: Lang, v: &ScopeVerdict) -> Vec<CategoryView> {
    category_views(lang, &v.categories)
}

/// The category labels of a list of categories.
pub fn category_views(
    lang: Lang,
    categories: &[anzen_domain::scope::ScopeCategory],
) -> Vec<CategoryView> {
    categories
        .iter()
        .map(|c| CategoryView {
            code: c.code(),
            label: label(lang, c.label_ja(), c.label_en()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use anzen_domain::scope::PROFILE_FIELDS;

    #[test]
    fn every_field_of_the_contract_is_asked_once_in_order() {
        let asked: Vec<&str> = QUESTIONS
            .iter()
            .map(|q| q.field.split('.').next().unwrap())
            .collect();
        let mut dedup = asked.clone();
        dedup.dedup();
        let expected: Vec<&str> = PROFILE_FIELDS
            .iter()
            .copied()
            .filter(|f| *f != "schema")
            .collect();
        assert_eq!(dedup, expected);
        let contract: Vec<&str> = QUESTIONS
            .iter()
            .filter_map(|q| q.field.strip_prefix("contract."))
            .collect();
        assert_eq!(contract, anzen_domain::scope::CONTRACT_FIELDS);
    }

    #[test]
    fn every_question_has_its_texts_in_both_languages() {
        for q in QUESTIONS {
            for part in ["label", "question", "help"] {
                let key = format!("scope.q.{}.{part}", q.field);
                assert!(i18n::t_checked(Lang::Ja, &key).is_some(), "{key}");
            }
            if q.answer == Answer::Enum {
                let accepted = anzen_domain::scope::accepted_values(q.field);
                let offered: Vec<&str> = q.options(Lang::Ja).iter().map(|(c, _)| *c).collect();
                assert_eq!(offered, accepted, "{}", q.field);
            }
            if !q.faq.is_empty() {
                assert!(q.faq.starts_with("FAQ "));
            }
        }
    }

    #[test]
    fn questions_that_do_not_matter_are_skipped() {
        let mut p = ScopeProfile::new("x");
        assert!(!relevant("merged_into_phr_with_other_data", &p));
        assert!(!relevant("equipment", &p));
        assert!(relevant("contract.sale_only", &p));
        p.patient_directed_receipt = PatientDirectedReceipt::FromInstitution;
        assert!(relevant("merged_into_phr_with_other_data", &p));
        p.contract.maintenance = Maintenance::ProviderJudgement;
        assert!(!relevant("contract.remote_maintenance_in_terms", &p));
        assert!(!relevant("contract.sale_only", &p));
        assert!(relevant("equipment", &p));
    }

    #[test]
    fn skipping_never_changes_the_decision() {
        // Whatever a skipped field holds, the decision is that of its default.
        let mut base = ScopeProfile::new("x");
        base.contract.maintenance = Maintenance::ProviderJudgement;
        base.handles_medical_information = true;
        let mut noisy = base.clone();
        noisy.contract.remote_maintenance_in_terms = true;
        noisy.contract.sale_only = true;
        noisy.merged_into_phr_with_other_data = true;
        let a = anzen_domain::scope::determine(&base);
        let b = anzen_domain::scope::determine(&noisy);
        assert_eq!(
            (a.in_scope, &a.categories, a.covers_non_medical_data),
            (b.in_scope, &b.categories, b.covers_non_medical_data)
        );
        let answers = Answers::from_profile(&noisy);
        assert_eq!(answers.finish().unwrap(), base);
    }

    #[test]
    fn answers_round_trip_and_tampering_is_refused() {
        let mut a = Answers::new("Cloud EHR");
        a.set("contract.provision", Value::Bool(true));
        a.set("deployment", Value::String("inside_institution".into()));
        let back = Answers::decode(&a.encode()).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.get("contract.provision").as_deref(), Some("true"));
        assert_eq!(back.get("contract.operation"), None);
        assert!(back.profile().unwrap().contract.provision);
        assert_eq!(Answers::decode("!!!").unwrap_err().field, "state");
        let bad = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(r#"{"schema":"anzen/scope-profile/v1","service":"x","deployment":"moon"}"#);
        assert_eq!(Answers::decode(&bad).unwrap_err().field, "deployment");
        let arr = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("[1]");
        assert!(Answers::decode(&arr).is_err());
    }

    #[test]
    fn navigation_skips_and_counts() {
        let p = ScopeProfile::new("x");
        let sale = index_of("contract.sale_only").unwrap();
        let deployment = index_of("deployment").unwrap();
        assert_eq!(next_after(sale, &p), Some(deployment));
        assert_eq!(
            previous_before(QUESTIONS.len(), &p),
            Some(QUESTIONS.len() - 1)
        );
        let handles = index_of("handles_medical_information").unwrap();
        assert_eq!(previous_before(handles, &p), Some(deployment));
        let (n, total) = progress(0, &p);
        assert_eq!(n, 1);
        assert_eq!(total, QUESTIONS.len() - 2);
    }
}
