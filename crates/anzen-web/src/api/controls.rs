//! The controls (FAQ 5.3, 5.4, 7): the statement table of an offering and its statements, the
//! versions of Appendix 2 with the upload of a new one and what it changed, the provider's own
//! controls, and the chapter 6 regulatory requirements not met.
//!
//! A statement without the text its status needs is refused (422 naming the field, citing FAQ
//! 5.3-R7), and so is `not_applicable` on a regulatory requirement (422 on `status`, citing FAQ
//! 7-R1); a refusal writes nothing.

use anzen_app::AppError;
use anzen_app::controls::{
    CatalogueReview, CatalogueVersion as AppVersion, ImportError, ImportFormat, ImportOutcome,
    LinkedRiskView, RowState as AppRowState, StatementInput, StatementTable as AppTable, TableRow,
    UnmetRow,
};
use anzen_app::ports::{StoredProviderControl, StoredStatement};
use anzen_domain::FieldError;
use anzen_domain::controls::{self as dc, Applicability, ApplicabilityInput, StatementSubject};
use anzen_domain::ids::OfferingId;
use axum::Json;
use axum::body::Body as RawBody;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::enums::mirror_enum;
use super::extract::{Body, PathId, Query, id_param, page, text_param};
use super::list::{PageParams, list_of};
use super::orgs::created;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

mirror_enum! {
    /// The status of a statement: `adopted` (how, evidence), `alternative` (what,
    /// why_equivalent), `not_applicable` (why; never for a regulatory requirement, FAQ
    /// 7-R1), `planned` (what, by), `legally_not_applicable` (finding, legal_basis; only for
    /// a regulatory requirement whose law does not reach the offering).
    StatementStatus => dc::StatementStatus {
        Adopted = "adopted",
        Alternative = "alternative",
        NotApplicable = "not_applicable",
        Planned = "planned",
        LegallyNotApplicable = "legally_not_applicable",
    }
}

mirror_enum! {
    /// Why a regulatory requirement is not met.
    UnmetReason => dc::UnmetReason {
        NoStatement = "no_statement",
        Planned = "planned",
        NotMet = "not_met",
        RestsOnAcceptedRisk = "rests_on_accepted_risk",
    }
}

/// What a statement is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubjectKind {
    /// An item of a version of Appendix 2.
    Appendix2,
    /// A control the provider defined itself.
    Provider,
    /// A chapter 6 regulatory requirement.
    Regulatory,
}

/// Where a row of the table stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RowState {
    /// A statement on this very control.
    Stated,
    /// A statement on an earlier version whose control did not change.
    Carried,
    /// A statement on an earlier version whose control changed: to be reviewed.
    ToReview,
    /// No statement yet.
    None,
}

/// The subject of a statement.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatementSubjectDto {
    pub kind: SubjectKind,
    /// The Appendix 2 version (its label, e.g. `v1.1 (3f2a…)`); Appendix 2 only. Defaults to
    /// the newest version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue_version: Option<String>,
    /// The key: `1.1/①-1` (Appendix 2), the provider's own key, or e.g. `6.2-authenticity`.
    pub key: String,
}

fn subject_dto(s: &StatementSubject) -> StatementSubjectDto {
    match s {
        StatementSubject::Appendix2 {
            catalogue_version,
            key,
        } => StatementSubjectDto {
            kind: SubjectKind::Appendix2,
            catalogue_version: Some(catalogue_version.clone()),
            key: key.clone(),
        },
        StatementSubject::Provider { key } => StatementSubjectDto {
            kind: SubjectKind::Provider,
            catalogue_version: None,
            key: key.clone(),
        },
        StatementSubject::Regulatory { key } => StatementSubjectDto {
            kind: SubjectKind::Regulatory,
            catalogue_version: None,
            key: key.clone(),
        },
    }
}

/// A statement in force, with the texts of its status.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Statement {
    pub subject: StatementSubjectDto,
    pub status: StatementStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_equivalent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub by: Option<jiff::civil::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The risks of the offering the statement rests on.
    pub risks: Vec<Uuid>,
    /// The statement's place in its history (1, 2, …); send it as `revision` to change it.
    pub version: i64,
    pub stated_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub stated_at: jiff::Timestamp,
}

