//! Dropping a column's default is backward-incompatible: inserts that leave the column
//! out get NULL (or fail on NOT NULL) instead of the default. Applied for real both ways.

use autogen_diff::{DiffOptions, diff};
use autogen_schema::Dialect;
use autogen_testkit::ScratchDb;

#[tokio::test]
#[ignore = "needs AUTOGEN_TEST_POSTGRES_URL"]
async fn dropping_a_default_is_named_backward_incompatible() {
    let db = ScratchDb::create(Dialect::Postgres).await;
    db.execute_all(&[
        "CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT 7)".to_string(),
        "INSERT INTO t (id) VALUES (1)".to_string(),
    ])
    .await;
    let start = db.reflect().await;
    let mut target = start.clone();
    target.tables.get_mut("t").unwrap().columns[1].default = None;
    let options = DiffOptions {
        dialect: Some(Dialect::Postgres),
        ..Default::default()
    };
    let up = diff(&start, &target, &options);
    let hazards: Vec<&str> = up
        .ops
        .iter()
        .flat_map(|op| op.hazards(Some(Dialect::Postgres)))
        .map(|h| h.code())
        .collect();
    assert!(
        hazards.contains(&"backward-incompatible"),
        "dropped default: {hazards:?}"
    );
    db.execute_all(&up.to_sql(Dialect::Postgres).unwrap()).await;
    assert!(diff(&db.reflect().await, &target, &options).is_empty());
    // Adding the default back (the downgrade) names nothing.
    let down = up.inverse();
    let back: Vec<_> = down
        .ops
        .iter()
        .flat_map(|op| op.hazards(Some(Dialect::Postgres)))
        .collect();
    assert!(back.is_empty(), "added default: {back:?}");
    db.execute_all(&down.to_sql(Dialect::Postgres).unwrap())
        .await;
    db.execute_all(&["INSERT INTO t (id) VALUES (2)".to_string()])
        .await;
    assert!(diff(&db.reflect().await, &start, &options).is_empty());
}
