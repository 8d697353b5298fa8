//! Views: kept as the statement that creates them, as the database stores it.

use serde::{Deserialize, Serialize};

/// A view or (PostgreSQL) materialized view.
///
/// The IR does not model a view's query: it keeps the statement that creates the view,
/// as the database stores or prints it, and writes it back unchanged. Two views are the
/// same view when their statements match up to white space (see
/// [`crate::sql_text::collapse_whitespace`]) and so do what travels with the view
/// (materialized or not, its indexes, its comment); any other change replaces it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// View name.
    pub name: String,
    /// The whole `CREATE VIEW …` statement, as the database stores it (SQLite:
    /// `sqlite_schema.sql`; PostgreSQL: `CREATE [MATERIALIZED] VIEW name [WITH (…)] AS`
    /// and the query as `pg_get_viewdef` prints it, then any `WITH … CHECK OPTION`).
    pub definition: String,
    /// The tables and views the view reads, by name: what must exist before it is
    /// created, and what drops and recreates it when rebuilt.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// A PostgreSQL materialized view: dropped with `DROP MATERIALIZED VIEW`, never
    /// replaced in place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub materialized: bool,
    /// The output columns with their types as the database prints them, where reflection
    /// reads them (PostgreSQL): `CREATE OR REPLACE VIEW` keeps a view only when they do not
    /// change. Empty where unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<ViewColumn>,
    /// The `CREATE INDEX` statements of a materialized view, as the database prints them,
    /// by index name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<String>,
    /// `COMMENT ON [MATERIALIZED] VIEW`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// One output column of a view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewColumn {
    /// Column name.
    pub name: String,
    /// The type as the database prints it (`format_type`).
    #[serde(rename = "type")]
    pub ty: String,
}

impl View {
    /// Whether `other` is the same view: the same name and statement, white space aside,
    /// and the same kind, indexes and comment.
    pub fn same_as(&self, other: &View) -> bool {
        self.name == other.name
            && same_definition(&self.definition, &other.definition)
            && self.materialized == other.materialized
            && self.indexes == other.indexes
            && self.comment == other.comment
    }

    /// Whether `other` can take this view's place without dropping it, in either
    /// direction: a plain view whose output columns (names and types, in order) are known
    /// and do not change. PostgreSQL's `CREATE OR REPLACE VIEW` also accepts columns added
    /// at the end, but the way back could not remove them, and every plan step must have an
    /// exact inverse, so a changed column list is a drop and a create.
    pub fn replaceable_by(&self, other: &View) -> bool {
        self.name == other.name
            && !self.materialized
            && !other.materialized
            && !self.columns.is_empty()
            && self.columns == other.columns
            && self.indexes.is_empty()
            && other.indexes.is_empty()
    }
}

/// Whether two stored statements say the same, white space outside quotes aside.
pub fn same_definition(a: &str, b: &str) -> bool {
    crate::sql_text::collapse_whitespace(a) == crate::sql_text::collapse_whitespace(b)
}
