//! Real evolutions of the example models: the kinds of change Dify's migration history
//! made (json → jsonb with a GIN index, varchar narrowing and widening, text → varchar, a
//! NOT NULL column with a default, dropped columns, table renames, a composite unique,
//! GIN and partial indexes), planned by the differ and run on a database that holds the
//! models' 33 tables and a few rows.
//!
//! For each evolution and each dialect (SQLite always; PostgreSQL and MariaDB are
//! `#[ignore = "needs …"]`, run by `.ci/run` with `--include-ignored`):
//!
//! - the plan models → evolved carries the hazards the change deserves (checked without a
//!   database, so these assertions run everywhere);
//! - applied, it makes the database reflect equal to the evolved schema lowered to the
//!   dialect, with no phantom difference left;
//! - every row is still there, with the values of every column the evolution keeps;
//! - its inverse brings the database back to the models, rows and values included, except
//!   where the evolution deletes data by design (asserted as such).

#[macro_use]
#[path = "evolutions/harness.rs"]
mod harness;

use harness::*;

use autogen_diff::{DiffOptions, Hazard, Note, Op, diff};
use autogen_schema::{Column, ColumnType, DefaultValue, Dialect, IndexMethod, UniqueConstraint};
// ---------------------------------------------------------------------------------------
// 1. json → jsonb with a GIN index (documents.doc_metadata, d20049ed0af6)
// ---------------------------------------------------------------------------------------

on_each_dialect!(json_to_jsonb_with_gin_index);

async fn json_to_jsonb_with_gin_index(d: Dialect) {
    let mut evolved = models_schema();
    let t = table_mut(&mut evolved, "document_segments");
    column_mut(t, "keywords").ty = ColumnType::Jsonb;
    t.indexes.push(index(
        "document_segment_keywords_idx",
        &["keywords"],
        IndexMethod::Gin,
        None,
    ));
    let ev = Evolution::new(evolved, &["document_segments"]);

    let plan = ev.plan(d);
    match d {
        Dialect::Postgres => {
            assert_eq!(plan.ops.len(), 2, "{:#?}", plan.ops);
            let cast = hazards_of(&plan, "json → jsonb", |op| {
                is_alter_of(op, "document_segments", "keywords")
            });
            // Not a binary-coercible change: PostgreSQL rewrites the table and parses each value.
            assert_hazards(
                &cast,
                &[Hazard::RewritesTable, Hazard::DataDependent],
                &[],
                "json → jsonb",
            );
            let gin = hazards_of(
                &plan,
                "GIN index",
                |op| matches!(op, Op::CreateIndex { index, .. } if index.method == IndexMethod::Gin),
            );
            assert_hazards(
                &gin,
                &[Hazard::BlocksWrites],
                &[Hazard::DataDependent],
                "new GIN index",
            );
        }
        Dialect::Sqlite => {
            // json_text → jsonb_text is a type SQLite cannot alter; GIN does not exist there.
            assert_eq!(plan.ops.len(), 1, "{:#?}", plan.ops);
            let rebuild = hazards_of(&plan, "rebuild", |op| {
                is_rebuild_of(op, "document_segments")
            });
            assert_hazards(
                &rebuild,
                &[Hazard::RewritesTable],
                &[Hazard::DeletesData],
                "rebuild",
            );
        }
        Dialect::Mysql => {
            // MariaDB has one json type and no GIN: lowering makes both schemas one.
            assert!(plan.is_empty(), "{:#?}", plan.ops);
        }
    }
    let out = run(d, &ev).await;
    // The values went through the cast and back unchanged (the generic check), and they
    // are real values, not NULLs that would compare equal whatever happened.
    assert_eq!(
        out.up["document_segments"]["keywords"][0].as_deref(),
        Some("{\"n\": 1}"),
        "{d}"
    );
}

// ---------------------------------------------------------------------------------------
// 2. varchar narrowing (255 → 64) and widening (64 → 255)
// ---------------------------------------------------------------------------------------

on_each_dialect!(varchar_narrowing_and_widening);

fn varchar_evolution() -> Evolution {
    let mut evolved = models_schema();
    column_mut(table_mut(&mut evolved, "accounts"), "interface_language").ty =
        ColumnType::varchar(64);
    column_mut(
        table_mut(&mut evolved, "dataset_collection_bindings"),
        "collection_name",
    )
    .ty = ColumnType::varchar(255);
    Evolution::new(evolved, &["accounts", "dataset_collection_bindings"])
}

