//! Unit tests of schema validation.
use super::*;
use crate::ir::{Check, Column, ForeignKey, Index, IndexPart, PrimaryKey, Table, UniqueConstraint};

fn schema(tables: Vec<Table>) -> Schema {
    let mut s = Schema::default();
    for t in tables {
        s.tables.insert(t.name.clone(), t);
    }
    s
}

fn table(name: &str, columns: &[&str]) -> Table {
    let mut t = Table::new(name);
    for c in columns {
        t.columns.push(Column::new(*c, ColumnType::Integer));
    }
    t
}

fn problems(s: &Schema, dialect: Option<Dialect>) -> Vec<String> {
    match s.validate(dialect) {
        Ok(()) => Vec::new(),
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_sound_schema_passes() {
    let mut a = table("a", &["id", "b_id"]);
    a.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("a_pkey".into()),
        columns: vec!["id".into()],
    });
    a.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "a_b_fkey".into(),
        columns: vec!["b_id".into()],
        ref_table: "b".into(),
        ref_columns: vec!["id".into()],
        on_delete: Default::default(),
        on_update: Default::default(),
    });
    let b = table("b", &["id"]);
    assert_eq!(problems(&schema(vec![a, b]), None), Vec::<String>::new());
}

#[test]
fn each_problem_names_table_and_column() {
    let mut t = table("t", &["a", "a", ""]);
    t.columns.push(Column::new("v", ColumnType::varchar(0)));
    t.columns.push(Column::new(
        "d",
        ColumnType::Decimal {
            precision: Some(4),
            scale: Some(6),
        },
    ));
    t.columns.push(Column::new("n\0ul", ColumnType::Integer));
    t.uniques.push(UniqueConstraint {
        deferrable: Default::default(),
        nulls_not_distinct: false,
        name: "t_key".into(),
        columns: vec!["missing".into()],
    });
    t.indexes.push(Index {
        options: Default::default(),
        name: "t_key".into(),
        unique: false,
        parts: vec![IndexPart::column("gone")],
        method: Default::default(),
        predicate: None,
    });
    t.foreign_keys.push(ForeignKey {
        deferrable: Default::default(),
        not_valid: false,
        name: "t_fk".into(),
        columns: vec!["a".into()],
        ref_table: "nowhere".into(),
        ref_columns: vec!["id".into()],
        on_delete: Default::default(),
        on_update: Default::default(),
    });
    t.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "c".into(),
        expression: " ".into(),
    });
    let p = problems(&schema(vec![t]), None);
    let expected = [
        "table \"t\", column \"a\": the column appears twice",
        "table \"t\", column \"\": the name is empty",
        "table \"t\", column \"v\": a length of 0 holds nothing",
        "table \"t\", column \"d\": decimal scale 6 exceeds its precision 4",
        "table \"t\", column \"n\\0ul\": the name contains a NUL character",
        "table \"t\", unique constraint \"t_key\": names the unknown column \"missing\"",
        "table \"t\", index \"t_key\": the name is used twice in the table",
        "table \"t\", index \"t_key\": names the unknown column \"gone\"",
        "table \"t\", foreign key \"t_fk\": references the unknown table \"nowhere\"",
        "table \"t\", check \"c\": has an empty expression",
    ];
    for e in expected {
        assert!(p.iter().any(|x| x == e), "missing {e:?} in {p:#?}");
    }
}

#[test]
fn name_limits_follow_the_dialect() {
    let long = "x".repeat(64);
    let s = schema(vec![table(&long, &["id"])]);
    assert_eq!(problems(&s, Some(Dialect::Mysql)), Vec::<String>::new());
    assert_eq!(problems(&s, Some(Dialect::Sqlite)), Vec::<String>::new());
    let pg = problems(&s, Some(Dialect::Postgres));
    assert_eq!(pg.len(), 1, "{pg:?}");
    assert!(pg[0].contains("longer than postgres allows (63)"), "{pg:?}");
    assert_eq!(problems(&s, None), pg);
    // PostgreSQL counts bytes: 32 two-byte characters are 64 bytes.
    let s = schema(vec![table(&"é".repeat(32), &["id"])]);
    assert_eq!(problems(&s, Some(Dialect::Postgres)).len(), 1);
    assert_eq!(problems(&s, Some(Dialect::Mysql)).len(), 0);
}

#[test]
fn postgres_index_names_are_schema_wide() {
    let mut a = table("a", &["id"]);
    a.indexes.push(Index {
        options: Default::default(),
        name: "b".into(),
        unique: false,
        parts: vec![IndexPart::column("id")],
        method: Default::default(),
        predicate: None,
    });
    let s = schema(vec![a, table("b", &["id"])]);
    assert_eq!(problems(&s, Some(Dialect::Postgres)).len(), 1);
    assert_eq!(problems(&s, Some(Dialect::Mysql)).len(), 0);
}

#[test]
fn schema_qualified_names_are_postgres_only_and_scoped_by_schema() {
    use crate::qualified::qualify;
    // The same table and index names in `public` and in `test`: no clash.
    let mut public = table("dummy", &["id"]);
    public.primary_key = Some(PrimaryKey {
        name: Some("dummy_pkey".into()),
        columns: vec!["id".into()],
        deferrable: Default::default(),
    });
    let mut other = public.clone();
    other.name = qualify("test", "dummy");
    let s = schema(vec![public, other]);
    assert_eq!(problems(&s, Some(Dialect::Postgres)), Vec::<String>::new());
    assert_eq!(problems(&s, None), Vec::<String>::new());
    let mysql = problems(&s, Some(Dialect::Mysql));
    assert_eq!(mysql.len(), 1, "{mysql:?}");
    assert!(mysql[0].contains("PostgreSQL only"), "{mysql:?}");
    // Two separators, or an empty part, is not a qualified name.
    let s = schema(vec![table("a\0b\0c", &["id"])]);
    assert!(problems(&s, Some(Dialect::Postgres))[0].contains("NUL"));
    let s = schema(vec![table("\0b", &["id"])]);
    assert!(problems(&s, Some(Dialect::Postgres))[0].contains("NUL"));
}