impl From<&StoredStatement> for Statement {
    fn from(s: &StoredStatement) -> Self {
        let st = &s.statement;
        let mut out = Statement {
            subject: subject_dto(st.subject()),
            status: st.status().into(),
            how: None,
            evidence: None,
            what: None,
            why_equivalent: None,
            why: None,
            by: None,
            finding: None,
            legal_basis: None,
            risks: st.risks().iter().map(|r| *r.as_uuid()).collect(),
            version: s.seq,
            stated_by: s.stated_by.clone(),
            stated_at: s.stated_at,
        };
        match st.applicability() {
            Applicability::Adopted { how, evidence } => {
                out.how = Some(how.clone());
                out.evidence = Some(evidence.clone());
            }
            Applicability::Alternative {
                what,
                why_equivalent,
            } => {
                out.what = Some(what.clone());
                out.why_equivalent = Some(why_equivalent.clone());
            }
            Applicability::NotApplicable { why } => out.why = Some(why.clone()),
            Applicability::Planned { what, by } => {
                out.what = Some(what.clone());
                out.by = Some(*by);
            }
            Applicability::LegallyNotApplicable {
                finding,
                legal_basis,
            } => {
                out.finding = Some(finding.clone());
                out.legal_basis = Some(legal_basis.clone());
            }
        }
        out
    }
}

/// A risk a statement links.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkedRisk {
    pub id: Uuid,
    /// Its title, when the caller may read it.
    pub title: Option<String>,
    /// Its treatment option (`reduce`, `avoid`, `share`, `accept`), when decided.
    pub option: Option<String>,
}

impl From<&LinkedRiskView> for LinkedRisk {
    fn from(r: &LinkedRiskView) -> Self {
        LinkedRisk {
            id: *r.id.as_uuid(),
            title: r.title.clone(),
            option: r.option.map(|o| o.code().to_owned()),
        }
    }
}

/// One row of the statement table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatementRow {
    pub subject: StatementSubjectDto,
    /// The category path or title.
    pub heading: String,
    /// The control's text.
    pub text: String,
    /// `official` (as imported) or `paraphrase` (anzen's English summary, never the official
    /// wording).
    pub text_origin: String,
    /// The 区分 mark of an Appendix 2 item (`◎` or empty).
    pub kubun_mark: String,
    pub state: RowState,
    /// The statement in force (or carried, or to review); absent when none yet.
    pub statement: Option<Statement>,
    /// The version the statement was made on, when it is not this row's.
    pub from_version: Option<String>,
    pub linked_risks: Vec<LinkedRisk>,
}

fn row_dto(r: &TableRow) -> StatementRow {
    StatementRow {
        subject: subject_dto(&r.subject),
        heading: r.heading.clone(),
        text: r.text.clone(),
        text_origin: r.text_origin.code().to_owned(),
        kubun_mark: r.kubun_mark.clone(),
        state: match r.state {
            AppRowState::Stated => RowState::Stated,
            AppRowState::Carried => RowState::Carried,
            AppRowState::ToReview => RowState::ToReview,
            AppRowState::None => RowState::None,
        },
        statement: r.statement.as_ref().map(Statement::from),
        from_version: r.from_version.clone(),
        linked_risks: r.linked_risks.iter().map(LinkedRisk::from).collect(),
    }
}

/// A version of Appendix 2.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogueVersion {
    /// `00000000-0000-0000-0000-000000000000` for the built-in partial catalogue.
    pub id: Uuid,
    pub version: String,
    /// The partial list shipped with anzen (paraphrased): import the official file.
    pub builtin: bool,
    pub complete: bool,
    pub text_origin: String,
    pub items: i64,
    pub source_name: Option<String>,
    pub source_sha256: Option<String>,
    pub imported_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub imported_at: Option<jiff::Timestamp>,
}

