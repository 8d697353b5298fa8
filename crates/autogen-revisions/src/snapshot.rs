//! The head snapshot, `schema.json`: the [`Schema`] JSON of [`Schema::to_json`] with a
//! top-level `"revision"` after `"format_version"`.

use autogen_schema::Schema;
use serde_json::{Map, Value};

/// The head snapshot: the schema after the head revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadSnapshot {
    /// The revision the schema is at.
    pub revision: String,
    /// The schema.
    pub schema: Schema,
}

/// Renders `schema.json`: [`Schema::to_json`] with `"revision"` after `"format_version"`.
pub fn snapshot_to_json(schema: &Schema, revision: &str) -> String {
    let Value::Object(map) = serde_json::from_str(&schema.to_json()).expect("to_json is JSON")
    else {
        unreachable!("a Schema serializes as an object")
    };
    let mut out = Map::new();
    let mut placed = false;
    for (key, value) in map {
        let first = key == "format_version";
        out.insert(key, value);
        if first {
            out.insert("revision".to_string(), Value::String(revision.to_string()));
            placed = true;
        }
    }
    if !placed {
        out.insert("revision".to_string(), Value::String(revision.to_string()));
    }
    let mut text = serde_json::to_string_pretty(&Value::Object(out)).expect("JSON value");
    text.push('\n');
    text
}

/// Reads `schema.json`; the error is a reason to report with the path. Positions in it
/// (`at line L column C`) are the file's own: the schema is read from the text as written,
/// not from a re-serialized copy.
pub fn snapshot_from_json(text: &str) -> Result<HeadSnapshot, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let Value::Object(map) = &value else {
        return Err("not a JSON object".to_string());
    };
    let revision = match map.get("revision") {
        Some(Value::String(r)) => r.clone(),
        Some(_) => return Err("`revision` is not a string".to_string()),
        None => return Err("no top-level `revision`".to_string()),
    };
    // `Schema` ignores unknown top-level keys, `revision` among them.
    let schema = Schema::from_json(text).map_err(|e| e.to_string())?;
    schema.validate(None).map_err(|e| e.to_string())?;
    Ok(HeadSnapshot { revision, schema })
}
