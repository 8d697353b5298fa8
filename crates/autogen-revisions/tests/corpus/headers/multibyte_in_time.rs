//! Revision: 0123456789ab
//! Parents: ccccccccccc3
//! Message: x
//! Created: 2026-01-01T00:00:0éZ

use sea_orm_migration::prelude::*;
