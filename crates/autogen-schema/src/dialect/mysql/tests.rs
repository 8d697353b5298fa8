//! Unit tests of the dialect module.
use super::*;

#[test]
fn on_update_is_read_from_every_spelling() {
    let ts = |precision| Ok(Some(DefaultValue::CurrentTimestamp { precision }));
    assert_eq!(parse_on_update(""), Ok(None));
    assert_eq!(parse_on_update("auto_increment"), Ok(None));
    assert_eq!(parse_on_update("on update current_timestamp()"), ts(None));
    assert_eq!(
        parse_on_update("on update current_timestamp(6)"),
        ts(Some(6))
    );
    assert_eq!(
        parse_on_update("DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)"),
        ts(Some(3))
    );
    assert_eq!(parse_on_update("ON UPDATE NOW()"), ts(None));
    assert_eq!(parse_on_update("ON UPDATE CURRENT_TIMESTAMP"), ts(None));
    assert_eq!(parse_on_update("ON UPDATE 'x'"), Err("'x'".to_string()));
    // Written back as MySQL reads it.
    let mut c = Column::new(
        "updated_at",
        ColumnType::Timestamp {
            precision: Some(6),
            tz: false,
        },
    );
    c.on_update = Some(DefaultValue::CurrentTimestamp { precision: Some(6) });
    assert!(column_sql(&c).ends_with("NULL ON UPDATE CURRENT_TIMESTAMP(6)"));
}

#[test]
fn check_identifiers_lose_their_backticks_unless_reserved() {
    let t = Table::new("t");
    assert_eq!(D.expression_sql("`c0` >= 0", &t), "c0 >= 0");
    assert_eq!(D.expression_sql("`group` >= 0", &t), "`group` >= 0");
    assert_eq!(D.expression_sql("`a b` > '`x`'", &t), "`a b` > '`x`'");
}
use crate::ir::{EnumType, IndexPart, PrimaryKey};

#[test]
fn types_round_trip_through_their_spelling() {
    use ColumnType as T;
    let types = [
        T::TinyInt,
        T::SmallInt,
        T::Integer,
        T::BigInt,
        T::Decimal {
            precision: Some(10),
            scale: Some(2),
        },
        T::Real,
        T::Double,
        T::varchar(255),
        T::Char { length: Some(36) },
        T::Text,
        T::Boolean,
        T::Date,
        T::Time {
            precision: None,
            tz: false,
        },
        T::Time {
            precision: Some(3),
            tz: false,
        },
        T::Timestamp {
            precision: Some(3),
            tz: false,
        },
        T::Timestamp {
            precision: None,
            tz: true,
        },
        T::Json,
        T::Blob,
        T::Binary { length: Some(16) },
        T::VarBinary { length: 255 },
        T::InlineEnum {
            values: vec!["a".into(), "it's".into(), "back\\slash".into(), "B".into()],
        },
        T::custom("longtext"),
        T::custom("longblob"),
        T::custom("int unsigned"),
        T::custom("bigint unsigned"),
        T::custom("mediumint"),
        T::custom("float(10,2)"),
        T::custom("set('a','B')"),
    ];
    for ty in types {
        assert_eq!(parse_type(&type_sql(&ty)), ty, "{}", type_sql(&ty));
    }
}

#[test]
fn catalog_spellings() {
    use ColumnType as T;
    assert_eq!(parse_type("int(11)"), T::Integer);
    assert_eq!(parse_type("tinyint(1)"), T::Boolean);
    assert_eq!(parse_type("tinyint(4)"), T::TinyInt);
    assert_eq!(parse_type("int(10) unsigned"), T::custom("int unsigned"));
    // A display width of its own is a spelling: MariaDB prints it back as written.
    assert_eq!(parse_type("int(4)"), T::Integer);
    assert_eq!(display_width_spelling("int(4)").as_deref(), Some("int(4)"));
    assert_eq!(
        display_width_spelling("INT(5) UNSIGNED").as_deref(),
        Some("int(5) unsigned")
    );
    assert_eq!(display_width_spelling("int(11)"), None);
    assert_eq!(display_width_spelling("int(10) unsigned"), None);
    assert_eq!(display_width_spelling("tinyint(1)"), None);
    assert_eq!(display_width_spelling("varchar(4)"), None);
    assert_eq!(
        parse_type("bigint(20) UNSIGNED"),
        T::custom("bigint unsigned")
    );
    assert_eq!(
        parse_type("mediumint(8) unsigned zerofill"),
        T::custom("mediumint(8) unsigned zerofill")
    );
    assert_eq!(
        parse_type("enum('x','y''z','p\\\\q')"),
        T::InlineEnum {
            values: vec!["x".into(), "y'z".into(), "p\\q".into()]
        }
    );
    assert_eq!(parse_type("year(4)"), T::custom("year"));
    assert_eq!(parse_type("uuid"), T::custom("uuid"));
    assert_eq!(parse_type("double precision"), T::Double);
    assert_eq!(parse_type("binary(1)"), T::Binary { length: Some(1) });
}

