//! Row-level security of a table: whether it is enabled and forced, and its policies.

use serde::{Deserialize, Serialize};

/// `ALTER TABLE … ENABLE/FORCE ROW LEVEL SECURITY`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowSecurity {
    /// `ENABLE ROW LEVEL SECURITY`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enabled: bool,
    /// `FORCE ROW LEVEL SECURITY` (the owner too is subject to the policies).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
}

impl RowSecurity {
    /// Whether neither is set.
    pub fn is_default(&self) -> bool {
        *self == RowSecurity::default()
    }
}

/// The command a policy applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    /// `FOR ALL`, the default.
    #[default]
    All,
    /// `FOR SELECT`.
    Select,
    /// `FOR INSERT`.
    Insert,
    /// `FOR UPDATE`.
    Update,
    /// `FOR DELETE`.
    Delete,
}

impl PolicyCommand {
    /// The SQL keyword.
    pub fn as_sql(self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }

    /// Parses `ALL`, `SELECT`, … (any case), or `pg_policy.polcmd`'s letter.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text.trim().to_ascii_uppercase().as_str() {
            "ALL" | "*" => PolicyCommand::All,
            "SELECT" | "R" => PolicyCommand::Select,
            "INSERT" | "A" => PolicyCommand::Insert,
            "UPDATE" | "W" => PolicyCommand::Update,
            "DELETE" | "D" => PolicyCommand::Delete,
            _ => return None,
        })
    }

    fn is_default(&self) -> bool {
        *self == PolicyCommand::All
    }
}

/// A row-level security policy (`CREATE POLICY … ON table`).
///
/// Expressions are kept as PostgreSQL prints them back (`pg_get_expr`); any change drops
/// and creates the policy again (`ALTER POLICY` cannot change its command or kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Policy name (unique per table).
    pub name: String,
    /// `FOR …`.
    #[serde(default, skip_serializing_if = "PolicyCommand::is_default")]
    pub command: PolicyCommand,
    /// `AS RESTRICTIVE` (the default is permissive).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restrictive: bool,
    /// `TO …`, sorted; empty means `PUBLIC`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// `USING (…)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    /// `WITH CHECK (…)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
    /// `COMMENT ON POLICY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
