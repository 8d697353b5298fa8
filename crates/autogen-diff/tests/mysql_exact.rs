//! MariaDB/MySQL objects and attributes that only the server's own description shows:
//! generated columns, collations, row formats, partitioning, integer display widths,
//! views and triggers. Each case loads `current` into A and `desired` into B, plans A→B,
//! runs the plan on A and its inverse on B, and compares each result with the other
//! side as `SHOW CREATE TABLE`, `SHOW CREATE VIEW` and `information_schema.TRIGGERS`
//! describe it (`AUTOGEN_TEST_MYSQL_URL`).

use autogen_diff::{DiffOptions, diff};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;
use sqlx::{Connection, MySqlConnection, Row};

/// The server's description of the scratch database: one text per object, sorted, without
/// definers and the database's name.
async fn describe(db: &ScratchDb) -> Vec<String> {
    let mut conn = MySqlConnection::connect(&db.url).await.expect("connect");
    let objects: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_TYPE AS CHAR) FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = DATABASE()",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for (name, kind) in objects {
        let what = if kind == "VIEW" { "VIEW" } else { "TABLE" };
        let sql = format!("SHOW CREATE {what} {}", Dialect::Mysql.quote_ident(&name));
        let row = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await
            .expect("show create");
        let text: String = row.try_get(1).expect("statement");
        out.push(normalize(&text, &db.name));
    }
    let triggers: Vec<(String, String, String, i64, String, String)> = sqlx::query_as(
        "SELECT CAST(TRIGGER_NAME AS CHAR), CAST(EVENT_MANIPULATION AS CHAR), \
                CAST(EVENT_OBJECT_TABLE AS CHAR), CAST(ACTION_ORDER AS SIGNED), \
                CAST(ACTION_TIMING AS CHAR), CAST(ACTION_STATEMENT AS CHAR) \
         FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()",
    )
    .fetch_all(&mut conn)
    .await
    .expect("triggers");
    for (name, event, table, order, timing, statement) in triggers {
        out.push(format!(
            "TRIGGER {name} {timing} {event} ON {table} ORDER {order}: {statement}"
        ));
    }
    out.sort();
    out
}

fn normalize(text: &str, database: &str) -> String {
    let mut s = text.replace(&format!("`{database}`."), "");
    if let Some(at) = s.find("DEFINER=") {
        let end = s[at..].find(' ').map_or(s.len(), |i| at + i + 1);
        s.replace_range(at..end, "");
    }
    s
}

