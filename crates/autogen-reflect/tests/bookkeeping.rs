//! Only the migration tools' own tables (sea-orm-migration's, and the runtime's checksum
//! table) are left out of reflection: a user's table whose name merely starts like a
//! bookkeeping one is the user's (on every dialect).

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

async fn user_tables_named_like_bookkeeping_are_reflected(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        db.execute_all(&[
            "CREATE TABLE autogen_users (id integer PRIMARY KEY)".to_string(),
            "CREATE TABLE seaql_migrations_archive (id integer PRIMARY KEY)".to_string(),
            "CREATE TABLE autogen_migration_checksums (id integer PRIMARY KEY)".to_string(),
            "CREATE TABLE autogen_migration_checksum (id integer PRIMARY KEY, label text)"
                .to_string(),
            "CREATE TABLE seaql_migrations (version varchar(100) PRIMARY KEY, applied_at bigint NOT NULL)"
                .to_string(),
        ])
        .await;
        let schema = db.reflect().await;
        let mut names: Vec<&str> = schema.tables.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "autogen_migration_checksums",
                "autogen_users",
                "seaql_migrations_archive"
            ],
            "{dialect}"
        );
    }
}

#[tokio::test]
async fn user_tables_named_like_bookkeeping_are_reflected_on_sqlite() {
    user_tables_named_like_bookkeeping_are_reflected(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn user_tables_named_like_bookkeeping_are_reflected_on_postgres() {
    user_tables_named_like_bookkeeping_are_reflected(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn user_tables_named_like_bookkeeping_are_reflected_on_mysql() {
    user_tables_named_like_bookkeeping_are_reflected(Dialect::Mysql).await;
}
