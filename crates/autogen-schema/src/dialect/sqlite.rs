//! SQLite: type spelling and parsing, lowering, and DDL.

use crate::ir::{ColumnType, Schema};

/// How SQLite spells a type.
pub fn type_sql(ty: &ColumnType) -> String {
    super::postgres::type_sql(ty)
}

/// Maps what SQLite cannot hold.
pub fn lower(_schema: &mut Schema) {}

/// Statements creating a lowered schema.
pub fn create_statements(_schema: &Schema) -> Vec<String> {
    Vec::new()
}
