use std::path::Path;

use super::*;

fn rules(report: &FileReport) -> Vec<(&'static str, usize)> {
    report
        .findings
        .iter()
        .map(|f| (f.rule.code(), f.line))
        .collect()
}

#[test]
fn a_sql_script_is_read_statement_by_statement_with_its_lines() {
    let sql = "-- hand-written\n\
        CREATE TABLE tags (id int PRIMARY KEY, name text);\n\
        CREATE INDEX tags_name ON tags (name);\n\
        CREATE INDEX accounts_email ON accounts (email);\n\
        CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);\n\
        ALTER TABLE accounts DROP COLUMN nick;\n\
        ALTER TABLE accounts RENAME COLUMN a TO b;\n\
        ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;\n\
        ALTER TABLE accounts ADD CONSTRAINT fk FOREIGN KEY (t) REFERENCES tags (id) NOT VALID;\n\
        ALTER TABLE accounts ADD CONSTRAINT fk2 FOREIGN KEY (t) REFERENCES tags (id);\n\
        DROP TABLE old_things;\n\
        DO $$ BEGIN PERFORM 1; END $$;\n\
        ALTER TABLE accounts FROBNICATE;\n";
    let report = lint_text(Path::new("x.sql"), sql);
    assert_eq!(report.kind, FileKind::Sql);
    assert_eq!(
        rules(&report),
        vec![
            ("create-index", 4),
            ("drop-column", 6),
            ("rename", 7),
            ("set-not-null", 8),
            ("add-foreign-key", 10),
            ("drop-table", 11),
            ("not-analysed", 13),
        ]
    );
    let policy = Policy::default();
    let violations: Vec<&str> = report.violations(&policy).map(|f| f.rule.code()).collect();
    assert_eq!(violations, vec!["drop-column", "rename", "drop-table"]);
    let mut allowing = Policy::default();
    allowing
        .allow(
            &["drop-column,rename".into(), "drop-table".into()],
            AllowedBy::Flag,
        )
        .unwrap();
    assert_eq!(report.violations(&allowing).count(), 0);
}

#[test]
fn a_hand_written_rust_migration_is_read_in_up_only() {
    let rs = r####"use sea_orm_migration::prelude::*;
pub struct Migration;
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(Table::create().table(Tags::Table)
            .col(ColumnDef::new(Tags::Id).integer()).to_owned()).await?;
        manager.create_index(Index::create().name("i").table(Tags::Table).col(Tags::Id).to_owned()).await?;
        manager.create_index(Index::create().name("u").table(Accounts::Table).col(Accounts::Email).unique().to_owned()).await?;
        manager.alter_table(Table::alter().table(Accounts::Table).drop_column(Accounts::Nick).to_owned()).await?;
        // manager.drop_table(Table::drop().table("in_a_comment").to_owned())
        let db = manager.get_connection();
        db.execute_unprepared(r#"ALTER TABLE "accounts" RENAME TO "users""#).await?;
        db.execute_unprepared("DROP TABLE \"drop; me\"").await?;
        Ok(())
    }
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Tags::Table).to_owned()).await
    }
}
"####;
    let report = lint_text(Path::new("m20260101_000000_x.rs"), rs);
    assert_eq!(report.kind, FileKind::HandWritten);
    assert_eq!(
        rules(&report),
        vec![
            ("create-index", 8),
            ("add-unique", 8),
            ("drop-column", 9),
            ("rename", 12),
            ("drop-table", 13),
        ]
    );
}

#[test]
fn a_generated_file_is_read_from_its_header_with_its_allowance() {
    let rs = "//! Revision: 0123456789ab\n\
        //! Parents: \n\
        //! Message: m\n\
        //! Created: 2026-11-24T22:40:00Z\n\
        //!\n\
        //! Hazards:\n\
        //! - 1. drop column accounts.nick (character varying(64) NULL): deletes-data, backward-incompatible\n\
        //! - 2. alter column a.b: type character varying(255) → character varying(64): rewrites-table, backward-incompatible, data-dependent\n\
        //! - 3. alter column a.c: type real → integer: rewrites-table, lossy-conversion, backward-incompatible, data-dependent\n\
        //! - 4. create index i on a (x): blocks-writes\n\
        //! - 5. rebuild table t: add column n, drop column o (SQLite cannot alter it in place: copy into a new table): rewrites-table, backward-incompatible, non-transactional\n\
        //! Allowed: drop-column (--allow)\n\
        //!\n\
        use sea_orm_migration::prelude::*;\n\
        impl MigrationTrait for Migration {\n\
            async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {\n\
                // 1. drop column accounts.nick (character varying(64) NULL)\n\
                // hazards: deletes-data, backward-incompatible\n\
                manager.alter_table(Table::alter().table(\"accounts\").drop_column(\"nick\").to_owned()).await?;\n\
                Ok(())\n\
            }\n\
        }\n";
    let report = lint_text(Path::new("m.rs"), rs);
    assert_eq!(report.kind, FileKind::Generated);
    assert_eq!(report.recorded, BTreeSet::from([Rule::DropColumn]));
    let found: Vec<&str> = report.findings.iter().map(|f| f.rule.code()).collect();
    assert_eq!(
        found,
        vec![
            "drop-column",
            "narrowing",
            "lossy-conversion",
            "create-index",
            "rename"
        ]
    );
    assert_eq!(report.findings[0].line, 17, "the step's code in up");
    let violations: Vec<&str> = report
        .violations(&Policy::default())
        .map(|f| f.rule.code())
        .collect();
    assert_eq!(violations, vec!["narrowing", "lossy-conversion", "rename"]);
}