async fn varchar_narrowing_and_widening(d: Dialect) {
    let ev = varchar_evolution();
    let plan = ev.plan(d);
    let narrow = hazards_of(
        &plan,
        "narrowing",
        column_change(d, "accounts", "interface_language"),
    );
    assert_hazards(
        &narrow,
        &[Hazard::DataDependent, Hazard::BackwardIncompatible],
        &[Hazard::DeletesData],
        "varchar(255) → varchar(64)",
    );
    let widen = hazards_of(
        &plan,
        "widening",
        column_change(d, "dataset_collection_bindings", "collection_name"),
    );
    assert_hazards(
        &widen,
        &[],
        &[
            Hazard::DataDependent,
            Hazard::BackwardIncompatible,
            Hazard::DeletesData,
        ],
        "varchar(64) → varchar(255)",
    );
    // Downgrading swaps the roles: the widened column is narrowed back.
    let inverse = plan.inverse();
    let narrow_back = hazards_of(
        &inverse,
        "narrowing back",
        column_change(d, "dataset_collection_bindings", "collection_name"),
    );
    assert_hazards(
        &narrow_back,
        &[Hazard::DataDependent],
        &[],
        "downgrade of the widening",
    );
    if d != Dialect::Sqlite {
        assert_eq!(plan.ops.len(), 2, "{:#?}", plan.ops);
    }
    let out = run(d, &ev).await;
    assert_eq!(
        out.up["accounts"]["interface_language"][0].as_deref(),
        Some("interface_language-1")
    );
}

// A value longer than the new limit: the narrowing is data-dependent, so the upgrade must
// fail on the servers (which enforce lengths) and keep the value, never truncate it.
on_each_dialect!(narrowing_refuses_longer_values);

async fn narrowing_refuses_longer_values(d: Dialect) {
    let ev = varchar_evolution();
    let (_scratch, db) = seeded(d, &["accounts"]).await;
    let long = "x".repeat(100);
    db.execute(&format!(
        "UPDATE {} SET {} = '{long}'",
        d.quote_ident("accounts"),
        d.quote_ident("interface_language")
    ))
    .await
    .expect("update");
    let up = ev.plan(d).to_sql(d).expect("sql");
    let mut failed = false;
    for statement in &up {
        if db.execute(statement).await.is_err() {
            failed = true;
            break;
        }
    }
    // SQLite does not enforce declared lengths: the rebuild keeps the value as it is.
    assert_eq!(
        failed,
        d != Dialect::Sqlite,
        "{d}: upgrade failed? SQL:\n{};",
        up.join(";\n")
    );
    let models = models_schema();
    let rows = read_rows(&db, d, &models.tables["accounts"]).await;
    assert!(
        all_equal(&rows["interface_language"], Some(&long)),
        "{d}: the long values were changed: {:?}",
        rows["interface_language"]
    );
    db.close().await;
}

// ---------------------------------------------------------------------------------------
// 3. text → varchar(512) (external_knowledge_bindings.external_knowledge_id, 09cfdda155d1)
// ---------------------------------------------------------------------------------------

on_each_dialect!(text_to_varchar);

async fn text_to_varchar(d: Dialect) {
    let mut evolved = models_schema();
    column_mut(table_mut(&mut evolved, "documents"), "file_id").ty = ColumnType::varchar(512);
    let ev = Evolution::new(evolved, &["documents"]);
    let plan = ev.plan(d);
    let up = hazards_of(
        &plan,
        "text → varchar",
        column_change(d, "documents", "file_id"),
    );
    assert_hazards(
        &up,
        &[Hazard::DataDependent, Hazard::BackwardIncompatible],
        &[Hazard::DeletesData],
        "text → varchar(512)",
    );
    if d != Dialect::Sqlite {
        // Back to text accepts every value without a rewrite.
        let down = hazards_of(&plan.inverse(), "varchar → text", |op| {
            is_alter_of(op, "documents", "file_id")
        });
        assert!(down.is_empty(), "{d}: varchar(512) → text: {down:?}");
    }
    let out = run(d, &ev).await;
    assert_eq!(
        out.up["documents"]["file_id"][2].as_deref(),
        Some("file_id-3")
    );
}

// ---------------------------------------------------------------------------------------
// 4. A NOT NULL column with a default, added to a table with rows (documents.need_summary)
// ---------------------------------------------------------------------------------------

