//! Reflection of postgres: bulk catalog queries into the IR.

use autogen_schema::Schema;
use sqlx::PgPool;

use crate::ReflectError;

/// Reads the whole schema.
pub(crate) async fn reflect(_pool: &PgPool, _namespace: &str) -> Result<Schema, ReflectError> {
    Err(ReflectError::Unsupported {
        object: "database".into(),
        reason: "postgres reflection is not written yet".into(),
    })
}
