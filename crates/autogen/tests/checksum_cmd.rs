//! `autogen checksum` against real databases: equal data prints equal lines whatever the
//! chunk size, `--compare` names a changed row by key (exit 1), and a missing table is an
//! error naming it (exit 2).

use std::process::{Command, Output};

use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

fn autogen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_autogen"))
        .args(args)
        .env_remove("DATABASE_URL")
        .output()
        .expect("run autogen")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

async fn checksum_compares_databases(dialect: Dialect) {
    let setup: Vec<String> = vec![
        "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(20), price DECIMAL(10,2))".into(),
        "INSERT INTO items VALUES (1, 'a', 1.50), (2, NULL, 2.00), (3, '', NULL), (4, 'd', 4.25)"
            .into(),
        "CREATE TABLE pairs (a INTEGER NOT NULL, b VARCHAR(10) NOT NULL, v INTEGER, PRIMARY KEY (a, b))"
            .into(),
        "INSERT INTO pairs VALUES (1, 'x', 1), (1, 'y', 2), (2, 'x', 3)".into(),
    ];
    let (a, b) = (
        ScratchDb::create(dialect).await,
        ScratchDb::create(dialect).await,
    );
    a.execute_all(&setup).await;
    b.execute_all(&setup).await;
    let first = autogen(&["checksum", "--database", &a.url]);
    let second = autogen(&["checksum", "--database", &b.url, "--chunk-rows", "1"]);
    assert!(first.status.success(), "{dialect}: {first:?}");
    assert_eq!(stdout(&first), stdout(&second), "{dialect}");
    let lines: Vec<String> = stdout(&first).lines().map(String::from).collect();
    assert_eq!(lines.len(), 2, "{dialect}: {lines:?}");
    assert!(lines[0].starts_with("items\t4\t"), "{dialect}: {lines:?}");
    assert!(lines[1].starts_with("pairs\t3\t"), "{dialect}: {lines:?}");

    b.execute_all(&["UPDATE pairs SET v = 9 WHERE a = 1 AND b = 'y'".into()])
        .await;
    let only = autogen(&["checksum", "--database", &b.url, "--table", "pairs"]);
    assert_eq!(stdout(&only).lines().count(), 1, "{dialect}");
    assert_ne!(
        stdout(&only).trim(),
        lines[1],
        "{dialect}: the digest changed"
    );
    let compared = autogen(&[
        "checksum",
        "--database",
        &a.url,
        "--compare",
        &b.url,
        "--chunk-rows",
        "2",
    ]);
    assert_eq!(compared.status.code(), Some(1), "{dialect}: {compared:?}");
    assert_eq!(
        stdout(&compared),
        "items\tequal\npairs\t1 row(s) differ\n  changed\t(1, y)\n",
        "{dialect}"
    );

    let missing = autogen(&["checksum", "--database", &a.url, "--table", "nope"]);
    assert_eq!(missing.status.code(), Some(2), "{dialect}");
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("table nope does not exist"),
        "{dialect}: {missing:?}"
    );
}

#[tokio::test]
async fn checksum_compares_databases_on_sqlite() {
    checksum_compares_databases(Dialect::Sqlite).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn checksum_compares_databases_on_postgres() {
    checksum_compares_databases(Dialect::Postgres).await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn checksum_compares_databases_on_mysql() {
    checksum_compares_databases(Dialect::Mysql).await;
}
