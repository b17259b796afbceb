//! Uploads: the body limit of every request (larger only on the routes that take a file,
//! where it follows the import limits), reading an upload within it, and the refusals of the
//! import limits as a status and a sentence in the visitor's language.

use anzen_app::import::{ImportLimits, Limit, LimitExceeded, LimitUnit, format_value};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::i18n::{Lang, t};

/// The largest body of any other request.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Room for the multipart framing (boundaries, part headers, the CSRF field) around a file.
const MULTIPART_OVERHEAD: u64 = 64 * 1024;

/// The routes that take a file (`POST`), in the UI and in the API.
pub const UPLOAD_ROUTES: &[&str] = &[
    "/controls/catalogues",
    "/api/v1/controls/catalogues",
    "/documents/verify",
    "/api/v1/documents/verify",
];

fn is_upload(req: &Request) -> bool {
    req.method() == Method::POST && UPLOAD_ROUTES.contains(&req.uri().path().trim_end_matches('/'))
}

/// The body limit in front of every route: [`BODY_LIMIT`], a declared length over it refused
/// at once (413, plain text); on an upload route the import file limit with the multipart
/// framing, the handler answering a declared length over it (413 that names the limit, as
/// JSON or as the page). No body is read past its limit.
pub async fn body_limit(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let limit = if is_upload(&req) {
        form_limit(&state.app.settings().import_limits)
    } else {
        if declared_length(req.headers()).is_some_and(|n| n > BODY_LIMIT as u64) {
            return (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded\n").into_response();
        }
        BODY_LIMIT as u64
    };
    let (parts, body) = req.into_parts();
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// Reads an upload of at most `max` bytes; a larger one (declared or sent) is the file size
/// refusal of `limits`. The body is gathered into one buffer of its declared length (no
/// doubling buffer, no second copy of a large file).
pub async fn read_upload(
    req_len: Option<u64>,
    body: Body,
    max: u64,
    limits: &ImportLimits,
) -> Result<Bytes, LimitExceeded> {
    use http_body_util::BodyExt;

    let too_large = || limits.exceeded(Limit::FileSize);
    if req_len.is_some_and(|n| n > max) {
        return Err(too_large());
    }
    let max = usize::try_from(max).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(req_len.map_or(0, |n| n as usize));
    let mut body = body;
    while let Some(frame) = body.frame().await {
        // A broken upload reads as one that is too large: nothing is imported either way.
        let frame = frame.map_err(|_| too_large())?;
        if let Ok(data) = frame.into_data() {
            if out.len() + data.len() > max {
                return Err(too_large());
            }
            out.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(out))
}

/// The declared length of a request body.
pub fn declared_length(headers: &axum::http::HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// The multipart overhead allowed around a file of the UI's upload forms.
pub fn form_limit(limits: &ImportLimits) -> u64 {
    limits.file_bytes.saturating_add(MULTIPART_OVERHEAD)
}

/// The status of a refusal: 413 for the size of the upload, 503 while other imports are
/// being read, 422 otherwise.
pub fn status_of(e: &LimitExceeded) -> StatusCode {
    if e.is_too_large() {
        StatusCode::PAYLOAD_TOO_LARGE
    } else if e.is_busy() {
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

/// The limit's value as written in `lang`.
fn value_in(lang: Lang, e: &LimitExceeded) -> String {
    match (e.limit.unit(), lang) {
        (LimitUnit::Millis, Lang::Ja) if e.value >= 1000 && e.value.is_multiple_of(1000) => {
            format!("{}秒", e.value / 1000)
        }
        (LimitUnit::Millis, Lang::Ja) => format!("{}ミリ秒", e.value),
        (LimitUnit::Ratio, Lang::Ja) => format!("{}倍", e.value),
        (unit, _) => format_value(unit, e.value),
    }
}

/// Where in the file, in `lang`: `シート 別紙2 / 行 12 / 列 C：`.
fn place_in(lang: Lang, e: &LimitExceeded) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &e.sheet {
        parts.push(format!("{} {s}", t(lang, "import.limit.sheet")));
    }
    if let Some(r) = e.row {
        parts.push(format!("{} {r}", t(lang, "controls.import.row")));
    }
    if let Some(c) = &e.column {
        parts.push(format!("{} {c}", t(lang, "controls.import.column")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        let sep = match lang {
            Lang::Ja => "：",
            Lang::En => ": ",
        };
        format!("{}{sep}", parts.join(" / "))
    }
}

/// The refusal as a sentence in `lang` that names the limit and its value.
pub fn limit_message(lang: Lang, e: &LimitExceeded) -> String {
    let key = match e.limit {
        Limit::FileSize => "import.limit.file_size",
        Limit::Expanded => "import.limit.expanded",
        Limit::PartSize => "import.limit.part_size",
        Limit::Parts => "import.limit.parts",
        Limit::Ratio => "import.limit.ratio",
        Limit::Rows => "import.limit.rows",
        Limit::Columns => "import.limit.columns",
        Limit::Cells => "import.limit.cells",
        Limit::CellLength => "import.limit.cell_length",
        Limit::Text => "import.limit.text",
        Limit::Time => "import.limit.time",
        Limit::Concurrent => "import.limit.concurrent",
    };
    t(lang, key)
        .replace("{limit}", &value_in(lang, e))
        .replace("{part}", e.part.as_deref().unwrap_or("?"))
        .replace("{place}", &place_in(lang, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_reads_in_both_languages_with_its_value() {
        let limits = ImportLimits::default();
        let all = [
            Limit::FileSize,
            Limit::Expanded,
            Limit::PartSize,
            Limit::Parts,
            Limit::Ratio,
            Limit::Rows,
            Limit::Columns,
            Limit::Cells,
            Limit::CellLength,
            Limit::Text,
            Limit::Time,
            Limit::Concurrent,
        ];
        for limit in all {
            let e = limits.exceeded(limit);
            for lang in Lang::ALL {
                let text = limit_message(lang, &e);
                assert!(!text.contains('{'), "{limit:?} {lang}: {text}");
                assert!(
                    text.contains(&value_in(lang, &e)),
                    "{limit:?} {lang}: {text}"
                );
            }
        }
        let e = limits.exceeded(Limit::Expanded);
        assert_eq!(
            limit_message(Lang::En, &e),
            "The workbook expands to more than 64 MiB (limit 64 MiB)"
        );
        assert_eq!(
            limit_message(Lang::Ja, &e),
            "ワークブックを展開すると64 MiBを超えます（上限 64 MiB）"
        );
        assert!(limit_message(Lang::Ja, &limits.exceeded(Limit::Time)).contains("上限 10秒"));
        assert_eq!(
            status_of(&limits.exceeded(Limit::FileSize)),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        assert_eq!(
            status_of(&limits.exceeded(Limit::Rows)),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            status_of(&limits.exceeded(Limit::Concurrent)),
            StatusCode::SERVICE_UNAVAILABLE
        );
    }

    #[test]
    fn the_place_is_named_in_the_visitors_language() {
        let mut e = ImportLimits::default().exceeded(Limit::CellLength);
        e.sheet = Some("別紙2".into());
        e.row = Some(12);
        e.column = Some("C".into());
        assert_eq!(
            limit_message(Lang::En, &e),
            "sheet 別紙2 / row 12 / column C: A cell holds more than 10000 characters \
             (limit 10000 characters)"
        );
        assert!(limit_message(Lang::Ja, &e).starts_with("シート 別紙2 / 行 12 / 列 C："));
    }
}
