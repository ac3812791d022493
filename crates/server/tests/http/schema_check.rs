//! Checks a JSON value against a schema of the OpenAPI document: the subset
//! of OpenAPI 3.0 schema objects `openapi.rs` writes (`$ref`, `nullable`,
//! `oneOf`, `type`, `enum`, `format` date and date-time, `properties`,
//! `required`, `additionalProperties`, `items`, `maxLength`). Schemathesis
//! checks the document thoroughly in `.ci/run`; this catches drift in
//! `cargo test` too.

use serde_json::Value;

/// Every way `value` breaks `schema`, each with its JSON path.
pub fn violations(doc: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(doc, schema, value, "$", &mut out);
    out
}

fn check(doc: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let target = &doc["components"]["schemas"][name];
        assert!(target.is_object(), "dangling $ref {r}");
        return check(doc, target, v, at, out);
    }
    if v.is_null() {
        if schema.get("nullable") != Some(&Value::Bool(true)) && !schema.as_object().is_some_and(|o| o.is_empty()) {
            out.push(format!("{at}: null, but not nullable"));
        }
        return;
    }
    if let Some(alternatives) = schema.get("oneOf").and_then(Value::as_array) {
        let fits = alternatives.iter().filter(|s| violations(doc, s, v).is_empty()).count();
        if fits != 1 {
            out.push(format!("{at}: fits {fits} of oneOf's schemas, not one"));
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(v)
    {
        out.push(format!("{at}: {v} is not one of {values:?}"));
    }
    let type_ok = match schema.get("type").and_then(Value::as_str) {
        None => true,
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        Some(other) => panic!("schema type {other} not handled"),
    };
    if !type_ok {
        out.push(format!("{at}: {v} is not of type {}", schema["type"]));
        return;
    }
    if let Some(s) = v.as_str() {
        let format_ok = match schema.get("format").and_then(Value::as_str) {
            Some("date") => s.len() == 10 && s.parse::<jiff::civil::Date>().is_ok(),
            Some("date-time") => s.parse::<jiff::Timestamp>().is_ok(),
            _ => true,
        };
        if !format_ok {
            out.push(format!("{at}: {s:?} is not a {}", schema["format"]));
        }
        if let Some(most) = schema.get("maxLength").and_then(Value::as_u64)
            && s.chars().count() as u64 > most
        {
            out.push(format!("{at}: longer than {most}"));
        }
    }
    if let Some(items) = v.as_array() {
        for (i, item) in items.iter().enumerate() {
            check(doc, &schema["items"], item, &format!("{at}[{i}]"), out);
        }
    }
    if let Some(fields) = v.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for name in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !fields.contains_key(name.as_str().unwrap()) {
                out.push(format!("{at}: no {name}"));
            }
        }
        for (name, value) in fields {
            match properties.and_then(|p| p.get(name)) {
                Some(s) => check(doc, s, value, &format!("{at}.{name}"), out),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    out.push(format!("{at}: {name} is not documented"));
                }
                None => {}
            }
        }
    }
}
