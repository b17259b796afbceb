//! Extractors of the JSON API that refuse bad requests with a clear error instead of axum's
//! plain-text rejections: JSON bodies (415, 413, 400, or 422 naming the field by its JSON
//! path with the accepted values of enumerations), query strings (422 naming the parameter)
//! and UUID path ids (422 naming the parameter).

use anzen_app::ports::Page;
use anzen_domain::FieldError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, RawPathParams, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_path_to_error::Segment;
use utoipa::ToSchema;
use uuid::Uuid;

use super::problem::Problem;
use super::schema_walk;

/// The largest request body the API reads (the bodies it takes are a few kilobytes).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The largest revision the API takes back: 2^53 − 1, the largest integer every JSON reader
/// holds exactly (a revision counts changes, so it never comes near).
pub const MAX_REVISION: i64 = 9_007_199_254_740_991;

/// The default and the largest page size of listings.
pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = Page::MAX_LIMIT;

/// A JSON request body of type `T` (an API DTO).
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: DeserializeOwned + ToSchema,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(Problem::unsupported_media_type());
        }
        if content_length(req.headers()).is_some_and(|n| n > BODY_LIMIT) {
            return Err(Problem::payload_too_large(BODY_LIMIT));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|r| {
            if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::payload_too_large(BODY_LIMIT)
            } else {
                Problem::malformed_json(format!("the body could not be read: {r}"))
            }
        })?;
        parse_body::<T>(&bytes).map(Body)
    }
}

/// The media type of the body (`Content-Type` without its parameters, lower case; empty
/// when there is none).
pub fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether the content type is JSON (`application/json`, or any `+json` type).
fn is_json(headers: &HeaderMap) -> bool {
    let mime = media_type(headers);
    mime == "application/json" || (mime.starts_with("application/") && mime.ends_with("+json"))
}

fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Parses a body as `T`: 400 when it is not JSON, 422 naming the field otherwise.
pub fn parse_body<T: DeserializeOwned + ToSchema>(bytes: &[u8]) -> Result<T, Problem> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Problem::malformed_json("the body is not UTF-8 text"))?;
    if text.trim().is_empty() {
        return Err(Problem::malformed_json(
            "the body is empty; expected a JSON object",
        ));
    }
    let mut value: Value = serde_json::from_str(text)
        .map_err(|e| Problem::malformed_json(format!("the body is not valid JSON: {e}")))?;
    let root = T::name();
    schema_walk::normalise_integers(&root, &mut value);
    // serde would accept an array where an object is expected (a struct by position); refuse
    // that first, naming the object's fields.
    schema_walk::check_objects(&root, &value)?;
    serde_path_to_error::deserialize::<_, T>(value)
        .map_err(|e| Problem::invalid(translate(&root, &e)))
}

/// Turns a serde error at a JSON path into a [`FieldError`] naming the field (dotted path)
/// and, where the field takes fixed values, the accepted ones.
fn translate(root: &str, err: &serde_path_to_error::Error<serde_json::Error>) -> FieldError {
    let segments: Vec<String> = err
        .path()
        .iter()
        .filter_map(|s| match s {
            Segment::Map { key } => Some(key.clone()),
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    let msg = err.inner().to_string();
    let path = segments.join(".");
    if let Some(name) = between(&msg, "unknown field `", "`") {
        let field = if segments.last().map(String::as_str) == Some(name) {
            path
        } else {
            join(&path, name)
        };
        return FieldError::new(field, "unknown field").with_accepted(expected_list(&msg));
    }
    if let Some(name) = between(&msg, "missing field `", "`") {
        return FieldError::new(join(&path, name), "is required");
    }
    if let Some(value) = between(&msg, "unknown variant `", "`") {
        return FieldError::new(path, format!("unknown value `{value}`"))
            .with_accepted(expected_list(&msg));
    }
    let accepted = schema_walk::accepted_at(root, &segments);
    FieldError::new(path, plain_message(&msg)).with_accepted(accepted)
}

/// The backquoted names after "expected" in a serde message.
fn expected_list(msg: &str) -> Vec<String> {
    let Some(at) = msg.find("expected") else {
        return Vec::new();
    };
    msg[at..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// A serde message without Rust type names.
fn plain_message(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    let Some(at) = msg.find("expected ") else {
        return msg.to_owned();
    };
    let (head, expected) = msg.split_at(at + "expected ".len());
    let what = match expected.split_whitespace().next().unwrap_or_default() {
        "struct" => "a JSON object",
        "enum" | "variant" => "one of the accepted values",
        "i64" | "i32" | "u64" | "u32" | "i16" | "u16" | "u8" | "i8" => "an integer",
        "f64" | "f32" => "a number",
        _ => return msg.to_owned(),
    };
    format!("{head}{what}")
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The query string as `T`, whose fields are all optional text (typed by the handler with
/// [`page`], [`id_param`], …). An unknown or repeated parameter is refused with 422.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S, T> FromRequestParts<S> for Query<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str::<T>(query)
            .map(Query)
            .map_err(|e| {
                let msg = e.to_string();
                let err = if let Some(name) = between(&msg, "unknown field `", "`") {
                    FieldError::new(name, "unknown query parameter")
                        .with_accepted(expected_list(&msg))
                } else if let Some(name) = between(&msg, "duplicate field `", "`") {
                    FieldError::new(name, "is given more than once")
                } else {
                    FieldError::new("", format!("the query string is not valid: {msg}"))
                };
                Problem::invalid(err)
            })
    }
}

/// A path parameter `id` that must be a UUID; anything else is refused with 422 naming `id`.
#[derive(Debug, Clone, Copy)]
pub struct PathId(pub Uuid);

impl<S> FromRequestParts<S> for PathId
where
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let bad = |raw: &str| {
            Problem::invalid(FieldError::new(
                "id",
                format!("`{raw}` is not a valid id (a UUID)"),
            ))
        };
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| bad("?"))?;
        let raw = params
            .iter()
            .find(|(k, _)| *k == "id")
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default();
        Uuid::try_parse(raw.trim())
            .map(PathId)
            .map_err(|_| bad(&raw))
    }
}

/// A revision sent back with a change: from `min` to [`MAX_REVISION`], else 422 naming
/// `field`. (A revision above every real one would otherwise be a stale one whose successor
/// does not fit in an integer.)
pub fn revision(field: &str, value: i64, min: i64) -> Result<i64, Problem> {
    if (min..=MAX_REVISION).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            field,
            format!("`{value}` is not a revision (a whole number from {min} to {MAX_REVISION})"),
        )
        .into())
    }
}

