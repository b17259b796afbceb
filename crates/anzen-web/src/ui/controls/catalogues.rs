//! The versions of Appendix 2: `GET /controls/catalogues` (every version, the upload form and
//! what the newest version changed, with links to the statements and risks to review),
//! `POST /controls/catalogues` (multipart upload of the official workbook or the CSV
//! template; the CSRF token rides in the query string), and `GET /controls/catalogues/{id}`
//! (the import report of one version and its changes).

use anzen_app::AppError;
use anzen_app::controls::{CatalogueReview, CatalogueVersion, ImportError};
use anzen_app::import::LimitExceeded;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::controls::{ImportReport, RowError, StatementSubject};
use askama::Template;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use uuid::Uuid;

use super::{form_href, status_label};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Names, fail};
use crate::ui::{render, render_status, see_other};
use crate::upload;

#[derive(Debug, Clone)]
struct VersionRow {
    href: String,
    version: String,
    builtin: bool,
    items: i64,
    source: String,
    sha: String,
    imported: String,
    latest: bool,
}

#[derive(Debug, Clone)]
struct Link {
    href: String,
    label: String,
    note: String,
}

#[derive(Debug, Clone, Default)]
struct ReviewView {
    from: String,
    to: String,
    added: Vec<String>,
    changed: Vec<(String, String)>,
    removed: Vec<String>,
    moved: Vec<String>,
    unchanged: usize,
    statements: Vec<Link>,
    risks: Vec<Link>,
}

#[derive(Debug, Clone)]
struct ErrorRow {
    place: String,
    header: String,
    message: String,
}

#[derive(Template)]
#[template(path = "controls/catalogues.html")]
struct CataloguesPage {
    chrome: Chrome,
    versions: Vec<VersionRow>,
    review: Option<ReviewView>,
    can_import: bool,
    upload_action: String,
    errors: Vec<ErrorRow>,
    more_errors: usize,
    file_error: String,
}

#[derive(Debug, Clone)]
struct CountRow {
    number: String,
    title: String,
    items: usize,
    marked: usize,
}

#[derive(Template)]
#[template(path = "controls/catalogue.html")]
struct CataloguePage {
    chrome: Chrome,
    version: String,
    builtin: bool,
    source: String,
    sha: String,
    imported: String,
    items: i64,
    report: Option<ReportView>,
    review: ReviewView,
}

#[derive(Debug, Clone)]
struct ReportView {
    sheet: String,
    references: usize,
    marked: usize,
    expected_total: String,
    per_major: Vec<CountRow>,
    without_mhlw: String,
    gaps: Vec<String>,
    dropped: Vec<String>,
    warnings: Vec<String>,
}

fn may_import(user: &SignedIn) -> bool {
    matches!(
        user.caller
            .reach(Subject::Controls, Action::Write, user.ctx.now),
        Reach::Owned(_) | Reach::Everything
    )
}

fn version_row(lang: Lang, v: &CatalogueVersion, latest: bool) -> VersionRow {
    VersionRow {
        href: format!("/controls/catalogues/{}", v.id),
        version: v.version.clone(),
        builtin: v.builtin,
        items: v.items,
        source: v.source_name.clone().unwrap_or_default(),
        sha: v
            .source_sha256
            .as_deref()
            .map(|s| s.chars().take(12).collect())
            .unwrap_or_default(),
        imported: match (&v.imported_by, v.imported_at) {
            (Some(by), Some(at)) => format!("{} {by}", dates::format_timestamp(at, lang)),
            _ => String::new(),
        },
        latest,
    }
}

async fn review_view(
    state: &AppState,
    user: &SignedIn,
    r: &CatalogueReview,
) -> Result<ReviewView, AppError> {
    let lang = user.ctx.lang;
    let names = Names::for_ids(
        state,
        user,
        [],
        r.statements_to_review
            .iter()
            .map(|s| s.offering)
            .chain(r.risks_to_review.iter().map(|x| x.offering)),
    )
    .await?;
    let d = &r.diff;
    Ok(ReviewView {
        from: r.from.version.clone(),
        to: r.to.version.clone(),
        added: d.added.clone(),
        changed: d
            .changed
            .iter()
            .map(|c| {
                let what: Vec<&str> = c
                    .changes
                    .iter()
                    .map(|x| crate::ui::common::label(lang, x.label_ja(), x.label_en()))
                    .collect();
                (c.key.clone(), what.join("、"))
            })
            .collect(),
        removed: d.removed.clone(),
        moved: d
            .moved_candidates
            .iter()
            .map(|m| format!("{} → {} ({}%)", m.from, m.to, m.similarity_permille / 10))
            .collect(),
        unchanged: d.unchanged,
        statements: r
            .statements_to_review
            .iter()
            .map(|s| Link {
                href: form_href(
                    &s.offering.to_string(),
                    &StatementSubject::Appendix2 {
                        catalogue_version: s.catalogue_version.clone(),
                        key: s.key.clone(),
                    },
                ),
                label: format!("{} — {}", names.offering(s.offering), s.key),
                note: status_label(lang, s.status).to_owned(),
            })
            .collect(),
        risks: r
            .risks_to_review
            .iter()
            .map(|x| Link {
                href: format!("/risks/{}", x.id),
                label: format!("{} — {}", names.offering(x.offering), x.title),
                note: x.controls.join(", "),
            })
            .collect(),
    })
}

