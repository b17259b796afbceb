//! The rows of the statement of applicability as the PDF and the DOCX print them (text
//! cells), and the counts of the summary: one place, so that the formats agree.

use super::{
    CatalogueInfo, ControlStatement, Counts, DASH, RegulatoryStatement, StatementOfApplicability,
    StatementState, stated_cell, texts_text,
};

/// The cells of one control row as the PDF and the DOCX print them: the key, the control
/// (its 小項目 on the first control of each, then its text), 区分, the state (with a carried
/// or to-review note), the statement's texts and linked risks, who stated it and when.
pub(crate) fn control_cells(c: &ControlStatement, show_topic: bool) -> [String; 6] {
    let control = match (&c.topic, show_topic) {
        (Some(t), true) => format!("【{t}】\n{}", c.text),
        _ => c.text.clone(),
    };
    let mut state = c.state.label().to_string();
    let carried = c.carried_text();
    if !carried.is_empty() {
        state.push_str(&format!("\n（{carried}）"));
    }
    let mut reason = texts_text(&c.texts);
    if !c.risks.is_empty() {
        if !reason.is_empty() {
            reason.push('\n');
        }
        reason.push_str(&format!("関連リスク：{}", c.risks.join("、")));
    }
    if reason.is_empty() {
        reason = DASH.to_string();
    }
    [
        c.key.clone(),
        control,
        c.kubun.clone(),
        state,
        reason,
        stated_cell(c.stated_by.as_deref(), c.stated_at),
    ]
}

/// Whether each control of `controls` starts a new 小項目 (its topic differs from the one
/// before it).
pub(crate) fn topic_starts(controls: &[ControlStatement]) -> Vec<bool> {
    let mut last: Option<&str> = None;
    controls
        .iter()
        .map(|c| {
            let t = c.topic.as_deref();
            let new = t.is_some() && t != last;
            last = t;
            new
        })
        .collect()
}

/// The cells of one regulatory requirement as the PDF and the DOCX print them: section,
/// requirement (with its note), legal basis, state, statement texts, met or not, who and when.
pub(crate) fn regulatory_cells(r: &RegulatoryStatement) -> [String; 7] {
    let mut title = format!("{}（{}）", r.title, r.key);
    if let Some(n) = &r.note {
        title.push_str(&format!("\n※{n}"));
    }
    let mut reason = texts_text(&r.texts);
    if !r.risks.is_empty() {
        if !reason.is_empty() {
            reason.push('\n');
        }
        reason.push_str(&format!("関連リスク：{}", r.risks.join("、")));
    }
    let or_dash = |s: String| if s.is_empty() { DASH.to_string() } else { s };
    [
        r.section.clone(),
        title,
        or_dash(r.legal_basis.join("\n")),
        r.state.label().to_string(),
        or_dash(reason),
        r.met_text(),
        stated_cell(r.stated_by.as_deref(), r.stated_at),
    ]
}

impl CatalogueInfo {
    /// `原文（取込み）` or `要約（原文ではない）`.
    pub fn text_origin(&self) -> &'static str {
        if self.official_text {
            "原文（取込み）"
        } else {
            "要約（原文ではない）"
        }
    }
}

/// The summary table: one row per 大項目 and a total (`合計`), each with the count per state
/// of [`StatementState::OF_CONTROLS`], the total and the count to review.
pub fn summary_rows(doc: &StatementOfApplicability) -> Vec<(String, Vec<usize>)> {
    let row = |name: String, c: &Counts| {
        let mut r: Vec<usize> = StatementState::OF_CONTROLS
            .iter()
            .map(|s| c.get(*s))
            .collect();
        r.push(c.total);
        r.push(c.to_review);
        (name, r)
    };
    let mut rows: Vec<(String, Vec<usize>)> = doc
        .chapters
        .iter()
        .map(|ch| row(ch.heading(), &Counts::of(ch.controls())))
        .collect();
    rows.push(row("合計".to_string(), &doc.counts()));
    rows
}

/// The summary rows as text cells.
pub(crate) fn summary_cells(doc: &StatementOfApplicability) -> Vec<Vec<String>> {
    summary_rows(doc)
        .into_iter()
        .map(|(name, n)| {
            std::iter::once(name)
                .chain(n.iter().map(usize::to_string))
                .collect()
        })
        .collect()
}

/// The summary's column headings after the first (大項目).
pub fn summary_columns() -> Vec<String> {
    let mut cols: Vec<String> = StatementState::OF_CONTROLS
        .iter()
        .map(|s| s.label().to_string())
        .collect();
    cols.push("計".into());
    cols.push("要見直し".into());
    cols
}

/// The rows of the catalogue information on the title page.
pub(crate) fn catalogue_rows(doc: &StatementOfApplicability) -> Vec<(String, String)> {
    let c = &doc.catalogue;
    let counts = doc.counts();
    vec![
        ("対策項目一覧".into(), c.source_title.clone()),
        ("版".into(), c.version.clone()),
        (
            "対象ガイドライン".into(),
            format!(
                "医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン 第{}版／医療情報システムの安全管理に関するガイドライン 第{}版",
                c.provider_gl_version, c.mhlw_gl_version
            ),
        ),
        ("対策項目の本文".into(), c.text_origin().to_string()),
        (
            "区分（◎）".into(),
            c.kubun_legend.clone().unwrap_or_else(|| "凡例未確認".into()),
        ),
        (
            "対策項目数".into(),
            format!(
                "{} 件（記述あり {} 件、記述なし {} 件）",
                counts.total,
                counts.total - counts.get(StatementState::None),
                counts.get(StatementState::None)
            ),
        ),
    ]
    .into_iter()
    .chain(
        c.completeness_note
            .clone()
            .map(|n| ("網羅性".to_string(), n)),
    )
    .collect()
}
