//! Reflection of sqlite: bulk catalog queries into the IR.

use autogen_schema::Schema;
use sqlx::SqlitePool;

use crate::ReflectError;

/// Reads the whole schema.
pub(crate) async fn reflect(_pool: &SqlitePool) -> Result<Schema, ReflectError> {
    Err(ReflectError::Unsupported {
        object: "database".into(),
        reason: "sqlite reflection is not written yet".into(),
    })
}
