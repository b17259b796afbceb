//! What the pages share: pagination, permission checks, form errors in the page's language,
//! option lists for selects, names of organisations and offerings, and CSV downloads.

use std::collections::HashMap;

use anzen_app::AppError;
use anzen_app::ports::Page;
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::org::{OrgType, Organisation};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::extract::{PageCtx, SignedIn};
use crate::i18n::{self, Lang};

/// Rows per page of every list.
pub const PAGE_SIZE: i64 = 25;

/// The error page of a use-case error (403, 404, 409, 422 or 500).
pub fn fail(ctx: &PageCtx, e: AppError) -> Response {
    super::error_page::page(ctx, e)
}

/// The 404 page for an id that does not parse or that the caller cannot see.
pub fn not_found(ctx: &PageCtx, what: &'static str) -> Response {
    fail(ctx, AppError::NotFound { what })
}

/// The 403 page.
pub fn forbidden(ctx: &PageCtx) -> Response {
    fail(ctx, AppError::Forbidden("your role cannot do this"))
}

/// Whether the user's role reaches anything of `subject` for `action`.
pub fn can(user: &SignedIn, subject: Subject, action: Action) -> bool {
    user.caller
        .reach(subject, action, user.ctx.now)
        .allows_anything()
}

/// The page number in a query (`page=3`); anything else is page 1.
pub fn page_number(raw: &str) -> u32 {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

/// The storage window of page `page`.
pub fn window(page: u32) -> Page {
    Page::new(i64::from(page - 1) * PAGE_SIZE, PAGE_SIZE)
}

/// The number of pages of `size` rows for `total` rows (at least 1).
pub fn pages_of(total: i64, size: i64) -> u32 {
    let size = size.max(1);
    let pages = (total.max(0) + size - 1) / size;
    u32::try_from(pages.max(1)).unwrap_or(u32::MAX)
}

/// The pagination of a list: the current page, the page count and the link prefix (the
/// path with the list's filters and `page=`).
#[derive(Debug, Clone)]
pub struct Paging {
    pub page: u32,
    pub pages: u32,
    pub href_prefix: String,
}

impl Paging {
    pub fn new(path: &str, filters: &[(&str, &str)], page: u32, total: i64) -> Self {
        Self::sized(path, filters, page, total, PAGE_SIZE)
    }

    /// As [`Paging::new`], for a list of `size` rows a page instead of [`PAGE_SIZE`].
    pub fn sized(path: &str, filters: &[(&str, &str)], page: u32, total: i64, size: i64) -> Self {
        let query = query_string(filters);
        let href_prefix = if query.is_empty() {
            format!("{path}?page=")
        } else {
            format!("{path}?{query}&page=")
        };
        Self {
            page,
            pages: pages_of(total, size),
            href_prefix,
        }
    }
}

/// `a=1&b=x%20y` of the non-empty filters.
pub fn query_string(filters: &[(&str, &str)]) -> String {
    let kept: Vec<(&str, &str)> = filters
        .iter()
        .copied()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// A link with the list's filters, e.g. the CSV export of the filtered list.
pub fn href_with(path: &str, filters: &[(&str, &str)]) -> String {
    let query = query_string(filters);
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// One option of a `<select>` or one radio button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Self {
        let value = value.into();
        let selected = value == current;
        Self {
            value,
            label: label.into(),
            selected,
        }
    }
}

/// The label of a code enum value in the page's language.
pub fn label(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// An organisation's type in the page's language, e.g. 「医療機関等（病院）」.
pub fn org_type_label(lang: Lang, t: &OrgType) -> String {
    match lang {
        Lang::Ja => t.label_ja(),
        Lang::En => match t.institution_kind() {
            Some(k) => format!("{} ({})", t.kind().label_en(), k.label_en()),
            None => t.kind().label_en().to_owned(),
        },
    }
}

/// The errors of a posted form, in the page's language: one message per field, shown next
/// to it, and every message in the summary at the top of the form.
#[derive(Debug, Clone, Default)]
pub struct FormErrors {
    fields: Vec<(String, String)>,
}

impl FormErrors {
    /// The errors of a use-case's invalid-input error; `None` for any other error (which
    /// deserves its own page).
    pub fn from_error(lang: Lang, e: &AppError) -> Option<Self> {
        match e {
            AppError::Invalid(fe) => Some(Self::from_field_error(lang, fe)),
            _ => None,
        }
    }

    pub fn from_field_error(lang: Lang, fe: &FieldError) -> Self {
        Self {
            fields: vec![(fe.field.clone(), field_message(lang, fe))],
        }
    }

    /// One error of `field` typed by the page itself.
    pub fn one(field: &str, message: impl Into<String>) -> Self {
        Self {
            fields: vec![(field.to_owned(), message.into())],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// The message of `field`, or `""`.
    pub fn get(&self, field: &str) -> &str {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |(_, m)| m.as_str())
    }

    /// The ids of the fields at fault that have an input on the page, for the summary's links.
    pub fn fields(&self) -> impl Iterator<Item = &(String, String)> {
        self.fields.iter()
    }
}

/// A field error's message in the page's language. The domain's messages are English; the
/// common ones have a Japanese text, the rest are shown as they are. Accepted values are
/// appended.
pub fn field_message(lang: Lang, fe: &FieldError) -> String {
    let m = fe.message.as_str();
    let key = if m == "must not be empty" || m == "is required" {
        Some("error.field.required")
    } else if m.starts_with("must be at most") {
        Some("error.field.too_long")
    } else if m.contains("is not a date") {
        Some("error.field.date")
    } else if m.contains("before it starts") {
        Some("error.field.ends_before_start")
    } else if m.starts_with("unknown value") {
        Some("error.field.unknown_value")
    } else if m.contains("is not a valid") || m.starts_with("no organisation with id") {
        Some("error.field.unknown_id")
    } else if m.contains("offers no offering") || m.starts_with("no offering with id") {
        Some("error.field.unknown_offering")
    } else if m == "is already taken" {
        Some("error.field.taken")
    } else if m == "must be at least 12 characters" {
        Some("error.field.password_short")
    } else if m == "must differ from the login id" {
        Some("error.field.password_login")
    } else if m == anzen_domain::password::COMMON_MESSAGE {
        Some("error.field.password_common")
    } else if m == anzen_domain::password::CONTAINS_LOGIN_MESSAGE {
        Some("error.field.password_contains_login")
    } else if m == "must not be one repeated character" {
        Some("error.field.password_repeated")
    } else if m == "is not your current password" {
        Some("error.field.password_current")
    } else if m == "must differ from the current password" {
        Some("error.field.password_same")
    } else if m.starts_with("an auditor's access must end") {
        Some("error.field.access_until_required")
    } else if m == "must not be in the past" {
        Some("error.field.past")
    } else if m == "applies only to auditors" {
        Some("error.field.auditors_only")
    } else if m.starts_with("does not fit") {
        Some("error.field.role_fit")
    } else if m.starts_with("a provider cannot be recorded as the supplier") {
        Some("error.field.own_supplier")
    } else if m.starts_with("is required for a medical institution") {
        Some("error.field.institution_kind")
    } else if m.starts_with("applies only to kind") {
        Some("error.field.institution_kind_other")
    } else if m.starts_with("must be between 1 and 366") {
        Some("error.field.days")
    } else if m.contains("one line without control") {
        Some("error.field.one_line")
    } else {
        None
    };
    let mut text = match key {
        Some(k) => i18n::t(lang, k).to_owned(),
        None => m.to_owned(),
    };
    if key == Some("error.field.too_long") && lang == Lang::Ja {
        text = format!("{text}（{m}）");
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

/// The names of the organisations the user may see, by id (empty when the role sees none).
pub async fn org_names(state: &AppState, user: &SignedIn) -> Result<Vec<Organisation>, AppError> {
    match state
        .app
        .list_organisations(&user.caller, Page::all())
        .await
    {
        Ok(l) => Ok(l.rows),
        Err(AppError::Forbidden(_)) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Organisation names by id.
#[derive(Debug, Clone, Default)]
pub struct Names {
    orgs: HashMap<OrgId, String>,
    offerings: HashMap<OfferingId, String>,
}

impl Names {
    /// The names of the given organisations and offerings that the user may see (the
    /// others show as their ids).
    pub fn for_ids<'a>(
        state: &'a AppState,
        user: &'a SignedIn,
        orgs: impl IntoIterator<Item = OrgId>,
        offerings: impl IntoIterator<Item = OfferingId>,
    ) -> impl Future<Output = Result<Self, AppError>> + Send + 'a {
        // Collected before the future starts, so that it holds no borrowed iterator.
        let mut orgs: Vec<OrgId> = orgs.into_iter().collect();
        orgs.sort();
        orgs.dedup();
        let mut offerings: Vec<OfferingId> = offerings.into_iter().collect();
        offerings.sort();
        offerings.dedup();
        async move {
            let (o, f) = state.app.names(&user.caller, &orgs, &offerings).await?;
            Ok(Self {
                orgs: o.into_iter().collect(),
                offerings: f.into_iter().collect(),
            })
        }
    }

    /// The organisation's name, or its id when the user may not see it.
    pub fn org(&self, id: OrgId) -> String {
        self.orgs
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    pub fn offering(&self, id: OfferingId) -> String {
        self.offerings
            .get(&id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    /// Whether the user may open the offering's page.
    pub fn sees_offering(&self, id: OfferingId) -> bool {
        self.offerings.contains_key(&id)
    }
}

/// A cell that a spreadsheet would read as a formula gets a leading apostrophe.
fn csv_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// A CSV download: UTF-8 with a byte-order mark (so that Excel reads Japanese correctly),
/// CRLF line ends, a header row, and cells that cannot run as formulas.
pub fn csv_download(
    ctx: &PageCtx,
    filename: &str,
    header: &[&str],
    rows: &[Vec<String>],
) -> Response {
    let mut out = Vec::from("\u{feff}".as_bytes());
    let result = {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let mut r = w.write_record(header);
        for row in rows {
            if r.is_ok() {
                r = w.write_record(row.iter().map(|c| csv_cell(c)));
            }
        }
        r.and_then(|()| w.flush().map_err(csv::Error::from))
    };
    if let Err(e) = result {
        return fail(ctx, AppError::Internal(format!("CSV: {e}")));
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        out,
    )
        .into_response()
}

/// A date typed as `YYYY-MM-DD`, for the hint that shows its Japanese era; empty when it
/// does not parse.
pub fn era_hint(lang: Lang, raw: &str) -> String {
    raw.trim()
        .parse::<jiff::civil::Date>()
        .map(|d| crate::dates::format_date(d, lang))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_windows() {
        assert_eq!(pages_of(0, PAGE_SIZE), 1);
        assert_eq!(pages_of(25, PAGE_SIZE), 1);
        assert_eq!(pages_of(26, PAGE_SIZE), 2);
        assert_eq!(page_number("3"), 3);
        assert_eq!(page_number("0"), 1);
        assert_eq!(page_number("x"), 1);
        assert_eq!(window(2), Page::new(25, 25));
        let p = Paging::new("/offerings", &[("q", "電子 カルテ"), ("scope", "")], 1, 60);
        assert_eq!(p.pages, 3);
        assert!(
            p.href_prefix.starts_with("/offerings?q="),
            "{}",
            p.href_prefix
        );
        assert!(p.href_prefix.ends_with("&page="));
        assert_eq!(Paging::new("/audit", &[], 1, 0).href_prefix, "/audit?page=");
        assert_eq!(pages_of(100, 100), 1);
        assert_eq!(pages_of(101, 100), 2);
        assert_eq!(pages_of(0, 100), 1);
        assert_eq!(Paging::sized("/x", &[], 1, 250, 100).pages, 3);
    }

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("-1"), "'-1");
        assert_eq!(csv_cell("さくら"), "さくら");
    }

    #[test]
    fn field_messages_are_translated_with_accepted_values() {
        let fe = FieldError::new("kind", "unknown value `x`").with_accepted(["a", "b"]);
        let ja = field_message(Lang::Ja, &fe);
        assert!(ja.contains("a, b"), "{ja}");
        assert!(!ja.contains("unknown value"), "{ja}");
        let other = FieldError::new("x", "something new");
        assert_eq!(field_message(Lang::Ja, &other), "something new");
    }

    /// Every `t("key")` in the templates and the UI code names a key of the table.
    #[test]
    fn every_ui_text_key_exists() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("templates"), &mut files);
        walk(&root.join("src/ui"), &mut files);
        let mut checked = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (at, _) in text.match_indices("t(\"") {
                let before = text[..at].chars().next_back().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' {
                    continue;
                }
                let piece = &text[at + 3..];
                let Some(key) = piece.split('"').next() else {
                    continue;
                };
                let looks_like_key = key.contains('.')
                    && key.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.'
                    });
                if looks_like_key {
                    checked += 1;
                    assert!(
                        i18n::t_checked(Lang::Ja, key).is_some(),
                        "{}: unknown UI text key {key}",
                        file.display()
                    );
                }
            }
        }
        assert!(checked > 100, "only {checked} keys found");
    }
}