async fn list_page(
    state: &AppState,
    user: &SignedIn,
    errors: Option<(Vec<RowError>, usize)>,
    file_error: String,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let versions = match state.app.list_catalogue_versions(&user.caller).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let latest = versions.last().map(|v| v.id);
    let review = match latest {
        Some(id) if versions.len() > 1 => {
            match state.app.catalogue_review(&user.caller, id).await {
                Ok(r) => match review_view(state, user, &r).await {
                    Ok(v) => Some(v),
                    Err(e) => return fail(ctx, e),
                },
                Err(e) => return fail(ctx, e),
            }
        }
        _ => None,
    };
    let refused = errors.is_some() || !file_error.is_empty();
    let (errors, more_errors) = errors.unwrap_or_default();
    let page = CataloguesPage {
        chrome: ctx.chrome(ctx.t("controls.catalogues.title"), Nav::Offerings),
        versions: versions
            .iter()
            .rev()
            .map(|v| version_row(lang, v, Some(v.id) == latest))
            .collect(),
        review,
        can_import: may_import(user),
        upload_action: format!(
            "/controls/catalogues?{}",
            serde_urlencoded::to_string([("csrf_token", ctx.csrf.as_str())]).unwrap_or_default()
        ),
        errors: errors
            .iter()
            .map(|e| ErrorRow {
                place: match (e.row, &e.column) {
                    (Some(r), Some(c)) => format!(
                        "{} {r} / {} {c}",
                        ctx.t("controls.import.row"),
                        ctx.t("controls.import.column")
                    ),
                    (Some(r), None) => format!("{} {r}", ctx.t("controls.import.row")),
                    (None, Some(c)) => format!("{} {c}", ctx.t("controls.import.column")),
                    (None, None) => ctx.t("controls.import.file").to_owned(),
                },
                header: e.header.clone().unwrap_or_default(),
                message: e.message.clone(),
            })
            .collect(),
        more_errors,
        file_error,
    };
    if refused {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    } else {
        render(ctx, &page)
    }
}

/// `GET /controls/catalogues`.
pub async fn list(State(state): State<AppState>, user: SignedIn) -> Response {
    list_page(&state, &user, None, String::new()).await
}

/// `GET /controls/catalogues/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let Ok(id) = Uuid::try_parse(raw.trim()) else {
        return fail(
            ctx,
            AppError::NotFound {
                what: "catalogue version",
            },
        );
    };
    let (version, report) = match state.app.catalogue_version(&user.caller, id).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let review = match state.app.catalogue_review(&user.caller, id).await {
        Ok(r) => r,
        Err(e) => return fail(ctx, e),
    };
    let review = match review_view(&state, &user, &review).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let row = version_row(lang, &version, false);
    let page = CataloguePage {
        chrome: ctx.chrome(
            format!("{} {}", ctx.t("controls.catalogue.title"), version.version),
            Nav::Offerings,
        ),
        version: version.version.clone(),
        builtin: version.builtin,
        source: row.source,
        sha: version.source_sha256.clone().unwrap_or_default(),
        imported: row.imported,
        items: version.items,
        report: report.as_ref().map(report_view),
        review,
    };
    render(ctx, &page)
}

fn report_view(r: &ImportReport) -> ReportView {
    ReportView {
        sheet: r.sheet.clone().unwrap_or_default(),
        references: r.references,
        marked: r.marked,
        expected_total: r.expected_total.map(|t| t.to_string()).unwrap_or_default(),
        per_major: r
            .per_major
            .iter()
            .map(|c| CountRow {
                number: c.number.clone(),
                title: c.title.clone().unwrap_or_default(),
                items: c.items,
                marked: c.marked,
            })
            .collect(),
        without_mhlw: r.without_mhlw_reference.join(", "),
        gaps: r
            .numbering_gaps
            .iter()
            .map(|g| format!("{}: {}", g.within, g.missing.join(", ")))
            .collect(),
        dropped: r
            .dropped_rows
            .iter()
            .map(|d| format!("{}: {}", d.row, d.text))
            .collect(),
        warnings: r.warnings.iter().map(ToString::to_string).collect(),
    }
}