#[test]
fn string_literals_escape_and_parse() {
    for s in ["it's", "a\\b", "line\nbreak", "", "100%_\\%"] {
        assert_eq!(parse_string_literal(&quote_string(s)).as_deref(), Some(s));
    }
    assert_eq!(
        parse_string_literal("'it''s \\\\ ok'").as_deref(),
        Some("it's \\ ok")
    );
    assert_eq!(parse_string_literal("'a' 'b'"), None);
}

fn logical_schema() -> Schema {
    let mut s = Schema::default();
    s.enums.insert(
        "mood".into(),
        EnumType {
            name: "mood".into(),
            values: vec!["happy".into(), "sad".into()],
        },
    );
    let mut t = Table::new("t");
    let mut id = Column::new("id", ColumnType::Uuid);
    id.default = Some(DefaultValue::Function("gen_random_uuid".into()));
    let mut n = Column::new("n", ColumnType::Integer);
    n.identity = Some(Identity::Serial);
    n.nullable = false;
    let mut at = Column::new(
        "at",
        ColumnType::Timestamp {
            precision: Some(0),
            tz: false,
        },
    );
    at.default = Some(DefaultValue::CurrentTimestamp { precision: Some(0) });
    t.columns = vec![
        id,
        n,
        Column::new("doc", ColumnType::Jsonb),
        Column::new(
            "mood",
            ColumnType::Enum {
                name: "mood".into(),
            },
        ),
        at,
    ];
    t.primary_key = Some(PrimaryKey {
        name: Some("t_pkey".into()),
        columns: vec!["id".into()],
    });
    t.indexes = vec![
        Index {
            name: "t_doc_gin".into(),
            unique: false,
            parts: vec![IndexPart::column("doc")],
            method: IndexMethod::Gin,
            predicate: None,
        },
        Index {
            name: "t_n_key".into(),
            unique: true,
            parts: vec![IndexPart::column("n")],
            method: IndexMethod::Btree,
            predicate: None,
        },
        Index {
            name: "t_fk".into(),
            unique: false,
            parts: vec![IndexPart::column("n")],
            method: IndexMethod::Btree,
            predicate: None,
        },
    ];
    t.foreign_keys.push(ForeignKey {
        name: "t_fk".into(),
        columns: vec!["n".into()],
        ref_table: "t".into(),
        ref_columns: vec!["n".into()],
        on_delete: FkAction::Restrict,
        on_update: FkAction::Cascade,
    });
    s.tables.insert("t".into(), t);
    s
}

#[test]
fn lowering_maps_what_mysql_cannot_hold() {
    let lowered = Dialect::Mysql.lower(&logical_schema());
    assert!(lowered.enums.is_empty());
    let t = &lowered.tables["t"];
    let id = t.column("id").unwrap();
    assert_eq!(id.ty, ColumnType::Char { length: Some(36) });
    assert_eq!(id.default, None);
    assert!(!id.nullable, "primary key columns are NOT NULL");
    assert_eq!(
        t.column("n").unwrap().identity,
        Some(Identity::AutoIncrement)
    );
    assert_eq!(t.column("doc").unwrap().ty, ColumnType::Json);
    assert_eq!(
        t.column("mood").unwrap().ty,
        ColumnType::InlineEnum {
            values: vec!["happy".into(), "sad".into()]
        }
    );
    let at = t.column("at").unwrap();
    assert_eq!(
        at.ty,
        ColumnType::Timestamp {
            precision: None,
            tz: false
        }
    );
    assert_eq!(
        at.default,
        Some(DefaultValue::CurrentTimestamp { precision: None })
    );
    assert_eq!(t.primary_key.as_ref().unwrap().name, None);
    assert!(t.indexes.is_empty(), "{:?}", t.indexes);
    assert_eq!(t.uniques.len(), 1);
    assert_eq!(t.uniques[0].name, "t_n_key");
    assert_eq!(t.foreign_keys[0].on_delete, FkAction::NoAction);
    assert_eq!(t.foreign_keys[0].on_update, FkAction::Cascade);
    assert_eq!(
        Dialect::Mysql.lower(&lowered),
        lowered,
        "lowering is idempotent"
    );
}