impl From<AppVersion> for CatalogueVersion {
    fn from(v: AppVersion) -> Self {
        CatalogueVersion {
            id: v.id,
            version: v.version,
            builtin: v.builtin,
            complete: v.complete,
            text_origin: v.text_origin.code().to_owned(),
            items: v.items,
            source_name: v.source_name,
            source_sha256: v.source_sha256,
            imported_by: v.imported_by,
            imported_at: v.imported_at,
        }
    }
}

/// A regulatory requirement an offering does not meet (FAQ 7).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnmetRequirement {
    pub offering: Uuid,
    pub offering_name: String,
    pub key: String,
    pub title: String,
    pub reason: UnmetReason,
    #[schema(value_type = Option<String>, format = Date)]
    pub planned_by: Option<jiff::civil::Date>,
}

impl From<UnmetRow> for UnmetRequirement {
    fn from(u: UnmetRow) -> Self {
        UnmetRequirement {
            offering: *u.offering.as_uuid(),
            offering_name: u.offering_name,
            key: u.key,
            title: u.title,
            reason: u.reason.into(),
            planned_by: u.planned_by,
        }
    }
}

/// The statement table of an offering (like a statement of applicability).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatementTable {
    pub offering: Uuid,
    pub offering_name: String,
    /// The Appendix 2 version shown.
    pub catalogue: CatalogueVersion,
    pub appendix2: Vec<StatementRow>,
    pub provider_controls: Vec<StatementRow>,
    pub regulatory: Vec<StatementRow>,
    /// The regulatory requirements not met.
    pub unmet: Vec<UnmetRequirement>,
}

/// The filters of the statement table.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TableParams {
    /// The Appendix 2 version (its id); the newest by default.
    #[param(value_type = Option<Uuid>)]
    pub version: Option<String>,
    /// Only rows with this status, or `none` (no statement yet), or `review` (to review).
    #[param(value_type = Option<super::enums::StatementFilter>)]
    pub status: Option<String>,
}

