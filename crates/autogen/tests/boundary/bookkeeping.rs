//! A user's table named `autogen_*` is the user's: inspected and diffed like any other.

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

use crate::autogen;
use crate::common::stdout;

async fn a_user_table_named_autogen_star_is_inspected_and_diffed(dialect: Dialect) {
    {
        let db = ScratchDb::create(dialect).await;
        db.execute_all(&["CREATE TABLE autogen_users (id integer PRIMARY KEY)".to_string()])
            .await;
        let dir = tempfile::tempdir().unwrap();
        let o = autogen(dir.path(), &["inspect", "--database", &db.url]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{dialect}: {}",
            crate::all_output(&o)
        );
        assert!(
            stdout(&o).contains("table autogen_users"),
            "{dialect}: {}",
            stdout(&o)
        );
        let o = autogen(
            dir.path(),
            &["diff", "--from", &db.url, "--to", "empty", "--exit-code"],
        );
        assert_eq!(
            o.status.code(),
            Some(1),
            "{dialect}: {}",
            crate::all_output(&o)
        );
        assert!(
            stdout(&o).contains("drop table autogen_users"),
            "{dialect}: {}",
            stdout(&o)
        );
    }
}

#[tokio::test]
async fn a_user_table_named_autogen_star_is_inspected_and_diffed_on_sqlite() {
    a_user_table_named_autogen_star_is_inspected_and_diffed(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn a_user_table_named_autogen_star_is_inspected_and_diffed_on_postgres() {
    a_user_table_named_autogen_star_is_inspected_and_diffed(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_user_table_named_autogen_star_is_inspected_and_diffed_on_mysql() {
    a_user_table_named_autogen_star_is_inspected_and_diffed(Dialect::Mysql).await;
}
