//! Unit tests of the dialect module.
use super::*;
use crate::ir::{EnumType, PrimaryKey};

/// Every type that survives lowering reads back from its spelling.
#[test]
fn types_round_trip_through_their_spelling() {
    use ColumnType as T;
    let types = [
        T::TinyInt,
        T::SmallInt,
        T::Integer,
        T::Decimal {
            precision: Some(10),
            scale: Some(2),
        },
        T::Decimal {
            precision: Some(8),
            scale: None,
        },
        T::Decimal {
            precision: None,
            scale: None,
        },
        T::Real,
        T::Double,
        T::varchar(255),
        T::Varchar { length: None },
        T::Char { length: Some(2) },
        T::Char { length: None },
        T::Text,
        T::Boolean,
        T::Date,
        T::Time {
            precision: None,
            tz: false,
        },
        T::Time {
            precision: None,
            tz: true,
        },
        T::Timestamp {
            precision: None,
            tz: false,
        },
        T::Timestamp {
            precision: None,
            tz: true,
        },
        T::Uuid,
        T::Json,
        T::Jsonb,
        T::Blob,
        T::custom("geometry"),
    ];
    for ty in types {
        assert_eq!(parse_type(&type_sql(&ty)), ty, "{}", type_sql(&ty));
        assert_eq!(lower_type(&ty), ty, "{ty:?} is not lowered");
    }
}

#[test]
fn sea_query_and_plain_spellings_parse() {
    use ColumnType as T;
    let cases = [
        ("uuid_text", T::Uuid),
        ("UUID", T::Uuid),
        ("json_text", T::Json),
        ("jsonb_text", T::Jsonb),
        ("enum_text", T::Text),
        (
            "real(10, 2)",
            T::Decimal {
                precision: Some(10),
                scale: Some(2),
            },
        ),
        (
            "NUMERIC(10,2)",
            T::Decimal {
                precision: Some(10),
                scale: Some(2),
            },
        ),
        (
            "datetime_text",
            T::Timestamp {
                precision: None,
                tz: false,
            },
        ),
        (
            "DATETIME",
            T::Timestamp {
                precision: None,
                tz: false,
            },
        ),
        (
            "timestamp(3)",
            T::Timestamp {
                precision: None,
                tz: false,
            },
        ),
        ("bigint", T::Integer),
        ("blob(16)", T::Blob),
        ("varbinary_blob(16)", T::Blob),
        ("float", T::Real),
        ("double precision", T::Double),
        ("VARCHAR( 40 )", T::varchar(40)),
        ("Bool", T::Boolean),
        ("MediumText", T::custom("mediumtext")),
        ("", T::custom("")),
    ];
    for (declared, ty) in cases {
        assert_eq!(parse_type(declared), ty, "{declared}");
    }
}

#[test]
fn lowering_follows_the_documented_rules() {
    let mut t = Table::new("t");
    let mut id = Column::new("id", ColumnType::BigInt);
    id.identity = Some(Identity::Serial);
    id.default = Some(DefaultValue::Expression("nextval('t_id_seq')".into()));
    id.comment = Some("key".into());
    let mut other = Column::new("n", ColumnType::Integer);
    other.identity = Some(Identity::ByDefault);
    let mut u = Column::new("u", ColumnType::Uuid);
    u.default = Some(DefaultValue::Function("gen_random_uuid".into()));
    let mut at = Column::new(
        "at",
        ColumnType::Timestamp {
            precision: Some(3),
            tz: true,
        },
    );
    at.default = Some(DefaultValue::CurrentTimestamp { precision: Some(3) });
    let mut e = Column::new(
        "e",
        ColumnType::Enum {
            name: "mood".into(),
        },
    );
    e.default = Some(DefaultValue::Expression("((1 + 2))".into()));
    t.columns = vec![id, other, u, at, e];
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: None,
        columns: vec!["id".into()],
    });
    t.comment = Some("c".into());
    let gin = Index {
        options: Default::default(),
        name: "gin".into(),
        unique: false,
        parts: vec![crate::ir::IndexPart::column("u")],
        method: IndexMethod::Gin,
        predicate: None,
    };
    let hash = Index {
        name: "hash".into(),
        method: IndexMethod::Hash,
        ..gin.clone()
    };
    t.indexes = vec![gin, hash];
    let mut s = Schema::default();
    s.tables.insert("t".into(), t);
    s.enums.insert(
        "mood".into(),
        EnumType {
            name: "mood".into(),
            values: vec!["a".into()],
        },
    );
    let lowered = Dialect::Sqlite.lower(&s);
    let t = &lowered.tables["t"];
    assert!(lowered.enums.is_empty());
    assert_eq!(t.comment, None);
    let id = t.column("id").unwrap();
    assert_eq!(id.ty, ColumnType::Integer);
    assert_eq!(id.identity, Some(Identity::AutoIncrement));
    assert_eq!(id.default, None);
    assert_eq!(id.comment, None);
    assert!(!id.nullable);
    assert_eq!(t.column("n").unwrap().identity, None);
    assert_eq!(t.column("u").unwrap().default, None);
    let at = t.column("at").unwrap();
    assert_eq!(
        at.ty,
        ColumnType::Timestamp {
            precision: None,
            tz: true
        }
    );
    assert_eq!(
        at.default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    let e = t.column("e").unwrap();
    assert_eq!(e.ty, ColumnType::Text);
    assert_eq!(e.default, Some(DefaultValue::Expression("1 + 2".into())));
    assert_eq!(t.indexes.len(), 1);
    assert_eq!(t.indexes[0].name, "hash");
    assert_eq!(t.indexes[0].method, IndexMethod::Btree);
    assert_eq!(Dialect::Sqlite.lower(&lowered), lowered);
}

#[test]
fn autoincrement_goes_inline_with_the_key_name() {
    let mut t = Table::new("t");
    let mut id = Column::new("id", ColumnType::Integer);
    id.identity = Some(Identity::AutoIncrement);
    id.nullable = false;
    t.columns.push(id);
    t.primary_key = Some(PrimaryKey {
        deferrable: Default::default(),
        name: Some("t_pk".into()),
        columns: vec!["id".into()],
    });
    assert_eq!(
        create_table_sql(&t),
        "CREATE TABLE \"t\" (\n  \"id\" integer NOT NULL CONSTRAINT \"t_pk\" PRIMARY KEY AUTOINCREMENT\n)"
    );
}

#[test]
fn defaults_are_written_the_way_sqlite_takes_them() {
    assert_eq!(default_sql(&DefaultValue::String("it's".into())), "'it''s'");
    assert_eq!(
        default_sql(&DefaultValue::Expression("(datetime('now'))".into())),
        "(datetime('now'))"
    );
    assert_eq!(
        default_sql(&DefaultValue::Function("random".into())),
        "(random())"
    );
    assert_eq!(
        canonical_default(DefaultValue::parse_sql("(random())")),
        Some(DefaultValue::Function("random".into()))
    );
}
