//! Canonical DDL: one stable text per schema for unified diffs in reviews and CI.

use crate::dialect::Dialect;
use crate::ir::Schema;

/// The schema as `dialect` DDL, enums first, then each table by name with its indexes and
/// comments — every foreign key inline, so that a change shows up next to its table and the
/// text does not move when dependencies change.
///
/// Columns are written without their spelling (the declared type a database was read
/// with): the differ does not compare spellings, so neither does the text of a diff.
pub fn canonical_ddl(schema: &Schema, dialect: Dialect) -> String {
    let mut lowered = dialect.lower(schema);
    for table in lowered.tables.values_mut() {
        for column in &mut table.columns {
            column.spelling = None;
        }
    }
    let mut out = String::new();
    // Routines with the enums: tables may use both.
    let enums_only = Schema {
        enums: lowered.enums.clone(),
        functions: lowered.functions.clone(),
        ..Schema::default()
    };
    for statement in dialect.create_statements(&enums_only) {
        out.push_str(&statement);
        out.push_str(";\n");
    }
    for table in lowered.tables.values() {
        let single = Schema {
            tables: [(table.name.clone(), table.clone())].into(),
            enums: lowered.enums.clone(),
            ..Schema::default()
        };
        if !out.is_empty() {
            out.push('\n');
        }
        for statement in dialect.create_statements(&single) {
            if statement.starts_with("CREATE TYPE") {
                continue;
            }
            out.push_str(&statement);
            out.push_str(";\n");
        }
    }
    let objects_only = Schema {
        views: lowered.views.clone(),
        triggers: lowered.triggers.clone(),
        ..Schema::default()
    };
    for statement in dialect.create_statements(&objects_only) {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&statement);
        out.push_str(";\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::*;

    #[test]
    fn tables_in_name_order_with_their_keys_inline() {
        let mut s = Schema::default();
        let mut b = Table::new("b");
        b.columns.push(Column::new("a_id", ColumnType::Integer));
        b.foreign_keys.push(ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: "b_a_fkey".into(),
            columns: vec!["a_id".into()],
            ref_table: "a".into(),
            ref_columns: vec!["id".into()],
            on_delete: FkAction::Cascade,
            on_update: FkAction::NoAction,
        });
        let mut a = Table::new("a");
        a.columns.push(Column::new("id", ColumnType::Integer));
        a.foreign_keys.push(ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
            name: "a_b_fkey".into(),
            columns: vec!["id".into()],
            ref_table: "b".into(),
            ref_columns: vec!["a_id".into()],
            on_delete: FkAction::NoAction,
            on_update: FkAction::NoAction,
        });
        s.tables.insert("b".into(), b);
        s.tables.insert("a".into(), a);
        let ddl = canonical_ddl(&s, Dialect::Postgres);
        let a_at = ddl.find("CREATE TABLE \"a\"").unwrap();
        let b_at = ddl.find("CREATE TABLE \"b\"").unwrap();
        assert!(a_at < b_at, "{ddl}");
        assert!(ddl.contains("CONSTRAINT \"b_a_fkey\" FOREIGN KEY (\"a_id\") REFERENCES \"a\" (\"id\") ON DELETE CASCADE"), "{ddl}");
        assert!(!ddl.contains("ALTER TABLE"), "{ddl}");
    }
}
