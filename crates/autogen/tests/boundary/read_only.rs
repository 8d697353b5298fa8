//! Commands that only read create nothing, and say when the database does not exist.

use crate::common::{Project, assert_clean_error, assert_same_tree, tree, users};
use crate::{autogen, server_url};

#[test]
fn read_only_commands_create_no_database() {
    let p = Project::init(&users());
    let first = p.revision("initial", &[]);
    let before = tree(p.path());
    let missing = p.path().join("missing.sqlite");
    let missing_url = format!("sqlite://{}", missing.display());
    let with_mode = format!("{missing_url}?mode=rwc");
    let cases: Vec<Vec<&str>> = vec![
        // The configured default: autogen.sqlite beside autogen.toml.
        vec!["inspect"],
        vec!["diff", "--from", "database", "--to", "models"],
        vec!["current"],
        vec!["inspect", "--database", &missing_url],
        // Even a URL asking to create the file opens it read-only.
        vec!["inspect", "--database", &with_mode],
        vec!["diff", "--from", &missing_url, "--to", "empty"],
        vec!["check", "--database", &missing_url],
        vec!["current", "--database", &missing_url],
    ];
    for args in cases {
        let o = autogen(p.path(), &args);
        assert_clean_error(&o, "database does not exist");
        assert_same_tree(&before, &tree(p.path()), &format!("{args:?}"));
    }
    for args in [&["heads"][..], &["history"][..], &["show", &first.id][..]] {
        let o = autogen(p.path(), args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert_same_tree(&before, &tree(p.path()), &format!("{args:?}"));
    }
}

fn a_missing_server_database_is_named(var: &str) {
    let dir = tempfile::tempdir().unwrap();
    let url = server_url(var);
    let base = url.split('?').next().unwrap().rsplit_once('/').unwrap().0;
    let missing = format!("{base}/no_such_db_autogen");
    let o = autogen(dir.path(), &["inspect", "--database", &missing]);
    assert_clean_error(&o, &format!("database does not exist: {missing}"));
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn a_missing_postgres_database_is_named() {
    a_missing_server_database_is_named("AUTOGEN_TEST_POSTGRES_URL");
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn a_missing_mysql_database_is_named() {
    a_missing_server_database_is_named("AUTOGEN_TEST_MYSQL_URL");
}