/// Show the statement table of an offering
///
/// Every control of the Appendix 2 version (the newest by default), the provider's own
/// controls and the chapter 6 regulatory requirements, each with its current statement or
/// none yet, and the requirements not met. An institution's reviewer reads the tables of the
/// offerings it contracts.
#[utoipa::path(
    get,
    path = "/offerings/{id}/statements",
    tag = "controls",
    operation_id = "get_statement_table",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), TableParams),
    responses(
        (status = 200, description = "The statement table", body = StatementTable),
        (status = 403, description = "The role cannot read controls (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn table(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<TableParams>,
) -> Result<Json<StatementTable>, Problem> {
    let version = match text_param(&q.version) {
        None => None,
        Some(v) => Some(Uuid::try_parse(&v).map_err(|_| {
            FieldError::new("version", format!("`{v}` is not a valid id (a UUID)"))
        })?),
    };
    let filter = text_param(&q.status).unwrap_or_default();
    let known = filter.is_empty()
        || filter == "none"
        || filter == "review"
        || dc::StatementStatus::from_code(&filter).is_some();
    if !known {
        let mut accepted: Vec<&str> = dc::StatementStatus::ALL.iter().map(|s| s.code()).collect();
        accepted.extend(["none", "review"]);
        return Err(
            FieldError::new("status", format!("unknown value `{filter}`"))
                .with_accepted(accepted)
                .into(),
        );
    }
    let t: AppTable = state
        .app
        .statement_table(&caller, OfferingId::from_uuid(id), version)
        .await?;
    let rows = |rows: &[TableRow]| -> Vec<StatementRow> {
        rows.iter()
            .filter(|r| crate::ui::controls::matches_filter(r, &filter))
            .map(row_dto)
            .collect()
    };
    Ok(Json(StatementTable {
        offering: *t.offering.as_uuid(),
        offering_name: t.offering_name.clone(),
        catalogue: t.catalogue.clone().into(),
        appendix2: rows(&t.appendix2),
        provider_controls: rows(&t.provider_controls),
        regulatory: rows(&t.regulatory),
        unmet: t.unmet.into_iter().map(Into::into).collect(),
    }))
}

/// A statement of an offering on one control or regulatory requirement. Send the texts of
/// the status only; each is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"subject": {"kind": "regulatory", "key": "6.2-authenticity"}, "status": "adopted", "how": "操作ログに電子署名とタイムスタンプを付与", "evidence": "署名検証の手順書と月次点検記録"}))]
pub struct StatementUpdate {
    pub subject: StatementSubjectDto,
    pub status: StatementStatus,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub how: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub evidence: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub what: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub why_equivalent: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub why: Option<String>,
    /// YYYY-MM-DD (planned).
    #[serde(default)]
    #[schema(format = Date)]
    pub by: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub finding: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub legal_basis: Option<String>,
    /// Risks of the same offering the statement rests on (never an accepted one for a
    /// regulatory requirement).
    #[serde(default)]
    pub risks: Vec<Uuid>,
    /// The version of the current statement the change is based on (0: none yet); a stale
    /// one is refused with 409. Without it, the change applies to whatever is current.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)]
    pub revision: Option<i64>,
}

fn statement_error(e: AppError) -> Problem {
    match e {
        AppError::Invalid(mut fe) => {
            if let Some(rest) = fe.field.strip_prefix("risks[") {
                fe.field = format!("risks.{}", rest.trim_end_matches(']'));
            }
            Problem::invalid(fe)
        }
        other => other.into(),
    }
}

/// Record a statement
///
/// Records the offering's statement on one control or regulatory requirement, as a new
/// version of its history. A non-adoption without its reason is refused (FAQ 5.3-R7), and so
/// is `not_applicable` on a regulatory requirement or one resting on an accepted risk (FAQ
/// 7-R1); a refusal writes nothing.
#[utoipa::path(
    put,
    path = "/offerings/{id}/statements",
    tag = "controls",
    operation_id = "set_statement",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = StatementUpdate,
    responses(
        (status = 200, description = "The statement now in force", body = Statement),
        (status = 403, description = "The role cannot change controls (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The statement changed since `revision` (`conflict`); nothing was written", body = crate::error::ErrorBody),
    ),
)]
pub async fn set_statement(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<StatementUpdate>,
) -> Result<Json<Statement>, Problem> {
    let status: dc::StatementStatus = body.status.into();
    let input = StatementInput {
        kind: match body.subject.kind {
            SubjectKind::Appendix2 => "appendix2",
            SubjectKind::Provider => "provider",
            SubjectKind::Regulatory => "regulatory",
        }
        .to_owned(),
        catalogue_version: body.subject.catalogue_version.unwrap_or_default(),
        key: body.subject.key,
        applicability: ApplicabilityInput {
            status: Some(status.code().to_owned()),
            how: body.how,
            evidence: body.evidence,
            what: body.what,
            why_equivalent: body.why_equivalent,
            why: body.why,
            by: body.by,
            finding: body.finding,
            legal_basis: body.legal_basis,
        },
        risks: body.risks.iter().map(ToString::to_string).collect(),
        revision: body
            .revision
            .map(|r| super::extract::revision("revision", r, 0))
            .transpose()?,
    };
    let stored = state
        .app
        .set_statement(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(statement_error)?;
    Ok(Json(Statement::from(&stored)))
}

list_of!(
    /// The versions of Appendix 2, oldest first (the built-in partial one first).
    CatalogueList of CatalogueVersion
);

/// List the versions of Appendix 2
///
/// The built-in partial catalogue and every imported version, oldest first. Catalogue
/// versions are reference data of the whole installation.
#[utoipa::path(
    get,
    path = "/controls/catalogues",
    tag = "controls",
    operation_id = "list_catalogues",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The versions", body = CatalogueList),
        (status = 403, description = "The role cannot read controls (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_catalogues(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<PageParams>,
) -> Result<Json<CatalogueList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let versions = state.app.list_catalogue_versions(&caller).await?;
    Ok(Json(CatalogueList::from_all(versions, page)))
}

/// A change of an item kept under the same key.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChangedItem {
    pub key: String,
    /// What changed: `content`, `mhlw_refs`, `kubun_mark`, `risk_scenario`, `category`.
    pub changes: Vec<String>,
}

