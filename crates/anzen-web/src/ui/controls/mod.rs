//! The pages of the controls (FAQ 5.3, 5.4, 7): the statement table of an offering (like a
//! statement of applicability) with its CSV and XLSX exports, the statement form of one
//! control, the Appendix 2 versions with the upload of a new one and what it changed, the
//! provider's own controls, and the regulatory requirements not met.

pub(crate) mod catalogues;
pub mod export;
pub(crate) mod form;
pub(crate) mod messages;
pub(crate) mod provider;
pub(crate) mod table;

use anzen_app::controls::{RowState, TableRow};
use anzen_domain::controls::{Applicability, StatementStatus, StatementSubject, TextOrigin};

use crate::dates;
use crate::i18n::{self, Lang};
use crate::ui::common::label;

/// The label of a statement's status in the page's language.
pub fn status_label(lang: Lang, s: StatementStatus) -> &'static str {
    label(lang, s.label_ja(), s.label_en())
}

/// The texts of a statement, each with its label, in the order of the form.
pub fn details(lang: Lang, a: &Applicability) -> Vec<(&'static str, String)> {
    let t = |k| i18n::t(lang, k);
    match a {
        Applicability::Adopted { how, evidence } => vec![
            (t("controls.field.how"), how.clone()),
            (t("controls.field.evidence"), evidence.clone()),
        ],
        Applicability::Alternative {
            what,
            why_equivalent,
        } => vec![
            (t("controls.field.alt_what"), what.clone()),
            (t("controls.field.why_equivalent"), why_equivalent.clone()),
        ],
        Applicability::NotApplicable { why } => vec![(t("controls.field.why"), why.clone())],
        Applicability::Planned { what, by } => vec![
            (t("controls.field.plan_what"), what.clone()),
            (t("controls.field.by"), dates::format_date(*by, lang)),
        ],
        Applicability::LegallyNotApplicable {
            finding,
            legal_basis,
        } => vec![
            (t("controls.field.finding"), finding.clone()),
            (t("controls.field.legal_basis"), legal_basis.clone()),
        ],
    }
}

/// The label of where a row stands (`""` for a plain statement).
pub fn state_label(lang: Lang, s: RowState) -> &'static str {
    match s {
        RowState::Stated => "",
        RowState::Carried => i18n::t(lang, "controls.state.carried"),
        RowState::ToReview => i18n::t(lang, "controls.state.to_review"),
        RowState::None => i18n::t(lang, "controls.state.none"),
    }
}

/// The code of where a row stands (for CSS and filters).
pub fn state_code(s: RowState) -> &'static str {
    match s {
        RowState::Stated => "stated",
        RowState::Carried => "carried",
        RowState::ToReview => "to_review",
        RowState::None => "none",
    }
}

/// The label of a text's origin: the imported official wording, or anzen's paraphrase.
pub fn origin_label(lang: Lang, o: TextOrigin) -> &'static str {
    label(lang, o.label_ja(), o.label_en())
}

/// The kind of a subject as posted by the forms.
pub fn kind_code(s: &StatementSubject) -> &'static str {
    match s {
        StatementSubject::Appendix2 { .. } => "appendix2",
        StatementSubject::Provider { .. } => "provider",
        StatementSubject::Regulatory { .. } => "regulatory",
    }
}

/// The catalogue version of a subject (`""` unless Appendix 2).
pub fn version_of(s: &StatementSubject) -> &str {
    match s {
        StatementSubject::Appendix2 {
            catalogue_version, ..
        } => catalogue_version,
        _ => "",
    }
}

/// The link to the statement form of a subject of an offering.
pub fn form_href(offering: &str, s: &StatementSubject) -> String {
    let q = crate::ui::common::query_string(&[
        ("kind", kind_code(s)),
        ("version", version_of(s)),
        ("key", s.key()),
    ]);
    format!("/offerings/{offering}/controls/statement?{q}")
}

/// Whether a row passes the status filter: a status code, `none` (no statement yet) or
/// `review` (to review); empty for every row.
pub fn matches_filter(row: &TableRow, filter: &str) -> bool {
    match filter {
        "" => true,
        "none" => row.state == RowState::None,
        "review" => row.state == RowState::ToReview,
        code => row.state != RowState::None && row.status().is_some_and(|s| s.code() == code),
    }
}