/// `POST /controls/catalogues`: a `multipart/form-data` body with the file in the field
/// `file`.
pub async fn upload(
    State(state): State<AppState>,
    user: SignedIn,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let ctx = &user.ctx;
    if !may_import(&user) {
        return crate::ui::common::forbidden(ctx);
    }
    let limits = &state.app.settings().import_limits;
    let body = match upload::read_upload(
        upload::declared_length(&headers),
        body,
        upload::form_limit(limits),
        limits,
    )
    .await
    {
        Ok(b) => b,
        Err(e) => return refused(&state, &user, &e).await,
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Some((name, bytes)) = multipart_file(content_type, &body, "file") else {
        let message = ctx.t("controls.import.choose_file").to_owned();
        return list_page(&state, &user, None, message).await;
    };
    if bytes.is_empty() {
        let message = ctx.t("controls.import.choose_file").to_owned();
        return list_page(&state, &user, None, message).await;
    }
    match state
        .app
        .import_catalogue(&user.caller, &name, bytes, None)
        .await
    {
        Ok(o) => {
            let key = if o.already_imported {
                "controls.import.already"
            } else {
                "controls.import.done"
            };
            see_other(
                ctx,
                &format!("/controls/catalogues/{}", o.version.id),
                Some((
                    if o.already_imported {
                        FlashKind::Info
                    } else {
                        FlashKind::Success
                    },
                    format!(
                        "{} {} ({} / {})",
                        ctx.t(key),
                        o.version.version,
                        o.report.items,
                        o.risks_marked
                    ),
                )),
            )
        }
        Err(ImportError::File(e)) => {
            list_page(&state, &user, Some((e.errors, e.more)), String::new()).await
        }
        Err(ImportError::App(AppError::Invalid(fe))) => {
            list_page(&state, &user, None, fe.to_string()).await
        }
        Err(ImportError::App(AppError::LimitExceeded(e))) => refused(&state, &user, &e).await,
        Err(ImportError::App(e)) => fail(ctx, e),
    }
}

/// The list page with a refusal by an import limit, in the visitor's language, with its
/// status (413, 422 or 503).
async fn refused(state: &AppState, user: &SignedIn, e: &LimitExceeded) -> Response {
    let message = upload::limit_message(user.ctx.lang, e);
    let mut res = list_page(state, user, None, message).await;
    if res.status() == StatusCode::UNPROCESSABLE_ENTITY {
        *res.status_mut() = upload::status_of(e);
        if e.is_busy() {
            res.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from(AppError::RETRY_AFTER_SECONDS),
            );
        }
    }
    res
}

/// The file of the field `field` of a `multipart/form-data` body: its file name and bytes.
/// Only what the upload form sends is understood (no nested multipart); anything else is
/// `None`.
pub(crate) fn multipart_file<'a>(
    content_type: &str,
    body: &'a [u8],
    field: &str,
) -> Option<(String, &'a [u8])> {
    let (mime, params) = content_type.split_once(';')?;
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
    })?;
    if boundary.is_empty() || boundary.len() > 200 {
        return None;
    }
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let mut at = find(body, d, 0)?;
    loop {
        let start = at + d.len();
        // `--` after the delimiter closes the body.
        if body.get(start..start + 2) == Some(b"--") {
            return None;
        }
        let headers_start = start + body.get(start..)?.iter().position(|&b| b == b'\n')? + 1;
        let headers_end = find(body, b"\r\n\r\n", headers_start)?;
        let headers = std::str::from_utf8(&body[headers_start..headers_end]).ok()?;
        let content_start = headers_end + 4;
        let mut end_marker = b"\r\n".to_vec();
        end_marker.extend_from_slice(d);
        let content_end = find(body, &end_marker, content_start)?;
        let disposition = headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))?;
        let param = |name: &str| {
            disposition.split(';').find_map(|p| {
                let (k, v) = p.split_once('=')?;
                (k.trim() == name).then(|| v.trim().trim_matches('"').to_owned())
            })
        };
        if param("name").as_deref() == Some(field) {
            let filename = param("filename").unwrap_or_default();
            return Some((filename, &body[content_start..content_end]));
        }
        at = content_end + 2;
    }
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_multipart_body_is_read() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.csv\"\r\nContent-Type: text/csv\r\n\r\na,b\r\n\r\nc\r\n--XyZ--\r\n";
        let (name, bytes) =
            multipart_file("multipart/form-data; boundary=XyZ", body, "file").unwrap();
        assert_eq!(name, "b.csv");
        assert_eq!(bytes, b"a,b\r\n\r\nc");
        assert!(multipart_file("multipart/form-data; boundary=\"XyZ\"", body, "other").is_none());
        assert!(multipart_file("application/x-www-form-urlencoded", body, "file").is_none());
        assert!(multipart_file("multipart/form-data; boundary=", body, "file").is_none());
        assert!(multipart_file("multipart/form-data; boundary=XyZ", b"--XyZ", "file").is_none());
        assert!(multipart_file("multipart/form-data; boundary=XyZ", b"", "file").is_none());
    }
}
