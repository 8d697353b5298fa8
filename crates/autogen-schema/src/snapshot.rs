//! The stable JSON form of a [`Schema`], with a format version.

use serde::{Deserialize, Serialize};

use crate::ir::Schema;

/// Version of the JSON format written by [`Schema::to_json`]. Bumped on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// Errors reading a JSON schema.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// The text is not JSON of the expected shape.
    #[error("not an autogen schema JSON: {0}")]
    Invalid(#[from] serde_json::Error),
    /// The `format_version` field is missing or another version.
    #[error("schema JSON has format_version {found}, this autogen reads version {FORMAT_VERSION}")]
    Version {
        /// What the document says (0 when absent).
        found: u32,
    },
}

/// Reads a JSON object into a map, refusing a key that appears twice (serde's own map
/// keeps the last one silently: a snapshot with two tables `t` would lose one).
pub(crate) fn unique_keys<'de, D, V>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Keys<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Keys<V> {
        type Value = std::collections::BTreeMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object with unique names")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = std::collections::BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!("{key:?} appears twice")));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Keys(std::marker::PhantomData))
}

#[derive(Serialize)]
struct Written<'a> {
    format_version: u32,
    #[serde(flatten)]
    schema: &'a Schema,
}

#[derive(Deserialize)]
struct VersionOnly {
    #[serde(default)]
    format_version: u32,
}

impl Schema {
    /// Pretty, sorted JSON with `format_version` first. Equal schemas give equal text.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&Written {
            format_version: FORMAT_VERSION,
            schema: self,
        })
        .expect("a Schema always serializes");
        text.push('\n');
        text
    }

    /// Writes the same text as [`Schema::to_json`] to `out` without building it in
    /// memory first (a schema of thousands of tables is tens of megabytes of JSON).
    pub fn write_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(
            &mut out,
            &Written {
                format_version: FORMAT_VERSION,
                schema: self,
            },
        )?;
        out.write_all(b"\n")
    }

    /// Reads JSON written by [`Schema::to_json`], checking the format version first.
    pub fn from_json(text: &str) -> Result<Schema, SnapshotError> {
        let version: VersionOnly = serde_json::from_str(text)?;
        if version.format_version != FORMAT_VERSION {
            return Err(SnapshotError::Version {
                found: version.format_version,
            });
        }
        Ok(serde_json::from_str(text)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::*;

    #[test]
    fn a_table_named_twice_is_an_error() {
        let text = r#"{"format_version": 1, "tables": {
            "t": {"name": "t", "columns": []},
            "t": {"name": "t", "columns": []}
        }}"#;
        let e = Schema::from_json(text).unwrap_err().to_string();
        assert!(e.contains("\"t\" appears twice"), "{e}");
        assert!(e.contains("line 3"), "{e}");
    }

    #[test]
    fn json_round_trip_and_version_check() {
        let mut t = Table::new("t");
        t.columns.push(Column::new("a", ColumnType::varchar(10)));
        t.columns.push(Column::new(
            "b",
            ColumnType::Array {
                element: Box::new(ColumnType::Enum {
                    name: "mood".into(),
                }),
            },
        ));
        let mut s = Schema::default();
        s.tables.insert("t".into(), t);
        let text = s.to_json();
        assert!(text.starts_with("{\n  \"format_version\": 1,"));
        assert_eq!(Schema::from_json(&text).unwrap(), s);
        let mut streamed = Vec::new();
        s.write_json(&mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), text);
        let other = text.replace("\"format_version\": 1", "\"format_version\": 99");
        assert!(matches!(
            Schema::from_json(&other),
            Err(SnapshotError::Version { found: 99 })
        ));
        assert!(matches!(
            Schema::from_json("{\"tables\": {}}"),
            Err(SnapshotError::Version { found: 0 })
        ));
    }
}
