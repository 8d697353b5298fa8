//! Comments on the parts of a table that have no comment field of their own.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Comments on a table's indexes and constraints (`COMMENT ON INDEX`, `COMMENT ON
/// CONSTRAINT … ON table`), by index or constraint name: two maps, since an index and a
/// constraint may share a name and each have a comment of its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartComments {
    /// Index comments by index name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub indexes: BTreeMap<String, String>,
    /// Constraint comments by constraint name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub constraints: BTreeMap<String, String>,
}

impl PartComments {
    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.indexes.is_empty() && self.constraints.is_empty()
    }
}