#[test]
fn unknown_allowances_are_refused_with_the_list() {
    let mut policy = Policy::default();
    let err = policy
        .allow(&["drop-colum".into()], AllowedBy::Config)
        .unwrap_err();
    assert!(
        err.contains("drop-colum") && err.contains("drop-column, rename"),
        "{err}"
    );
    // A rule that needs no allowance is not one.
    assert!(
        policy
            .allow(&["create-index".into()], AllowedBy::Flag)
            .is_err()
    );
}

#[test]
fn every_rule_is_named_and_mapped() {
    for rule in Rule::ALL {
        assert_eq!(Rule::parse(rule.code()), Some(rule));
        assert!(!rule.meaning().is_empty());
    }
    assert_eq!(Rule::allowances().count(), 6);
}

#[test]
fn a_dropped_constraint_is_a_warning_in_every_kind_of_file() {
    let sql = "CREATE TABLE tags (id int PRIMARY KEY, CONSTRAINT u UNIQUE (id));\n\
        ALTER TABLE tags DROP CONSTRAINT u;\n\
        ALTER TABLE accounts DROP CONSTRAINT accounts_email_key;\n\
        ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_fk;\n\
        ALTER TABLE accounts DROP PRIMARY KEY;\n\
        ALTER TABLE accounts DROP FOREIGN KEY accounts_ibfk_1;\n";
    let report = lint_text(Path::new("x.sql"), sql);
    assert_eq!(
        rules(&report),
        vec![
            ("drop-constraint", 3),
            ("drop-constraint", 4),
            ("drop-constraint", 5),
            ("drop-constraint", 6),
        ],
        "a drop on a table created in the same file is not reported"
    );
    assert_eq!(report.violations(&Policy::default()).count(), 0);

    let rs = r####"use sea_orm_migration::prelude::*;
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_foreign_key(ForeignKey::drop().name("fk_a").table(A::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(A::Table).drop_foreign_key(Alias::new("fk_b")).to_owned()).await?;
        Ok(())
    }
}
"####;
    let report = lint_text(Path::new("m20260101_000000_x.rs"), rs);
    assert_eq!(
        rules(&report),
        vec![("drop-constraint", 4), ("drop-constraint", 5)]
    );

    let generated = "//! Revision: 0123456789ab\n\
        //! Hazards:\n\
        //! - 1. drop unique accounts_email_key on accounts: backward-incompatible\n\
        //! - 2. drop foreign key accounts_fk on accounts: backward-incompatible\n\
        //! - 3. drop check positive on accounts: backward-incompatible\n\
        //! - 4. drop primary key of accounts (id): backward-incompatible\n\
        //! - 5. drop exclusion constraint no_overlap on bookings: backward-incompatible\n\
        //! - 6. drop unique index accounts_name on accounts (name): backward-incompatible, blocks-writes\n\
        //! - 7. drop index accounts_nick on accounts (nick): blocks-writes\n\
        //! - 8. drop unique index accounts_x on accounts (x) concurrently: backward-incompatible, non-transactional\n\
        //! - 9. rebuild table t: drop check c (SQLite cannot alter it in place: copy into a new table): rewrites-table, backward-incompatible, non-transactional\n\
        //!\n";
    let report = lint_text(Path::new("m.rs"), generated);
    assert_eq!(report.kind, FileKind::Generated);
    let found: Vec<&str> = report.findings.iter().map(|f| f.rule.code()).collect();
    assert_eq!(
        found,
        vec![
            "drop-constraint",
            "drop-constraint",
            "drop-constraint",
            "drop-constraint",
            "drop-constraint",
            "drop-index",
            "drop-constraint",
            "drop-index",
            "drop-constraint",
            "drop-constraint",
        ]
    );
    assert_eq!(report.violations(&Policy::default()).count(), 0);
}

#[test]
fn a_dropped_default_is_a_warning_in_sql_and_in_the_generated_header() {
    let sql = "CREATE TABLE tags (id int PRIMARY KEY, n int DEFAULT 1);\n\
        ALTER TABLE tags ALTER COLUMN n DROP DEFAULT;\n\
        ALTER TABLE accounts ALTER COLUMN n DROP DEFAULT;\n\
        ALTER TABLE accounts ALTER COLUMN n SET DEFAULT 2;\n";
    let report = lint_text(Path::new("x.sql"), sql);
    assert_eq!(rules(&report), vec![("drop-default", 3)]);
    assert_eq!(report.violations(&Policy::default()).count(), 0);

    let generated = "//! Revision: 0123456789ab\n\
        //! Hazards:\n\
        //! - 1. alter column accounts.n: default '7'::integer → none: backward-incompatible\n\
        //! - 2. alter column accounts.m: NOT NULL → NULL; default 0 → none: backward-incompatible\n\
        //! - 3. alter column accounts.id: identity always → none: backward-incompatible\n\
        //!\n";
    let report = lint_text(Path::new("m.rs"), generated);
    let found: Vec<&str> = report.findings.iter().map(|f| f.rule.code()).collect();
    assert_eq!(found, vec!["drop-default", "drop-not-null", "drop-default"]);
}
