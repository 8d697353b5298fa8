//! Revision: 1f132268d93d
//! Parents:
//! Message: postgres extensions for uuid defaults
//! Created: 2026-11-24T23:01:43Z
//!
//! Hazards: none
//!
//! Written by hand (`autogen revision --empty`): the models' PostgreSQL defaults call
//! `uuid_generate_v4()` (uuid-ossp) and `uuidv7()`, which Dify's migrations create.
//! autogen does not manage extensions and functions, so this step does, on PostgreSQL only.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A `uuidv7()` in SQL, as Dify's migration 1c9ba48be8e4 provides one.
const UUIDV7: &str = "CREATE OR REPLACE FUNCTION uuidv7() RETURNS uuid AS $$
    SELECT encode(
        set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
        'hex')::uuid;
$$ LANGUAGE sql VOLATILE";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")
                .await?;
            db.execute_unprepared(UUIDV7).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared("DROP FUNCTION IF EXISTS uuidv7()")
                .await?;
            db.execute_unprepared("DROP EXTENSION IF EXISTS \"uuid-ossp\"")
                .await?;
        }
        Ok(())
    }
}
