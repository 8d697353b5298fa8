//! Revison: 0123456789ab
//! Parents: ccccccccccc3
//! Message: x
//! Created: 2026-01-05T00:00:00Z

use sea_orm_migration::prelude::*;
