//! MariaDB's column checks ([`autogen_schema::Column::check`]) against table checks: a
//! check written on a column is named after it, and a table check of that name and
//! expression says the same to every row. Where one side has the one and the other side
//! the other, the two are the same constraint (the models, for one, can only declare
//! table checks), so the table check is read as the column's before the comparison and
//! nothing changes. A check that differs in name or expression is a change, made at the
//! level the target has it.

use autogen_schema::{Schema, Table};

/// Reads each table check of one side as the column check the other side has.
pub(crate) fn same_checks(from: &mut Schema, to: &mut Schema) {
    for (name, new) in to.tables.iter_mut() {
        let Some(old) = from.tables.get_mut(name) else {
            continue;
        };
        adopt(old, new);
        adopt(new, old);
    }
}

/// Moves into `table`'s columns the table checks that `other` has as column checks.
fn adopt(table: &mut Table, other: &Table) {
    for column in &mut table.columns {
        if column.check.is_some() {
            continue;
        }
        let Some(expression) = other.column(&column.name).and_then(|c| c.check.as_ref()) else {
            continue;
        };
        let Some(at) = table
            .checks
            .iter()
            .position(|c| c.name == column.name && c.expression == *expression)
        else {
            continue;
        };
        column.check = Some(table.checks.remove(at).expression);
    }
}

#[cfg(test)]
mod tests {
    use autogen_schema::{Check, Column, ColumnType, Table};

    use super::*;

    fn table(column_check: Option<&str>, table_check: Option<(&str, &str)>) -> Table {
        let mut t = Table::new("t");
        let mut c = Column::new("s", ColumnType::varchar(9));
        c.check = column_check.map(String::from);
        t.columns.push(c);
        t.checks.extend(table_check.map(|(name, expression)| Check {
            name: name.into(),
            expression: expression.into(),
        }));
        t
    }

    fn schema(t: Table) -> Schema {
        let mut s = Schema::default();
        s.tables.insert(t.name.clone(), t);
        s
    }

    #[test]
    fn a_table_check_named_after_the_column_is_its_check() {
        let mut from = schema(table(Some("s > 0"), None));
        let mut to = schema(table(None, Some(("s", "s > 0"))));
        same_checks(&mut from, &mut to);
        assert_eq!(from, to);
        // Another name or another expression is another check.
        for other in [("s_chk", "s > 0"), ("s", "s > 1")] {
            let mut from = schema(table(Some("s > 0"), None));
            let mut to = schema(table(None, Some(other)));
            same_checks(&mut from, &mut to);
            assert_ne!(from, to, "{other:?}");
        }
    }
}
