//! The example models: Dify's `api/models/account.py` (7 tables) and `dataset.py`
//! (26 tables) as SeaORM 2.0 entities, and the [`base()`] registry that autogen reads.
//!
//! `account` uses the classic `DeriveEntityModel` format, `dataset` the dense
//! `#[sea_orm::model]` format; see `docs/models.md`.

pub mod account;
pub mod base;
pub mod dataset;

pub use base::{base, naming_convention};
