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
