//! The migration directory of autogen: a sea-orm-migration crate read as a graph of
//! revisions.
//!
//! - [`MigrationDir::load`] reads `src/m…rs` (their `//! Revision:` headers), `src/lib.rs`
//!   and the head snapshot `schema.json`; hand-written migrations (no header) are
//!   adopted as the base of the graph, in file name order.
//! - [`RevisionGraph`]: heads, bases, history, lookup by id or prefix, the applied heads.
//! - [`MigrationDir::validate`] lists every problem, each a [`RevisionError`] naming the
//!   file and line at fault.
//! - [`MigrationDir::plan_new_revision`], [`MigrationDir::plan_merge`] and
//!   [`MigrationDir::changeset`] plan the files of a new revision; [`scaffold`] those of a
//!   new crate; [`Changeset::commit`] writes them all or none, under a [`DirLock`], and
//!   a crash part-way is finished by [`DirLock::recover`].
//!
//! No database access and no printing happen here.

mod changeset;
mod dir;
mod error;
mod graph;
mod header;
mod id;
mod journal;
mod libfile;
mod lock;
mod phase;
mod scaffold;
mod snapshot;
mod validate;

pub use changeset::{Changeset, Expect, FileWrite};
pub use dir::{MigrationDir, NewRevision, SNAPSHOT_FILE};
pub use error::{OrderMismatch, Registration, RevisionError, RevisionRef};
pub use graph::{Revision, RevisionGraph};
pub use header::{is_module_name, is_revision_id, slug};
pub use id::{now_rfc3339, revision_id, rfc3339_from_unix};
pub use libfile::{LibFile, LibItem};
pub use lock::{DirLock, STATE_DIR};
pub use phase::{Phase, PhaseStep};
pub use scaffold::{LIB_RS, ScaffoldOptions, scaffold};
pub use snapshot::{HeadSnapshot, snapshot_from_json, snapshot_to_json};
