//! Triggers: kept as the statement that creates them, as the database stores it.

use serde::{Deserialize, Serialize};

/// A trigger on a table or (SQLite `INSTEAD OF`) on a view.
///
/// As for [`super::View`], the IR keeps the statement that creates the trigger as the
/// database stores it and writes it back unchanged; a change drops and recreates it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    /// Trigger name.
    pub name: String,
    /// The table or view it fires on.
    pub table: String,
    /// The whole `CREATE TRIGGER …` statement, as the database stores it.
    pub definition: String,
    /// The tables and views its body reads or writes besides [`Trigger::table`], by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

impl Trigger {
    /// Whether `other` is the same trigger: the same name, table and statement, white
    /// space aside.
    pub fn same_as(&self, other: &Trigger) -> bool {
        self.name == other.name
            && self.table.eq_ignore_ascii_case(&other.table)
            && super::view::same_definition(&self.definition, &other.definition)
    }

    /// Every table and view the trigger needs: its own table first.
    pub fn needs(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.table.as_str()).chain(self.depends_on.iter().map(String::as_str))
    }
}
