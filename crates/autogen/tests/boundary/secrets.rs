//! Passwords and secret URL parameters never reach stdout or stderr.

use crate::common::{assert_clean_error, users};
use crate::{all_output, autogen, host_port, run, server_url};

/// Asserts the run failed cleanly and no form of `secret` shows.
fn assert_hidden(o: &std::process::Output, secret: &str, expected: &str) {
    assert_clean_error(o, expected);
    let text = all_output(o);
    for form in [secret.to_string(), secret.replace('@', "%40")] {
        assert!(!text.contains(&form), "{form:?} shown in: {text}");
    }
}

#[test]
fn a_mistyped_url_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let o = autogen(
        dir.path(),
        &["diff", "--from", "postgres//u:S3CRET@h/db", "--to", "empty"],
    );
    assert_hidden(&o, "S3CRET", "unknown schema source \"postgres//***@h/db\"");
    let o = autogen(dir.path(), &["inspect", "--database", "u:S3CRET@h/db"]);
    assert_hidden(&o, "S3CRET", "database URL");
}

#[test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
fn a_password_with_an_at_sign_is_hidden_whole() {
    let url = server_url("AUTOGEN_TEST_MYSQL_URL");
    let dir = tempfile::tempdir().unwrap();
    // The server refuses the password: the error names the URL.
    let bad = format!("mysql://root:S3CR@ss@{}/test", host_port(&url));
    let o = autogen(dir.path(), &["inspect", "--database", &bad]);
    assert_hidden(&o, "S3CR@ss", "mysql://root:***@");
    assert!(!all_output(&o).contains("ss@"), "{}", all_output(&o));
}

#[test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
fn query_parameters_are_hidden() {
    let url = server_url("AUTOGEN_TEST_POSTGRES_URL");
    let dir = tempfile::tempdir().unwrap();
    let host = host_port(&url);
    // A database that does not exist, so that the server answers with an error.
    let bad =
        format!("postgres://postgres@{host}/no_such_db_autogen?password=S3CRET&sslmode=disable");
    let o = autogen(dir.path(), &["inspect", "--database", &bad]);
    assert_hidden(&o, "S3CRET", "database does not exist");
    assert!(
        all_output(&o).contains("?password=***&sslmode=disable"),
        "{}",
        all_output(&o)
    );
    // Unknown to the driver: still hidden.
    let bad = format!("postgres://postgres:S3CRET@{host}/no_such_db_autogen?token=T0KEN9");
    let o = autogen(dir.path(), &["diff", "--from", &bad, "--to", "empty"]);
    assert_hidden(&o, "S3CRET", "postgres://postgres:***@");
    assert!(!all_output(&o).contains("T0KEN9"), "{}", all_output(&o));
}

#[test]
fn unreachable_servers_hide_the_password() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "postgres://u:S3CRET@127.0.0.1:1/db",
        "mysql://u:S3CRET@127.0.0.1:1/db",
    ] {
        let o = autogen(dir.path(), &["inspect", "--database", url]);
        assert_hidden(&o, "S3CRET", "cannot reach the database server");
        // The same through DATABASE_URL and `current`, `check`.
        let o = run(
            dir.path(),
            &["inspect"],
            std::process::Stdio::piped(),
            &[("DATABASE_URL", url)],
        );
        assert_hidden(&o, "S3CRET", "cannot reach the database server");
    }
    let p = crate::common::Project::init(&users());
    for args in [
        [
            "current",
            "--database",
            "postgres://u:S3CRET@127.0.0.1:1/db",
        ],
        ["check", "--database", "postgres://u:S3CRET@127.0.0.1:1/db"],
    ] {
        let o = autogen(p.path(), &args);
        assert_hidden(&o, "S3CRET", "cannot reach the database server");
    }
}

#[test]
fn a_config_error_quoting_the_url_hides_the_password() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("autogen.toml"),
        "[database]\nurl = \"postgres://u:S3CRET@h/db?token=T0KEN9\" trailing\n",
    )
    .unwrap();
    let o = autogen(dir.path(), &["inspect"]);
    assert_hidden(&o, "S3CRET", "autogen.toml");
    assert!(!all_output(&o).contains("T0KEN9"), "{}", all_output(&o));
}
