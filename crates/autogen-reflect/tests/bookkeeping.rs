//! Only sea-orm-migration's own table is left out of reflection: a user's table whose name
//! merely starts like a bookkeeping one is the user's (on every dialect).

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

#[tokio::test]
async fn user_tables_named_like_bookkeeping_are_reflected() {
    for dialect in Dialect::ALL {
        let Some(db) = ScratchDb::create(dialect).await else {
            continue;
        };
        db.execute_all(&[
            "CREATE TABLE autogen_users (id integer PRIMARY KEY)".to_string(),
            "CREATE TABLE seaql_migrations_archive (id integer PRIMARY KEY)".to_string(),
            "CREATE TABLE seaql_migrations (version varchar(100) PRIMARY KEY, applied_at bigint NOT NULL)"
                .to_string(),
        ])
        .await;
        let schema = db.reflect().await;
        let mut names: Vec<&str> = schema.tables.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            ["autogen_users", "seaql_migrations_archive"],
            "{dialect}"
        );
    }
}