/// A proposal that a removed item lives on under a new key (a person confirms it).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MoveProposal {
    pub from: String,
    pub to: String,
    /// Similarity of the texts, 0–1000.
    pub similarity_permille: u16,
}

/// A statement to review after a new version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatementToReview {
    pub offering: Uuid,
    pub catalogue_version: String,
    pub key: String,
    pub status: StatementStatus,
    /// The control is gone from the new version.
    pub removed: bool,
}

/// A risk whose measures name a changed or removed control.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskToReview {
    pub id: Uuid,
    pub offering: Uuid,
    pub title: String,
    pub controls: Vec<String>,
}

/// What a version changed against the previous one, and what to review (within the
/// caller's reach).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogueDiff {
    pub from: CatalogueVersion,
    pub to: CatalogueVersion,
    pub added: Vec<String>,
    pub changed: Vec<ChangedItem>,
    pub removed: Vec<String>,
    pub unchanged: usize,
    pub moved_candidates: Vec<MoveProposal>,
    pub statements_to_review: Vec<StatementToReview>,
    pub risks_to_review: Vec<RiskToReview>,
}

impl From<CatalogueReview> for CatalogueDiff {
    fn from(r: CatalogueReview) -> Self {
        let d = r.diff;
        CatalogueDiff {
            from: r.from.into(),
            to: r.to.into(),
            added: d.added,
            changed: d
                .changed
                .into_iter()
                .map(|c| ChangedItem {
                    key: c.key,
                    changes: c.changes.iter().map(|x| x.code().to_owned()).collect(),
                })
                .collect(),
            removed: d.removed,
            unchanged: d.unchanged,
            moved_candidates: d
                .moved_candidates
                .into_iter()
                .map(|m| MoveProposal {
                    from: m.from,
                    to: m.to,
                    similarity_permille: m.similarity_permille,
                })
                .collect(),
            statements_to_review: r
                .statements_to_review
                .into_iter()
                .map(|s| StatementToReview {
                    offering: *s.offering.as_uuid(),
                    catalogue_version: s.catalogue_version,
                    key: s.key,
                    status: s.status.into(),
                    removed: s.removed,
                })
                .collect(),
            risks_to_review: r
                .risks_to_review
                .into_iter()
                .map(|x| RiskToReview {
                    id: *x.id.as_uuid(),
                    offering: *x.offering.as_uuid(),
                    title: x.title,
                    controls: x.controls,
                })
                .collect(),
        }
    }
}

/// Show what a version changed
///
/// The items added, changed and removed against the previous version, proposed moves, and
/// the statements and risks (within the caller's reach) to review (FAQ 5.3, 5.4).
#[utoipa::path(
    get,
    path = "/controls/catalogues/{id}/diff",
    tag = "controls",
    operation_id = "get_catalogue_diff",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version's id")),
    responses(
        (status = 200, description = "The differences", body = CatalogueDiff),
        (status = 403, description = "The role cannot read controls (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn diff(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<CatalogueDiff>, Problem> {
    Ok(Json(state.app.catalogue_review(&caller, id).await?.into()))
}

/// Item counts of one 大項目.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryCount {
    pub number: String,
    pub title: Option<String>,
    pub items: usize,
    pub marked: usize,
}

/// The report of an import (appendix2.md §7.3 rule 5).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ImportReport {
    pub sheet: Option<String>,
    pub items: usize,
    pub references: usize,
    /// Items marked ◎.
    pub marked: usize,
    pub per_major: Vec<CategoryCount>,
    pub without_mhlw_reference: Vec<String>,
    /// Holes in the numbering, e.g. `1.1/①: ①-2`.
    pub numbering_gaps: Vec<String>,
    /// Rows left out (page headers and footers).
    pub dropped_rows: usize,
    /// Warnings by row and column.
    pub warnings: Vec<String>,
    /// The claimed total of the appendix (unverified).
    pub expected_total: Option<usize>,
}

