//! Extensions (PostgreSQL `CREATE EXTENSION`).

use serde::{Deserialize, Serialize};

/// An installed extension. The objects it owns are the extension's, never reflected as
/// the schema's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Extension name (`pgcrypto`).
    pub name: String,
    /// The schema its objects live in (`WITH SCHEMA`), when known. Compared only when
    /// both sides name one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// The installed version. Compared only when both sides name one: a declaration
    /// without a version accepts whatever the server installs by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

impl Extension {
    /// Whether `other` is the same extension: name and schema, and the version when both
    /// name one.
    pub fn same_as(&self, other: &Extension) -> bool {
        self.name == other.name && !self.schema_changes(other) && !self.version_changes(other)
    }

    /// Whether both name a schema and the schemas differ (the extension is recreated).
    pub fn schema_changes(&self, other: &Extension) -> bool {
        matches!((&self.schema, &other.schema), (Some(a), Some(b)) if a != b)
    }

    /// Whether both name a version and the versions differ (`ALTER EXTENSION … UPDATE`).
    pub fn version_changes(&self, other: &Extension) -> bool {
        matches!((&self.version, &other.version), (Some(a), Some(b)) if a != b)
    }
}