on_each_dialect!(add_not_null_column_with_default);

fn need_review() -> Column {
    Column {
        nullable: false,
        default: Some(DefaultValue::Bool(false)),
        ..Column::new("need_review", ColumnType::Boolean)
    }
}

async fn add_not_null_column_with_default(d: Dialect) {
    let mut evolved = models_schema();
    table_mut(&mut evolved, "documents")
        .columns
        .push(need_review());
    let ev = Evolution::new(evolved, &["documents"]);
    let plan = ev.plan(d);
    // A plain ADD COLUMN everywhere, SQLite included (a constant default is allowed there).
    assert!(
        matches!(plan.ops.as_slice(), [Op::AddColumn { table, column, .. }] if table == "documents" && column.name == "need_review"),
        "{d}: {:#?}",
        plan.ops
    );
    let hazards = plan.ops[0].hazards(Some(d));
    assert_hazards(
        &hazards,
        &[],
        &[
            Hazard::DataDependent,
            Hazard::RewritesTable,
            Hazard::DeletesData,
        ],
        "NOT NULL DEFAULT false",
    );

    let out = run(d, &ev).await;
    // The existing rows took the default.
    assert_eq!(
        out.up["documents"]["need_review"],
        vec![Some("0".to_string()); ROWS],
        "{d}"
    );
}

// What the data-dependent hazard of a NOT NULL column without a default means on a table
// with rows: PostgreSQL refuses it, SQLite's rebuild cannot copy the rows, and MariaDB
// fills the rows with the type's implicit default.
on_each_dialect!(add_not_null_column_without_default);

async fn add_not_null_column_without_default(d: Dialect) {
    let mut evolved = models_schema();
    table_mut(&mut evolved, "documents").columns.push(Column {
        default: None,
        ..need_review()
    });
    let ev = Evolution::new(evolved, &["documents"]);
    let plan = ev.plan(d);
    let hazards = hazards_of(&plan, "add column", |op| op.table() == Some("documents"));
    assert_hazards(
        &hazards,
        &[Hazard::DataDependent],
        &[],
        "NOT NULL without a default",
    );
    let (_scratch, db) = seeded(d, ev.fill).await;
    let up = plan.to_sql(d).expect("sql");
    let mut failed = false;
    for statement in &up {
        if db.execute(statement).await.is_err() {
            failed = true;
            break;
        }
    }
    assert_eq!(
        failed,
        d != Dialect::Mysql,
        "{d}: upgrade failed? SQL:\n{};",
        up.join(";\n")
    );
    // The rows are intact whatever happened: the rebuild stopped before dropping the old
    // table.
    let table = if failed {
        &models_schema().tables["documents"]
    } else {
        &ev.evolved.tables["documents"]
    };
    let rows = read_rows(&db, d, table).await;
    assert_eq!(rows["name"].len(), ROWS, "{d}");
    assert_eq!(rows["name"][0].as_deref(), Some("name-1"), "{d}");
    db.close().await;
}

// ---------------------------------------------------------------------------------------
// 5. Dropped columns (as ae662b25d9bc dropped pipeline_built_in_templates.created_by)
// ---------------------------------------------------------------------------------------

on_each_dialect!(drop_columns);

async fn drop_columns(d: Dialect) {
    let mut evolved = models_schema();
    let t = table_mut(&mut evolved, "documents");
    drop_column(t, "archived_reason");
    // An indexed column: its index goes first (and on SQLite the table is rebuilt).
    drop_column(t, "is_paused");
    t.indexes.retain(|i| i.name != "document_is_paused_idx");
    let mut ev = Evolution::new(evolved, &["documents"]);
    ev.changed = &[("documents", "archived_reason"), ("documents", "is_paused")];

    let plan = ev.plan(d);
    let drops = hazards_of(&plan, "drop of documents' columns", |op| {
        op.table() == Some("documents")
    });
    assert_hazards(
        &drops,
        &[Hazard::DeletesData, Hazard::BackwardIncompatible],
        &[],
        "drop column",
    );
    if d != Dialect::Sqlite {
        for column in ["archived_reason", "is_paused"] {
            let h = hazards_of(
                &plan,
                column,
                |op| matches!(op, Op::DropColumn { column: c, .. } if c.name == column),
            );
            assert_hazards(&h, &[Hazard::DeletesData], &[], column);
        }
    }
    assert!(
        plan.notes.is_empty(),
        "{d}: nothing added, no rename to suspect"
    );

    let out = run(d, &ev).await;
    let before = &out.before["documents"];
    assert!(all_equal(
        &before["archived_reason"][..1],
        Some("archived_reason-1")
    ));
    // By design the downgrade restores the columns, not their data: NULL, or the default.
    assert!(
        all_equal(&out.down["documents"]["archived_reason"], None),
        "{d}"
    );
    assert!(
        all_equal(&out.down["documents"]["is_paused"], Some("0")),
        "{d}"
    );
}

