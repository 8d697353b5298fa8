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

/// Reads a list into a vector of exactly its length. A JSON array does not say how long it
/// is, so a vector grows by doubling as it is read: nine columns would keep room for
/// sixteen, in every table, for as long as the schema lives.
pub(crate) fn shrunk<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut items = Vec::<T>::deserialize(deserializer)?;
    items.shrink_to_fit();
    Ok(items)
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

    /// Reads the same JSON as [`Schema::from_json`] from a stream in one pass, so that the
    /// text is never held whole (it is as large as the schema it describes). The version
    /// is checked as soon as `format_version` is read, which [`Schema::to_json`] writes
    /// first; in a document that puts it after a malformed table, the table's error is
    /// the one reported.
    pub fn from_json_reader(reader: impl std::io::Read) -> Result<Schema, SnapshotError> {
        let version = std::cell::Cell::new(None);
        let mut json = serde_json::Deserializer::from_reader(reader);
        let parsed = Schema::deserialize(VersionTap {
            inner: &mut json,
            version: &version,
        })
        .and_then(|schema| json.end().map(|()| schema));
        match (version.get(), parsed) {
            (Some(found), _) if found != FORMAT_VERSION => Err(SnapshotError::Version { found }),
            (None, Ok(_)) => Err(SnapshotError::Version { found: 0 }),
            (_, parsed) => Ok(parsed?),
        }
    }
}

/// A deserializer for the document's top-level object that takes `format_version` out of
/// it before the [`Schema`] sees the rest: the schema's own (derived) reading stays the
/// one definition of its fields.
struct VersionTap<'a, D> {
    inner: D,
    version: &'a std::cell::Cell<Option<u32>>,
}

impl<'de, D: serde::Deserializer<'de>> serde::Deserializer<'de> for VersionTap<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(TapVisitor {
            inner: visitor,
            version: self.version,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct TapVisitor<'a, V> {
    inner: V,
    version: &'a std::cell::Cell<Option<u32>>,
}

impl<'de, V: serde::de::Visitor<'de>> serde::de::Visitor<'de> for TapVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.expecting(f)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.inner.visit_map(TapMap {
            inner: map,
            version: self.version,
        })
    }
}

struct TapMap<'a, A> {
    inner: A,
    version: &'a std::cell::Cell<Option<u32>>,
}

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for TapMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        use serde::de::{Error, IntoDeserializer};
        loop {
            let Some(key) = self.inner.next_key::<String>()? else {
                return Ok(None);
            };
            if key != "format_version" {
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
            if self.version.get().is_some() {
                return Err(A::Error::duplicate_field("format_version"));
            }
            let found: u32 = self.inner.next_value()?;
            self.version.set(Some(found));
            if found != FORMAT_VERSION {
                // Stops here: a document of another version need not have this shape.
                return Err(A::Error::custom("format_version"));
            }
        }
    }

    fn next_value_seed<S: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<S::Value, A::Error> {
        self.inner.next_value_seed(seed)
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

    #[test]
    fn reading_a_stream_reads_the_same_schema_and_checks_the_same_things() {
        let mut t = Table::new("t");
        t.columns.push(Column::new("a", ColumnType::varchar(10)));
        t.comment = Some("ü \"quoted\"".into());
        let mut s = Schema::default();
        s.tables.insert("t".into(), t);
        s.enums.insert(
            "mood".into(),
            EnumType {
                name: "mood".into(),
                values: vec!["sad".into(), "ok".into()],
            },
        );
        let text = s.to_json();
        assert_eq!(Schema::from_json_reader(text.as_bytes()).unwrap(), s);

        let other = text.replace("\"format_version\": 1", "\"format_version\": 99");
        assert!(matches!(
            Schema::from_json_reader(other.as_bytes()),
            Err(SnapshotError::Version { found: 99 })
        ));
        // Another version is reported even when the rest has another shape.
        assert!(matches!(
            Schema::from_json_reader(&br#"{"format_version": 2, "tables": []}"#[..]),
            Err(SnapshotError::Version { found: 2 })
        ));
        assert!(matches!(
            Schema::from_json_reader(&b"{\"tables\": {}}"[..]),
            Err(SnapshotError::Version { found: 0 })
        ));
        let twice = r#"{"format_version": 1, "tables": {
            "t": {"name": "t", "columns": []},
            "t": {"name": "t", "columns": []}
        }}"#;
        let e = Schema::from_json_reader(twice.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("\"t\" appears twice") && e.contains("line 3"),
            "{e}"
        );
        let e = Schema::from_json_reader(&br#"{"format_version": 1, "format_version": 1}"#[..])
            .unwrap_err()
            .to_string();
        assert!(e.contains("duplicate field"), "{e}");
        let e = Schema::from_json_reader(&br#"{"format_version": 1} trailing"#[..])
            .unwrap_err()
            .to_string();
        assert!(e.contains("trailing"), "{e}");
        assert!(Schema::from_json_reader(&b"[1]"[..]).is_err());
    }
}
