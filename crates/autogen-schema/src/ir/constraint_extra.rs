//! Constraint and index attributes that PostgreSQL keeps and the other dialects do not:
//! deferral, validation state, exclusion constraints, index storage details.

use serde::{Deserialize, Serialize};

/// When a constraint is checked: `NOT DEFERRABLE` (the default), `DEFERRABLE INITIALLY
/// IMMEDIATE` or `DEFERRABLE INITIALLY DEFERRED` (Django declares every foreign key so).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deferrable {
    /// Checked at once, and cannot be deferred.
    #[default]
    No,
    /// `DEFERRABLE INITIALLY IMMEDIATE`.
    Immediate,
    /// `DEFERRABLE INITIALLY DEFERRED`.
    Deferred,
}

impl Deferrable {
    /// Whether this is `NOT DEFERRABLE`.
    pub fn is_default(&self) -> bool {
        *self == Deferrable::No
    }

    /// The clause after a constraint, with its leading space; empty for the default.
    pub fn clause(&self) -> &'static str {
        match self {
            Deferrable::No => "",
            Deferrable::Immediate => " DEFERRABLE",
            Deferrable::Deferred => " DEFERRABLE INITIALLY DEFERRED",
        }
    }

    /// From PostgreSQL's `condeferrable` and `condeferred`.
    pub fn from_flags(deferrable: bool, deferred: bool) -> Self {
        match (deferrable, deferred) {
            (false, _) => Deferrable::No,
            (true, false) => Deferrable::Immediate,
            (true, true) => Deferrable::Deferred,
        }
    }
}

/// A PostgreSQL exclusion constraint (`EXCLUDE USING gist (span WITH &&)`): kept as the
/// definition the database prints, since its parts (operators, opclasses, predicate) are
/// only ever written back to PostgreSQL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// Constraint name.
    pub name: String,
    /// `EXCLUDE USING … (…) [WHERE (…)]`, as `pg_get_constraintdef` prints it, deferral
    /// included.
    pub definition: String,
}

/// Index options beyond the key parts: PostgreSQL's `INCLUDE`, `NULLS NOT DISTINCT`
/// and storage parameters, MySQL's explicit `USING` algorithm. All empty by default, which is what every other dialect has.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexOptions {
    /// Non-key columns carried in the index (`INCLUDE (a, b)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<String>,
    /// `NULLS NOT DISTINCT` on a unique index (PostgreSQL 15).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nulls_not_distinct: bool,
    /// Storage parameters (`fillfactor=70`), as the catalog lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with: Vec<String>,
    /// `USING BTREE` or `USING HASH` written on a MySQL/MariaDB index, upper case. The
    /// server keeps and prints the clause only where it was written (InnoDB builds a
    /// b-tree either way), so it is compared as written: `None` is no clause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
    /// The index's `COMMENT` (MySQL/MariaDB; PostgreSQL's index comments are
    /// [`crate::ir::PartComments`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// MariaDB's `IGNORED` index (MySQL 8 calls it `INVISIBLE`): kept up to date, never
    /// used by the optimizer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ignored: bool,
}

impl IndexOptions {
    /// Whether nothing is set.
    pub fn is_default(&self) -> bool {
        *self == IndexOptions::default()
    }

    /// Whether a MySQL-only attribute is set: `USING`, `COMMENT` or `IGNORED`.
    pub fn has_mysql_attributes(&self) -> bool {
        self.algorithm.is_some() || self.comment.is_some() || self.ignored
    }

    /// These options with the MySQL-only attributes of `other` where these have none.
    pub fn keep_mysql_attributes(&mut self, other: &IndexOptions) {
        if self.algorithm.is_none() {
            self.algorithm.clone_from(&other.algorithm);
        }
        if self.comment.is_none() {
            self.comment.clone_from(&other.comment);
        }
        self.ignored |= other.ignored;
    }
}

/// The order in which a database prints a table's keys and checks (MySQL's `SHOW CREATE
/// TABLE`: creation order, within the server's key classes), by name; the names of
/// foreign keys whose index the server made are among the keys. A spelling, like
/// [`crate::ir::Spelling`]: the DDL creates keys and checks in this order so that the
/// database prints them as before, and two tables never differ by it (equality ignores
/// it).
#[derive(Debug, Clone, Default, Eq, Serialize, Deserialize)]
pub struct KeyOrder {
    /// Index, unique constraint and foreign-key index names in printed order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<String>,
    /// Check constraint names in printed order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<String>,
}

impl PartialEq for KeyOrder {
    /// Always equal: the order is how the database spells the table, not what it holds.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl KeyOrder {
    /// Whether no order is known.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.checks.is_empty()
    }

    /// The position of key `name`, or `None` when the order does not name it.
    pub fn key_position(&self, name: &str) -> Option<usize> {
        self.keys.iter().position(|k| k == name)
    }

    /// The position of check `name`, or `None` when the order does not name it.
    pub fn check_position(&self, name: &str) -> Option<usize> {
        self.checks.iter().position(|k| k == name)
    }
}
