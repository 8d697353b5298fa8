//! Views: kept as the statement that creates them, as the database stores it.

use serde::{Deserialize, Serialize};

/// A view.
///
/// The IR does not model a view's query: it keeps the statement that creates the view,
/// as the database stores or prints it, and writes it back unchanged. Two views are the
/// same view when their statements match up to white space (see
/// [`crate::sql_text::collapse_whitespace`]); any other change drops and recreates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// View name.
    pub name: String,
    /// The whole `CREATE VIEW …` statement, as the database stores it (SQLite:
    /// `sqlite_schema.sql`).
    pub definition: String,
    /// The tables and views the view reads, by name: what must exist before it is
    /// created, and what drops and recreates it when rebuilt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

impl View {
    /// Whether `other` is the same view: the same name and statement, white space aside.
    pub fn same_as(&self, other: &View) -> bool {
        self.name == other.name && same_definition(&self.definition, &other.definition)
    }
}

/// Whether two stored statements say the same, white space outside quotes aside.
pub fn same_definition(a: &str, b: &str) -> bool {
    crate::sql_text::collapse_whitespace(a) == crate::sql_text::collapse_whitespace(b)
}