// A drop and an add of the same type in one table, without a hint, is shown as a likely
// rename; with `renamed_from` it is a rename, and the data stays.
on_each_dialect!(drop_and_add_is_a_probable_rename);

async fn drop_and_add_is_a_probable_rename(d: Dialect) {
    let renamed = |hint: bool| {
        let mut evolved = models_schema();
        let c = column_mut(table_mut(&mut evolved, "documents"), "doc_language");
        c.name = "language".to_string();
        c.renamed_from = hint.then(|| "doc_language".to_string());
        evolved
    };

    let mut unhinted = Evolution::new(renamed(false), &["documents"]);
    unhinted.changed = &[("documents", "doc_language")];
    let plan = unhinted.plan(d);
    assert_eq!(
        plan.notes,
        vec![Note::ProbableRename {
            table: "documents".to_string(),
            from: "doc_language".to_string(),
            to: "language".to_string(),
        }],
        "{d}"
    );
    let drop = hazards_of(&plan, "drop", |op| op.table() == Some("documents"));
    assert_hazards(&drop, &[Hazard::DeletesData], &[], "unhinted rename");
    {
        let out = run(d, &unhinted).await;
        // What the note warns about: the values are gone, both ways.
        assert!(all_equal(&out.up["documents"]["language"], None), "{d}");
        assert!(
            all_equal(&out.down["documents"]["doc_language"], None),
            "{d}"
        );
    }

    let hinted = Evolution::new(renamed(true), &["documents"]);
    let plan = hinted.plan(d);
    assert!(plan.notes.is_empty(), "{d}: {:?}", plan.notes);
    assert!(
        matches!(plan.ops.as_slice(), [Op::RenameColumn { from, to, .. }] if from == "doc_language" && to == "language"),
        "{d}: {:#?}",
        plan.ops
    );
    let h = plan.ops[0].hazards(Some(d));
    assert_hazards(
        &h,
        &[Hazard::BackwardIncompatible],
        &[Hazard::DeletesData],
        "rename column",
    );
    {
        let out = run(d, &hinted).await;
        assert_eq!(
            out.up["documents"]["language"],
            out.before["documents"]["doc_language"]
        );
    }
}

// ---------------------------------------------------------------------------------------
// 6. Table renames, by `renamed_from` and by `--rename`
// ---------------------------------------------------------------------------------------

on_each_dialect!(rename_tables);

async fn rename_tables(d: Dialect) {
    let mut evolved = models_schema();
    rename_table(&mut evolved, "whitelists", "tenant_whitelists", true);
    rename_table(
        &mut evolved,
        "rate_limit_logs",
        "tenant_rate_limit_logs",
        false,
    );
    let mut ev = Evolution::new(evolved, &["whitelists", "rate_limit_logs"]);
    ev.renames
        .add("rate_limit_logs=tenant_rate_limit_logs")
        .expect("rename spec");

    let plan = ev.plan(d);
    assert_eq!(plan.ops.len(), 2, "{d}: {:#?}", plan.ops);
    for (from, to) in [
        ("whitelists", "tenant_whitelists"),
        ("rate_limit_logs", "tenant_rate_limit_logs"),
    ] {
        let h = hazards_of(
            &plan,
            "rename",
            |op| matches!(op, Op::RenameTable { from: f, to: t } if f == from && t == to),
        );
        assert_hazards(
            &h,
            &[Hazard::BackwardIncompatible],
            &[Hazard::DeletesData],
            to,
        );
    }
    // Without the declaration the second is a drop and a create: the data would be lost.
    let undeclared = diff(
        &models_schema(),
        &ev.evolved,
        &DiffOptions {
            dialect: Some(d),
            ..Default::default()
        },
    );
    let h = hazards_of(
        &undeclared,
        "drop",
        |op| matches!(op, Op::DropTable { table } if table.name == "rate_limit_logs"),
    );
    assert_hazards(&h, &[Hazard::DeletesData], &[], "undeclared table rename");

    let out = run(d, &ev).await;
    assert_eq!(
        out.up["tenant_whitelists"]["category"][0].as_deref(),
        Some("category-1")
    );
    assert_eq!(
        out.up["tenant_rate_limit_logs"]["operation"],
        out.before["rate_limit_logs"]["operation"]
    );
}

