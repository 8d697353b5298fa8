//! A renamed column that a check mentions: the check is rewritten, not dropped and
//! re-added, even when the new name is a reserved word that needs quotes.

use autogen_diff::{DiffOptions, Op, diff};
use autogen_schema::{Check, Column, ColumnType, Dialect, Schema, Table};

fn schema(column: &str, check: &str, renamed_from: Option<&str>) -> Schema {
    let mut t = Table::new("t");
    let mut c = Column::new(column, ColumnType::Integer);
    c.renamed_from = renamed_from.map(String::from);
    t.columns.push(c);
    t.checks.push(Check {
        not_valid: false,
        no_inherit: false,
        name: "t_check".into(),
        expression: check.into(),
    });
    let mut s = Schema::default();
    s.tables.insert("t".into(), t);
    s
}

#[test]
fn renaming_to_a_reserved_word_keeps_the_check() {
    let from = schema("pos", "pos >= 0", None);
    let to = schema("group", "\"group\" >= 0", Some("pos"));
    for d in Dialect::ALL {
        let plan = diff(
            &from,
            &to,
            &DiffOptions {
                dialect: Some(d),
                ..Default::default()
            },
        );
        assert!(
            !plan
                .ops
                .iter()
                .any(|op| matches!(op, Op::AddCheck { .. } | Op::DropCheck { .. })),
            "{d}: {:?}",
            plan.ops
        );
    }
}