#[test]
fn create_statements_spell_mysql() {
    let statements = Dialect::Mysql.create_statements(&logical_schema());
    assert_eq!(statements.len(), 1);
    let sql = &statements[0];
    assert!(
        sql.starts_with("CREATE TABLE `t` (\n  `id` char(36) NOT NULL,"),
        "{sql}"
    );
    assert!(sql.contains("`n` int NOT NULL AUTO_INCREMENT"), "{sql}");
    assert!(sql.contains("`mood` enum('happy','sad') NULL"), "{sql}");
    assert!(
        sql.contains("`at` datetime NULL DEFAULT CURRENT_TIMESTAMP"),
        "{sql}"
    );
    assert!(sql.contains("CONSTRAINT `t_n_key` UNIQUE (`n`)"), "{sql}");
    assert!(
        sql.contains("CONSTRAINT `t_fk` FOREIGN KEY (`n`) REFERENCES `t` (`n`) ON UPDATE CASCADE"),
        "{sql}"
    );
}

#[test]
fn defaults_are_spelled_for_mysql() {
    assert_eq!(
        default_sql(&DefaultValue::String("it's \\".into())),
        "'it''s \\\\'"
    );
    assert_eq!(
        default_sql(&DefaultValue::Function("uuid".into())),
        "(uuid())"
    );
    assert_eq!(
        default_sql(&DefaultValue::Expression("(1 + 2)".into())),
        "(1 + 2)"
    );
    assert_eq!(default_sql(&DefaultValue::Bool(true)), "1");
    assert!(is_prefix_part("`name`(10)"));
    assert!(!is_prefix_part("lower(`name`)"));
}

#[test]
fn decimal_defaults_take_the_column_scale() {
    assert_eq!(at_scale("0", 2), "0.00");
    assert_eq!(at_scale("1.5", 2), "1.50");
    assert_eq!(at_scale("-3", 0), "-3");
    assert_eq!(at_scale("1.0", 0), "1.0");
    assert_eq!(at_scale("1.234", 2), "1.234");
}

#[test]
fn unnamed_uniques_are_named_after_their_first_column() {
    let mut t = Table::new("t");
    for c in ["email", "code"] {
        t.columns.push(Column::new(c, ColumnType::varchar(10)));
    }
    t.uniques.push(UniqueConstraint {
        name: "t_email_key".into(),
        columns: vec!["email".into()],
    });
    t.uniques.push(UniqueConstraint {
        name: "t_code_key".into(),
        columns: vec!["code".into()],
    });
    // `code` is taken by an index: MySQL appends `_2`.
    t.indexes.push(Index {
        name: "code".into(),
        unique: false,
        parts: vec![IndexPart::column("code")],
        method: Default::default(),
        predicate: None,
    });
    t.unnamed_uniques = vec!["t_email_key".into(), "t_code_key".into()];
    let mut s = Schema::default();
    s.tables.insert("t".into(), t);
    let lowered = Dialect::Mysql.lower(&s);
    let names: Vec<&str> = lowered.tables["t"]
        .uniques
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(names, ["code_2", "email"]);
    assert!(lowered.tables["t"].unnamed_uniques.is_empty());
    // Named ones keep their names.
    s.tables.get_mut("t").unwrap().unnamed_uniques.clear();
    let lowered = Dialect::Mysql.lower(&s);
    assert!(lowered.tables["t"].unique("t_email_key").is_some());
}

#[test]
fn table_options_change_one_statement_each_and_back() {
    use crate::ir::TableOptions;
    let plain = TableOptions::default();
    let rich = TableOptions {
        collation: Some("latin1_bin".into()),
        row_format: Some("COMPRESSED".into()),
        key_block_size: Some(8),
        partition: Some("PARTITION BY HASH (`id`)\nPARTITIONS 2".into()),
        ..TableOptions::default()
    };
    assert_eq!(
        table_options_sql("t", &plain, &rich),
        [
            "ALTER TABLE `t` DEFAULT COLLATE=latin1_bin",
            "ALTER TABLE `t` ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8",
            "ALTER TABLE `t` PARTITION BY HASH (`id`)\nPARTITIONS 2",
        ]
    );
    assert_eq!(
        table_options_sql("t", &rich, &plain),
        [
            "ALTER TABLE `t` DEFAULT CHARACTER SET = DEFAULT",
            "ALTER TABLE `t` ROW_FORMAT=DEFAULT KEY_BLOCK_SIZE=0",
            "ALTER TABLE `t` REMOVE PARTITIONING",
        ]
    );
    // Letter case and white space are no change.
    let same = TableOptions {
        collation: Some("LATIN1_BIN".into()),
        row_format: Some("compressed".into()),
        partition: Some("PARTITION BY HASH (`id`) PARTITIONS 2".into()),
        ..rich.clone()
    };
    assert!(table_options_sql("t", &rich, &same).is_empty());
}