// ---------------------------------------------------------------------------------------
// 7. A composite unique constraint (unique_tenant_account_join-like)
// ---------------------------------------------------------------------------------------

on_each_dialect!(add_composite_unique);

async fn add_composite_unique(d: Dialect) {
    let mut evolved = models_schema();
    table_mut(&mut evolved, "document_segments")
        .uniques
        .push(UniqueConstraint {
            deferrable: Default::default(),
            nulls_not_distinct: false,
            name: "document_segment_document_position_key".to_string(),
            columns: vec!["document_id".to_string(), "position".to_string()],
        });
    let ev = Evolution::new(evolved, &["document_segments"]);
    let plan = ev.plan(d);
    let h = hazards_of(&plan, "add unique", |op| {
        if d == Dialect::Sqlite {
            is_rebuild_of(op, "document_segments")
        } else {
            matches!(op, Op::AddUnique { unique, .. } if unique.columns.len() == 2)
        }
    });
    assert_hazards(
        &h,
        &[Hazard::DataDependent],
        &[Hazard::DeletesData],
        "composite unique",
    );
    if d != Dialect::Sqlite {
        assert_hazards(&h, &[Hazard::BlocksWrites], &[], "composite unique");
    }
    run(d, &ev).await;
}

// ---------------------------------------------------------------------------------------
// 8. GIN and partial indexes, created and dropped
// ---------------------------------------------------------------------------------------

on_each_dialect!(gin_and_partial_indexes);

async fn gin_and_partial_indexes(d: Dialect) {
    let mut evolved = models_schema();
    let datasets = table_mut(&mut evolved, "datasets");
    datasets.indexes.retain(|i| i.name != "retrieval_model_idx");
    datasets.indexes.push(index(
        "dataset_icon_info_idx",
        &["icon_info"],
        IndexMethod::Gin,
        None,
    ));
    table_mut(&mut evolved, "documents").indexes.push(index(
        "document_live_dataset_idx",
        &["dataset_id"],
        IndexMethod::Btree,
        // As PostgreSQL prints it back (without the outer parentheses).
        Some("archived = false"),
    ));
    let ev = Evolution::new(evolved, &["datasets", "documents"]);
    let plan = ev.plan(d);
    let created = |method: IndexMethod| move |op: &Op| matches!(op, Op::CreateIndex { index, .. } if index.method == method);
    match d {
        Dialect::Postgres => {
            assert_eq!(plan.ops.len(), 3, "{:#?}", plan.ops);
            let gin = hazards_of(&plan, "GIN index", created(IndexMethod::Gin));
            assert_hazards(&gin, &[Hazard::BlocksWrites], &[], "GIN index");
            let dropped = hazards_of(
                &plan,
                "drop of the GIN index",
                |op| matches!(op, Op::DropIndex { index, .. } if index.name == "retrieval_model_idx"),
            );
            // A plain DROP INDEX locks the table against writes; it loses nothing.
            assert_eq!(dropped, vec![Hazard::BlocksWrites], "{dropped:?}");
        }
        Dialect::Sqlite => {
            // SQLite holds partial indexes, not GIN ones.
            assert_eq!(plan.ops.len(), 1, "{:#?}", plan.ops);
        }
        Dialect::Mysql => {
            // MariaDB holds neither: lowering drops both kinds, so nothing is left to do.
            assert!(plan.is_empty(), "{:#?}", plan.ops);
        }
    }
    if d != Dialect::Mysql {
        let partial = hazards_of(
            &plan,
            "partial index",
            |op| matches!(op, Op::CreateIndex { index, .. } if index.predicate.is_some()),
        );
        assert_hazards(
            &partial,
            &[Hazard::BlocksWrites],
            &[Hazard::DataDependent],
            "partial index",
        );
        // The downgrade drops what the upgrade built.
        let inverse = plan.inverse();
        assert!(
            inverse
                .ops
                .iter()
                .any(|op| matches!(op, Op::DropIndex { index, .. } if index.predicate.is_some())),
            "{d}: {:#?}",
            inverse.ops
        );
    }
    run(d, &ev).await;
}