/// Text of an optional parameter, trimmed; empty means absent.
pub fn text_param(raw: &Option<String>) -> Option<String> {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The page of a listing from `limit` (1–500, default 50) and `offset` (0 or more).
pub fn page(limit: &Option<String>, offset: &Option<String>) -> Result<Page, Problem> {
    let limit = match text_param(limit) {
        None => DEFAULT_LIMIT,
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                FieldError::new(
                    "limit",
                    format!("`{s}` is not a whole number from 1 to {MAX_LIMIT}"),
                )
            })?,
    };
    let offset = match text_param(offset) {
        None => 0,
        Some(s) => s.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            FieldError::new(
                "offset",
                format!("`{s}` is not a whole number of 0 or more"),
            )
        })?,
    };
    Ok(Page::new(offset, limit))
}

/// An optional id parameter parsed with the domain's parser (which names `field`).
pub fn id_param<I>(
    field: &str,
    raw: &Option<String>,
    parse: fn(&str, &str) -> Result<I, FieldError>,
) -> Result<Option<I>, Problem> {
    match text_param(raw) {
        None => Ok(None),
        Some(s) => Ok(Some(parse(field, &s)?)),
    }
}

/// An optional boolean parameter: `true` or `false`.
pub fn bool_param(field: &str, raw: &Option<String>) -> Result<Option<bool>, Problem> {
    match text_param(raw).as_deref() {
        None => Ok(None),
        Some("true") => Ok(Some(true)),
        Some("false") => Ok(Some(false)),
        Some(other) => Err(FieldError::new(field, format!("unknown value `{other}`"))
            .with_accepted(["true", "false"])
            .into()),
    }
}

/// An optional point in time: an RFC 3339 timestamp, or a date (YYYY-MM-DD, Japan time)
/// meaning the start of that day, or with `end_of_day` the start of the next one.
pub fn time_param(
    field: &str,
    raw: &Option<String>,
    end_of_day: bool,
) -> Result<Option<jiff::Timestamp>, Problem> {
    let Some(s) = text_param(raw) else {
        return Ok(None);
    };
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Ok(Some(ts));
    }
    let bad = || {
        FieldError::new(
            field,
            format!(
                "`{s}` is neither a timestamp (e.g. 2026-11-25T09:00:00+09:00) nor a date (YYYY-MM-DD)"
            ),
        )
    };
    let date = s.parse::<jiff::civil::Date>().map_err(|_| bad())?;
    let day = if end_of_day {
        date.tomorrow().map_err(|_| bad())?
    } else {
        date
    };
    let ts = day
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .map_err(|_| bad())?
        .timestamp();
    Ok(Some(ts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_lists_are_read_from_serde_messages() {
        assert_eq!(
            expected_list("unknown field `x`, expected one of `a`, `b`, `c`"),
            vec!["a", "b", "c"]
        );
        assert_eq!(
            expected_list("unknown field `x`, expected `a` or `b`"),
            vec!["a", "b"]
        );
        assert!(expected_list("unknown field `x`, there are no fields").is_empty());
    }

    #[test]
    fn messages_lose_rust_type_names() {
        assert_eq!(
            plain_message("invalid type: string \"x\", expected i64"),
            "invalid type: string \"x\", expected an integer"
        );
        assert_eq!(
            plain_message("invalid type: sequence, expected struct ContractTerms"),
            "invalid type: sequence, expected a JSON object"
        );
        assert_eq!(
            plain_message("invalid type: integer `1`, expected a string"),
            "invalid type: integer `1`, expected a string"
        );
    }

    #[test]
    fn pages_are_bounded() {
        let p = page(&None, &None).unwrap();
        assert_eq!((p.limit, p.offset), (DEFAULT_LIMIT, 0));
        assert!(page(&Some("0".into()), &None).is_err());
        assert!(page(&Some("501".into()), &None).is_err());
        assert!(page(&Some("ten".into()), &None).is_err());
        assert!(page(&None, &Some("-1".into())).is_err());
        assert_eq!(
            page(&Some(" 5 ".into()), &Some("".into())).unwrap().limit,
            5
        );
    }

    #[test]
    fn times_take_timestamps_and_japanese_days() {
        let from = time_param("from", &Some("2026-11-25".into()), false)
            .unwrap()
            .unwrap();
        assert_eq!(from.to_string(), "2026-11-24T15:00:00Z");
        let to = time_param("to", &Some("2026-11-25".into()), true)
            .unwrap()
            .unwrap();
        assert_eq!(to.to_string(), "2026-11-25T15:00:00Z");
        assert!(time_param("to", &Some("yesterday".into()), true).is_err());
    }
}
