//! The differ: two [`Schema`](autogen_schema::Schema)s in, an ordered [`Plan`] out.
//!
//! - `compare`: matching tables, columns and constraints by name (after declared renames)
//!   and ordering the operations so each applies;
//! - [`op`]: the operations, each knowing its inverse;
//! - [`hazard`]: what each operation risks on a live database;
//! - `sqlite`: SQLite's table rebuilds for what it cannot `ALTER`;
//! - `pg_objects`: PostgreSQL's extensions, domains, row-level security, policies and
//!   comments on indexes and constraints;
//! - `postgres`: PostgreSQL's online forms (`CONCURRENTLY`, `NOT VALID`) on request;
//! - `mysql`: MySQL/MariaDB's online forms (`ALGORITHM=INPLACE, LOCK=NONE`) on request;
//! - [`precheck`]: queries counting the rows a data-dependent step would fail on;
//! - [`sql`]: plans as SQL per dialect.

mod compare;
pub mod hazard;
mod mysql;
mod objects;
pub mod op;
mod pg_objects;
mod phased;
pub mod plan;
mod postgres;
pub mod precheck;
mod printed_order;
pub mod sql;
mod sqlite;

pub use compare::{diff, diff_owned};
pub use hazard::Hazard;
pub use op::{ColumnPosition, Op, PartKind};
pub use phased::{PhasePlans, PhasedChange};
pub use plan::{DiffOptions, Note, Plan, Renames};
pub use precheck::Precheck;
pub use sql::SqlError;
