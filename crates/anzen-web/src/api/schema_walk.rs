//! Reads the API's own OpenAPI document to explain bad input: which fields an object takes
//! and which values a field accepts. The document is generated from the DTO types, so the
//! explanations cannot drift from what the API parses.

use anzen_domain::FieldError;
use serde_json::Value;

use super::openapi_value;

fn components() -> Option<&'static serde_json::Map<String, Value>> {
    openapi_value()
        .pointer("/components/schemas")
        .and_then(Value::as_object)
}

/// Follows `$ref`s and skips the `null` alternative of optional values.
fn resolve(mut schema: &'static Value) -> &'static Value {
    for _ in 0..16 {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            match components().and_then(|c| c.get(name)) {
                Some(s) => schema = s,
                None => return schema,
            }
            continue;
        }
        let alternatives = schema
            .get("oneOf")
            .or_else(|| schema.get("anyOf"))
            .or_else(|| schema.get("allOf"))
            .and_then(Value::as_array);
        if let Some(alts) = alternatives {
            match alts
                .iter()
                .find(|a| a.get("type") != Some(&Value::from("null")))
            {
                Some(a) => schema = a,
                None => return schema,
            }
            continue;
        }
        return schema;
    }
    schema
}

fn root(name: &str) -> Option<&'static Value> {
    components().and_then(|c| c.get(name)).map(resolve)
}

fn properties(schema: &'static Value) -> Option<&'static serde_json::Map<String, Value>> {
    schema.get("properties").and_then(Value::as_object)
}

fn has_type(schema: &Value, ty: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == ty,
        Some(Value::Array(ts)) => ts.iter().any(|t| t == ty),
        _ => false,
    }
}

/// The accepted values of the field at `path` of the schema `root_name`: the values of an
/// enumeration, `true`/`false` for a boolean, nothing otherwise.
pub fn accepted_at(root_name: &str, path: &[String]) -> Vec<String> {
    let Some(mut schema) = root(root_name) else {
        return Vec::new();
    };
    for segment in path {
        match properties(schema).and_then(|p| p.get(segment.as_str())) {
            Some(s) => schema = resolve(s),
            None => return Vec::new(),
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
    }
    if has_type(schema, "boolean") {
        return vec!["true".to_owned(), "false".to_owned()];
    }
    Vec::new()
}

/// Turns numbers written with a fraction of zero (`3.0`) into integers wherever the schema
/// `root_name` expects an integer: JSON Schema counts them as integers, serde does not.
pub fn normalise_integers(root_name: &str, value: &mut Value) {
    if let Some(schema) = root(root_name) {
        integers(schema, value, 0);
    }
}

fn integers(schema: &'static Value, value: &mut Value, depth: usize) {
    if depth > 32 {
        return;
    }
    match value {
        Value::Number(n) if has_type(schema, "integer") && !n.is_i64() && !n.is_u64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && (-(2f64.powi(63))..2f64.powi(63)).contains(&f)
            {
                // Exact: a whole number in the range of i64.
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *value = Value::from(i);
            }
        }
        Value::Object(map) => {
            if let Some(props) = properties(schema) {
                for (key, v) in map.iter_mut() {
                    if let Some(s) = props.get(key) {
                        integers(resolve(s), v, depth + 1);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                let item = resolve(item);
                for v in items {
                    integers(item, v, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Refuses a value that is not a JSON object wherever the schema `root_name` expects one,
/// naming the field and the fields the object takes; and an empty string where it expects
/// a date (a date that is not there is left out, or null).
pub fn check_objects(root_name: &str, value: &Value) -> Result<(), FieldError> {
    match root(root_name) {
        Some(schema) => check(schema, value, ""),
        None => Ok(()),
    }
}

fn check(schema: &'static Value, value: &Value, path: &str) -> Result<(), FieldError> {
    let child = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    if let (Value::Array(items), Some(item)) = (value, schema.get("items")) {
        let item = resolve(item);
        for (i, v) in items.iter().enumerate() {
            check(item, v, &child(&i.to_string()))?;
        }
        return Ok(());
    }
    if value.as_str() == Some("") && schema.get("format").and_then(Value::as_str) == Some("date") {
        return Err(FieldError::new(
            path,
            "`` is not a date (YYYY-MM-DD); leave the field out, or send null, for none",
        ));
    }
    let Some(props) = properties(schema) else {
        return Ok(());
    };
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let Some(s) = props.get(key) {
                    check(resolve(s), v, &child(key))?;
                }
            }
            Ok(())
        }
        // An optional object may be null; serde decides.
        Value::Null if !path.is_empty() => Ok(()),
        other => {
            let found = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            };
            let what = if path.is_empty() {
                "the body"
            } else {
                "the value"
            };
            Err(FieldError::new(
                path,
                format!("{what} must be a JSON object with these fields, not {found}"),
            )
            .with_accepted(props.keys().cloned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_numbers_become_integers_where_the_schema_wants_one() {
        let mut v = json!({"revision": 3.0, "impact": 2.5, "likelihood": 9.007_199_254_740_99e15});
        normalise_integers("AssessmentUpdate", &mut v);
        assert_eq!(v["revision"], json!(3));
        assert!(v["revision"].is_i64());
        assert!(v["impact"].is_f64(), "a fraction stays a fraction: {v}");
        assert_eq!(v["likelihood"], json!(9_007_199_254_740_990_i64));
        let mut m = json!({"cells": [], "impact": [{"value": 1.0, "label_ja": 1.0}]});
        normalise_integers("NewMatrix", &mut m);
        assert!(m["impact"][0]["value"].is_i64(), "{m}");
        assert!(
            m["impact"][0]["label_ja"].is_f64(),
            "only integer fields: {m}"
        );
    }

    #[test]
    fn an_empty_date_is_named_at_any_depth() {
        let e = check_objects("StatementUpdate", &json!({"by": ""})).unwrap_err();
        assert_eq!(e.field, "by");
        let body = json!({"measures": [{"description": "d", "due": "2026-04-01"}, {"due": ""}]});
        let e = check_objects("TreatmentUpdate", &body).unwrap_err();
        assert_eq!(e.field, "measures.1.due");
        assert!(check_objects("StatementUpdate", &json!({"by": null})).is_ok());
        let e = check_objects("TreatmentUpdate", &json!({"measures": [3]})).unwrap_err();
        assert_eq!(e.field, "measures.0");
    }
}
