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
                && f.abs() < 9.0e15
            {
                // Exact: |f| < 2^53.
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
/// naming the field and the fields the object takes.
pub fn check_objects(root_name: &str, value: &Value) -> Result<(), FieldError> {
    match root(root_name) {
        Some(schema) => check(schema, value, ""),
        None => Ok(()),
    }
}

fn check(schema: &'static Value, value: &Value, path: &str) -> Result<(), FieldError> {
    let Some(props) = properties(schema) else {
        return Ok(());
    };
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                if let Some(s) = props.get(key) {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    check(resolve(s), v, &child)?;
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