/// The result of an import.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogueImport {
    pub version: CatalogueVersion,
    /// The same file was imported before: nothing was written.
    pub already_imported: bool,
    pub report: ImportReport,
    pub diff: CatalogueDiff,
    /// Risks of every provider marked for review by this import.
    pub risks_marked: usize,
}

impl From<ImportOutcome> for CatalogueImport {
    fn from(o: ImportOutcome) -> Self {
        let r = o.report;
        CatalogueImport {
            version: o.version.into(),
            already_imported: o.already_imported,
            report: ImportReport {
                sheet: r.sheet,
                items: r.items,
                references: r.references,
                marked: r.marked,
                per_major: r
                    .per_major
                    .into_iter()
                    .map(|c| CategoryCount {
                        number: c.number,
                        title: c.title,
                        items: c.items,
                        marked: c.marked,
                    })
                    .collect(),
                without_mhlw_reference: r.without_mhlw_reference,
                numbering_gaps: r
                    .numbering_gaps
                    .iter()
                    .map(|g| format!("{}: {}", g.within, g.missing.join(", ")))
                    .collect(),
                dropped_rows: r.dropped_rows.len(),
                warnings: r.warnings.iter().map(ToString::to_string).collect(),
                expected_total: r.expected_total,
            },
            diff: o.review.into(),
            risks_marked: o.risks_marked,
        }
    }
}

/// The bytes of an Appendix 2 file: the official workbook or the CSV template (UTF-8).
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct CatalogueFile(#[allow(dead_code)] Vec<u8>);

/// The parameters of an upload.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The file's name, recorded with the version (e.g. `別紙2.xlsx`).
    pub name: Option<String>,
}

