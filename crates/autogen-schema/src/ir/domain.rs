//! Domains (PostgreSQL `CREATE DOMAIN`): a base type with a default, NOT NULL and named
//! checks, kept as the catalog prints each part.

use serde::{Deserialize, Serialize};

use super::Check;

/// A domain.
///
/// Each part is kept as PostgreSQL prints it back (`format_type` for the base type,
/// `pg_get_constraintdef` for the checks), so two domains read from databases compare
/// exactly. A change of base type or collation recreates the domain; a change of
/// default, NOT NULL, checks or comment alters it in place (`ALTER DOMAIN`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    /// Domain name.
    pub name: String,
    /// The base type, as `format_type` prints it (`integer`, `numeric(5,2)`).
    pub base: String,
    /// A collation other than the base type's (`COLLATE "C"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// The default expression, as the catalog prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `NOT NULL`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    /// Named checks on `VALUE`, sorted by name; each expression without `CHECK` and its
    /// outer parentheses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// `COMMENT ON DOMAIN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Domain {
    /// Whether turning `self` into `other` needs the domain dropped and created again:
    /// PostgreSQL cannot change a domain's base type or collation in place.
    pub fn needs_recreate(&self, other: &Domain) -> bool {
        !self.base.eq_ignore_ascii_case(&other.base)
            || self.collation.as_deref().map(str::to_ascii_lowercase)
                != other.collation.as_deref().map(str::to_ascii_lowercase)
    }
}
