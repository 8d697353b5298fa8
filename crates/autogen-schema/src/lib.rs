//! autogen's schema IR: the one representation every source becomes and every stage reads.
//!
//! - [`ir`]: `Schema`, `Table`, `Column`, `ColumnType`, `Index`, constraints, enums.
//! - normalization ([`Schema::normalize`]) so that equal schemas compare equal;
//! - [`dialect`]: per-dialect type mapping, lowering and DDL;
//! - a stable JSON form with a format version ([`Schema::to_json`], [`Schema::from_json`]).
//!
//! No I/O happens here.

pub mod canonical;
pub mod default_sql;
pub mod dialect;
pub mod escape;
pub mod ignore;
pub mod ir;
pub mod normalize;
pub mod order;
mod printed;
pub mod qualified;
pub mod snapshot;
pub mod sql_text;
pub mod summary;
mod unmanaged;
pub mod validate;

pub use dialect::Dialect;
pub use ir::*;
pub use snapshot::{FORMAT_VERSION, SnapshotError};
pub use validate::{ValidationError, ValidationErrors};
