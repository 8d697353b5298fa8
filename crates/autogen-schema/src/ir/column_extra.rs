//! Column attributes beyond type, nullability and default.

use serde::{Deserialize, Serialize};

/// A generated column: `GENERATED ALWAYS AS (expression) VIRTUAL|STORED`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The expression, as the database stores it, without its outer parentheses.
    pub expression: String,
    /// `STORED` (computed on write and kept) rather than `VIRTUAL` (computed on read).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stored: bool,
}