async fn load(statements: &[&str]) -> ScratchDb {
    let db = ScratchDb::create(Dialect::Mysql).await;
    db.execute_all(&statements.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .await;
    db
}

/// Runs one case both ways and returns the statements of the upgrade.
async fn exact(name: &str, current: &[&str], desired: &[&str]) -> Vec<String> {
    let a = load(current).await;
    let b = load(desired).await;
    let (before_a, before_b) = (describe(&a).await, describe(&b).await);
    assert_ne!(before_a, before_b, "{name}: the two sides must differ");
    let options = DiffOptions {
        dialect: Some(Dialect::Mysql),
        ..DiffOptions::default()
    };
    let plan = diff(&a.reflect().await, &b.reflect().await, &options);
    let up = plan.to_sql(Dialect::Mysql).expect("up SQL");
    let down = plan.inverse().to_sql(Dialect::Mysql).expect("down SQL");
    a.execute_all(&up).await;
    assert_eq!(describe(&a).await, before_b, "{name}: up {up:#?}");
    b.execute_all(&down).await;
    assert_eq!(describe(&b).await, before_a, "{name}: down {down:#?}");
    // Once applied, nothing is left to do.
    let again = diff(
        &a.reflect().await,
        &load(desired).await.reflect().await,
        &options,
    );
    assert!(again.is_empty(), "{name}: left {:?}", again.ops);
    // The desired schema, written out as autogen's DDL (`inspect --format sql`) and run on
    // an empty database, is the desired schema again.
    let copy = ScratchDb::create(Dialect::Mysql).await;
    let statements = Dialect::Mysql.create_statements(&load(desired).await.reflect().await);
    copy.execute_all(&statements).await;
    assert_eq!(describe(&copy).await, before_b, "{name}: {statements:#?}");
    up
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn generated_columns_change_kind_and_expression() {
    let up = exact(
        "virtual to stored, plain to generated",
        &["CREATE TABLE t (id int PRIMARY KEY, a int, \
           v int GENERATED ALWAYS AS (a * 2) VIRTUAL, p int, \
           e varchar(20) GENERATED ALWAYS AS (concat('x', a)) STORED)"],
        &["CREATE TABLE t (id int PRIMARY KEY, a int, \
           v int GENERATED ALWAYS AS (a * 2) STORED, p int GENERATED ALWAYS AS (a + 1) VIRTUAL, \
           e varchar(20) GENERATED ALWAYS AS (concat('y', a)) STORED)"],
    )
    .await;
    // The kind changes re-add the column where it stood; the expression alone is modified.
    assert!(
        up.iter()
            .any(|s| s.contains("ADD COLUMN `v`") && s.ends_with("AFTER `a`")),
        "{up:#?}"
    );
    assert!(
        up.iter().any(|s| s.contains("MODIFY COLUMN `e`")),
        "{up:#?}"
    );
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn collations_are_compared_against_what_is_inherited() {
    exact(
        "column collations and a new latin1 table",
        &["CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b varchar(20) COLLATE utf8mb4_bin)"],
        &[
            "CREATE TABLE t (id int PRIMARY KEY, a varchar(20) CHARACTER SET ascii COLLATE ascii_bin, b varchar(20))",
            "CREATE TABLE l (id int PRIMARY KEY, n varchar(10)) DEFAULT CHARSET=latin1 ROW_FORMAT=DYNAMIC",
            "CREATE TABLE k (id int PRIMARY KEY) KEY_BLOCK_SIZE=8",
        ],
    )
    .await;
    exact(
        "a table's default collation changes under inheriting columns",
        &["CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b text, c varchar(5) COLLATE utf8mb4_bin)"],
        &["CREATE TABLE t (id int PRIMARY KEY, a varchar(20), b text, c varchar(5) COLLATE utf8mb4_bin, \
           d varchar(3)) DEFAULT CHARSET=latin1 COLLATE=latin1_bin ROW_FORMAT=COMPACT"],
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn columns_change_places() {
    exact(
        "two columns swap, one moves first, one is added between them",
        &["CREATE TABLE w (id int PRIMARY KEY, a int NOT NULL, b varchar(4), c int AUTO_INCREMENT UNIQUE)"],
        &["CREATE TABLE w (c int AUTO_INCREMENT UNIQUE, id int PRIMARY KEY, b varchar(4), n int, a int NOT NULL)"],
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn a_column_check_is_part_of_its_column() {
    exact(
        "a table check becomes a column check, another column gets one",
        &["CREATE TABLE o (id int PRIMARY KEY, s varchar(9), n int, \
           CONSTRAINT o_s_chk CHECK (s IN ('a', 'b')))"],
        &[
            "CREATE TABLE o (id int PRIMARY KEY, s varchar(9) CHECK (s IN ('a', 'b')), \
           n int CHECK (n > 0))",
        ],
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn partitioning_is_added_changed_and_removed() {
    let range = |last: &str| {
        format!(
            "CREATE TABLE s (id int NOT NULL, y int NOT NULL, PRIMARY KEY (id, y)) \
             PARTITION BY RANGE (y) (PARTITION p1 VALUES LESS THAN (2020), \
             PARTITION p2 VALUES LESS THAN (2021){last})"
        )
    };
    exact(
        "a partition added",
        &[&range("")],
        &[&range(", PARTITION `p 3` VALUES LESS THAN MAXVALUE")],
    )
    .await;
    exact(
        "hash partitioning added to a plain table",
        &["CREATE TABLE h (id int PRIMARY KEY, n int)"],
        &["CREATE TABLE h (id int PRIMARY KEY, n int) PARTITION BY LINEAR KEY (id) PARTITIONS 3"],
    )
    .await;
    exact(
        "list columns partitioning on a new table",
        &["CREATE TABLE x (id int PRIMARY KEY)"],
        &[
            "CREATE TABLE x (id int PRIMARY KEY)",
            "CREATE TABLE c (id int NOT NULL, k varchar(5) NOT NULL, PRIMARY KEY (id, k)) \
             PARTITION BY LIST COLUMNS (k) (PARTITION a VALUES IN ('a', 'b'), PARTITION z VALUES IN ('z'))",
        ],
    )
    .await;
}

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_MYSQL_URL"]
async fn views_and_triggers_are_created_in_their_order() {
    let table = "CREATE TABLE u (id int PRIMARY KEY, n int(4), active tinyint(1))";
    let log = "CREATE TABLE log (m varchar(20))";
    exact(
        "views on views, a view's algorithm and security, triggers that follow each other",
        &[table, log],
        &[
            table,
            log,
            "CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW active AS SELECT id, n FROM u WHERE active = 1",
            "CREATE VIEW active_ids AS SELECT id FROM active WITH CHECK OPTION",
            "CREATE TRIGGER t_b BEFORE UPDATE ON u FOR EACH ROW SET NEW.n = 1",
            "CREATE TRIGGER t_a BEFORE UPDATE ON u FOR EACH ROW FOLLOWS t_b BEGIN\n  IF NEW.n > 2 THEN SET NEW.n = 2; END IF;\n  INSERT INTO log VALUES ('updated');\nEND",
        ],
    )
    .await;
    exact(
        "a view and a trigger whose table changes",
        &[
            table,
            log,
            "CREATE VIEW v AS SELECT id, n FROM u",
            "CREATE TRIGGER t AFTER INSERT ON u FOR EACH ROW INSERT INTO log VALUES ('x')",
        ],
        &[
            "CREATE TABLE u (id int PRIMARY KEY, n bigint, active tinyint(1))",
            log,
            "CREATE VIEW v AS SELECT id, n FROM u",
            "CREATE TRIGGER t AFTER INSERT ON u FOR EACH ROW INSERT INTO log VALUES ('y')",
        ],
    )
    .await;
}
