//! SeaORM entities → autogen's schema IR, read at run time from SeaORM's own metadata, so
//! that SeaORM's type inference (`Option<T>`, `DeriveActiveEnum`, `column_type`) is the
//! only one.
//!
//! - [`read_entity`]: one entity's facts (columns, keys, relations, enums), from
//!   `ColumnTrait::def`, `RelationDef`, `Schema::create_table_from_entity` and sea-query's
//!   getters; see [`entity`] for where each fact comes from.
//! - [`Base`]: the registry a model crate builds, like SQLAlchemy's `Base.metadata`: the
//!   entities, a [`NamingConvention`], and declarations SeaORM attributes cannot make
//!   ([`Index`], [`Unique`], [`Check`], primary key names, table renames).
//! - [`types`]: the sea-query → IR type table; [`defaults`]: defaults.
//!
//! Documented in `docs/models.md`.

pub mod base;
pub mod decl;
pub mod defaults;
pub mod entity;
pub mod error;
pub mod naming;
pub mod types;

pub use autogen_schema::{ColumnType, DefaultValue, Deferrable, Identity, IndexMethod, Schema};
pub use base::{Base, TableDecl};
pub use decl::{Check, Index, Unique};
pub use entity::{EntityFacts, RelationFk, SeaOrmIndex, read_entity};
pub use error::ModelsError;
pub use naming::{NamingConvention, Template};

/// The whole of a models binary, the command `autogen` runs as its models source: prints
/// the schema of `base` as JSON on stdout and returns success, or prints the error on
/// stderr and returns failure (exit 1) when the models are inconsistent (a declaration for
/// an unregistered table, a duplicate name…).
///
/// ```ignore
/// fn main() -> std::process::ExitCode {
///     autogen_models::main(models::base())
/// }
/// ```
pub fn main(base: Result<Base, ModelsError>) -> std::process::ExitCode {
    use std::io::Write;
    match base.and_then(|base| base.schema()) {
        Ok(schema) => {
            let mut out = std::io::stdout().lock();
            match out
                .write_all(schema.to_json().as_bytes())
                .and_then(|()| out.flush())
            {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: models: writing the schema: {e}");
                    std::process::ExitCode::FAILURE
                }
            }
        }
        Err(e) => {
            eprintln!("error: models: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
