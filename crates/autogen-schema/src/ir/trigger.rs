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
    /// The function it executes (PostgreSQL), by its key in [`super::Schema::functions`]:
    /// created before the trigger, and a trigger to drop and recreate around a change to
    /// it that `CREATE OR REPLACE` cannot make.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// When it fires (PostgreSQL `ALTER TABLE … ENABLE/DISABLE TRIGGER`).
    #[serde(default, skip_serializing_if = "TriggerEnabled::is_default")]
    pub enabled: TriggerEnabled,
    /// `COMMENT ON TRIGGER` (PostgreSQL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A PostgreSQL trigger's firing state (`pg_trigger.tgenabled`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEnabled {
    /// Fires in the origin and local modes: what `CREATE TRIGGER` makes.
    #[default]
    Origin,
    /// `DISABLE TRIGGER`.
    Disabled,
    /// `ENABLE REPLICA TRIGGER`.
    Replica,
    /// `ENABLE ALWAYS TRIGGER`.
    Always,
}

impl TriggerEnabled {
    /// Whether this is the state `CREATE TRIGGER` leaves.
    pub fn is_default(&self) -> bool {
        *self == TriggerEnabled::Origin
    }

    /// From `pg_trigger.tgenabled` (`O`, `D`, `R`, `A`).
    pub fn from_code(code: &str) -> Option<TriggerEnabled> {
        Some(match code {
            "O" => TriggerEnabled::Origin,
            "D" => TriggerEnabled::Disabled,
            "R" => TriggerEnabled::Replica,
            "A" => TriggerEnabled::Always,
            _ => return None,
        })
    }

    /// The words of `ALTER TABLE … <words> TRIGGER name` that set this state.
    pub fn alter_words(self) -> &'static str {
        match self {
            TriggerEnabled::Origin => "ENABLE",
            TriggerEnabled::Disabled => "DISABLE",
            TriggerEnabled::Replica => "ENABLE REPLICA",
            TriggerEnabled::Always => "ENABLE ALWAYS",
        }
    }
}

impl Trigger {
    /// A trigger as most databases describe one: its statement and its table.
    pub fn new(
        name: impl Into<String>,
        table: impl Into<String>,
        definition: impl Into<String>,
    ) -> Trigger {
        Trigger {
            name: name.into(),
            table: table.into(),
            definition: definition.into(),
            depends_on: Vec::new(),
            function: None,
            enabled: TriggerEnabled::Origin,
            comment: None,
        }
    }

    /// Whether `other` is the same trigger: the same name, table, statement (white space
    /// aside), firing state and comment.
    pub fn same_as(&self, other: &Trigger) -> bool {
        self.name == other.name
            && self.table.eq_ignore_ascii_case(&other.table)
            && super::view::same_definition(&self.definition, &other.definition)
            && self.enabled == other.enabled
            && self.comment == other.comment
    }

    /// The key of the trigger in [`super::Schema::triggers`]: PostgreSQL scopes trigger
    /// names by table (many tables have a `set_updated_at`), SQLite and MySQL by schema.
    pub fn key(&self, scoped_by_table: bool) -> String {
        if scoped_by_table {
            format!("{}.{}", self.table, self.name)
        } else {
            self.name.clone()
        }
    }

    /// Every table and view the trigger needs: its own table first.
    pub fn needs(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.table.as_str()).chain(self.depends_on.iter().map(String::as_str))
    }
}
