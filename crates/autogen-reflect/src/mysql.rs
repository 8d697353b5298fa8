//! Reflection of mysql: bulk catalog queries into the IR.

use autogen_schema::Schema;
use sqlx::MySqlPool;

use crate::ReflectError;

/// Reads the whole schema.
pub(crate) async fn reflect(_pool: &MySqlPool) -> Result<Schema, ReflectError> {
    Err(ReflectError::Unsupported {
        object: "database".into(),
        reason: "mysql reflection is not written yet".into(),
    })
}