/// Import a version of Appendix 2
///
/// The body is the file itself: the official workbook
/// (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`) or the CSV template
/// (`text/csv`, UTF-8), at most 8 MiB. All or nothing: a file with any bad row is refused
/// with 422 (`field` is `file`; the message lists every error by row and column) and nothing
/// is stored. A file past an import limit (8 MiB; once decompressed 64 MiB in all, 32 MiB
/// per part, at most 100 times its compressed size; 5,000 rows, 64 columns, 100,000 cells,
/// 10,000 characters per cell, 4 MiB of text; 10 s of reading) is refused with 413 (the
/// size) or 422 `limit_exceeded`, the message naming the limit and its value. The same file
/// again (same SHA-256) is a no-op answered with 200. A new version marks for review the
/// risks whose measures name a changed or removed control.
#[utoipa::path(
    post,
    path = "/controls/catalogues",
    tag = "controls",
    operation_id = "import_catalogue",
    security(("bearer" = [])),
    params(UploadParams),
    request_body(
        description = "The Appendix 2 file",
        content(
            (CatalogueFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (CatalogueFile = "text/csv"),
        ),
    ),
    responses(
        (status = 201, description = "Imported as a new version", body = CatalogueImport,
            headers(("location" = String, description = "The new version's differences"))),
        (status = 200, description = "The same file was imported before: nothing changed", body = CatalogueImport),
        (status = 403, description = "The role cannot import catalogues (`forbidden`)", body = crate::error::ErrorBody),
        (status = 413, description = "The file is larger than the import limit, 8 MiB (`payload_too_large`)", body = crate::error::ErrorBody),
        (status = 415, description = "Not sent as an xlsx workbook or `text/csv` (`unsupported_media_type`)", body = crate::error::ErrorBody),
        (status = 422, description = "The file is not a valid Appendix 2 (`invalid_input`, field `file`; every error is listed), or goes past an import limit (`limit_exceeded`, field `file`; the message names the limit and its value); nothing was imported", body = crate::error::ErrorBody),
    ),
)]
pub async fn import(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<UploadParams>,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, Problem> {
    let mime = super::extract::media_type(&headers);
    let format = match mime.as_str() {
        XLSX => ImportFormat::Xlsx,
        "text/csv" => ImportFormat::Csv,
        _ => {
            return Err(Problem::Http {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                code: "unsupported_media_type",
                message: format!(
                    "send the file as `{XLSX}` (the official workbook) or `text/csv` (the CSV template)"
                ),
            });
        }
    };
    let limits = &state.app.settings().import_limits;
    let bytes = crate::upload::read_upload(
        crate::upload::declared_length(&headers),
        body,
        limits.file_bytes,
        limits,
    )
    .await
    .map_err(AppError::from)?;
    let name = text_param(&q.name).unwrap_or_else(|| {
        match format {
            ImportFormat::Xlsx => "upload.xlsx",
            ImportFormat::Csv => "upload.csv",
        }
        .to_owned()
    });
    match state
        .app
        .import_catalogue(&caller, &name, &bytes, Some(format))
        .await
    {
        Ok(o) if o.already_imported => {
            Ok((StatusCode::OK, Json(CatalogueImport::from(o))).into_response())
        }
        Ok(o) => {
            let location = format!("/api/v1/controls/catalogues/{}/diff", o.version.id);
            Ok(created(&location, CatalogueImport::from(o)))
        }
        Err(ImportError::File(e)) => Err(FieldError::new("file", e.to_string()).into()),
        Err(ImportError::App(e)) => Err(e.into()),
    }
}

/// A control the provider defines itself (FAQ 5.3-R4).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"key": "SAKURA-01", "title": "保守端末の画面ロック", "description": "5分間操作がなければ画面をロックする"}))]
pub struct NewProviderControl {
    /// 1–40 characters of A-Z, a-z, 0-9, `.`, `_` and `-`; unique in the organisation.
    #[schema(min_length = 1, max_length = 40, pattern = r"^[A-Za-z0-9._-]+$")]
    pub key: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub title: String,
    /// What the control does.
    #[schema(min_length = 1, max_length = 4000, pattern = r"\S")]
    pub description: String,
}

/// A control of the provider.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProviderControl {
    pub id: Uuid,
    pub org: Uuid,
    pub key: String,
    pub title: String,
    pub description: String,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

impl From<StoredProviderControl> for ProviderControl {
    fn from(c: StoredProviderControl) -> Self {
        ProviderControl {
            id: c.id,
            org: *c.org.as_uuid(),
            key: c.key,
            title: c.title,
            description: c.description,
            created_by: c.created_by,
            created_at: c.created_at,
        }
    }
}

/// Add a control of your own
///
/// Adds a control of the caller's organisation; it appears in the statement table of every
/// offering of the organisation.
#[utoipa::path(
    post,
    path = "/controls/provider",
    tag = "controls",
    operation_id = "create_provider_control",
    security(("bearer" = [])),
    request_body = NewProviderControl,
    responses(
        (status = 201, description = "Added", body = ProviderControl),
        (status = 403, description = "The role cannot change controls (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_provider_control(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewProviderControl>,
) -> Result<Response, Problem> {
    let c = state
        .app
        .add_provider_control(&caller, &body.key, &body.title, &body.description)
        .await?;
    Ok(created(
        &format!("/api/v1/controls/provider/{}", c.id),
        ProviderControl::from(c),
    ))
}

/// The filters of the unmet requirements.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UnmetParams {
    /// Only this offering.
    #[param(value_type = Option<Uuid>)]
    pub offering: Option<String>,
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

list_of!(
    /// Regulatory requirements not met, by offering.
    UnmetList of UnmetRequirement
);

/// List the regulatory requirements not met
///
/// The chapter 6 requirements not met by the in-scope offerings the caller reaches (FAQ 7):
/// no statement, planned, or resting on an accepted risk.
#[utoipa::path(
    get,
    path = "/regulatory/unmet",
    tag = "controls",
    operation_id = "list_unmet_regulatory",
    security(("bearer" = [])),
    params(UnmetParams),
    responses(
        (status = 200, description = "The requirements not met", body = UnmetList),
        (status = 403, description = "The role cannot read controls (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn unmet(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<UnmetParams>,
) -> Result<Json<UnmetList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let offering = id_param("offering", &q.offering, OfferingId::parse_field)?;
    let rows = state.app.unmet_regulatory(&caller, offering).await?;
    Ok(Json(UnmetList::from_all(rows, page)))
}
