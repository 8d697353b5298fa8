//! Column order on MySQL and MariaDB: `SHOW CREATE TABLE` and `SELECT *` list columns in
//! their physical order, and `MODIFY COLUMN … AFTER` (or `FIRST`) moves one without
//! touching its values, so a table whose columns stay but change places gets its order
//! too. Each move restates the column as the target has it, and its inverse moves it back
//! after the column that preceded it.

use autogen_schema::Dialect;
use autogen_schema::dialect::mysql::column_sql;
use autogen_schema::{Schema, Table};

use crate::op::{ColumnPosition, Op};
use crate::plan::Plan;

/// Appends the moves that give each table that both schemas hold the column order of `to`.
pub(crate) fn column_order(plan: &mut Plan, from: &Schema, to: &Schema) {
    let mut moves = Vec::new();
    for (name, new) in &to.tables {
        let Some(old) = from.tables.get(name) else {
            continue;
        };
        let order = order_after(plan, name, old);
        moves.extend(moves_to(name, order, new));
    }
    plan.ops.extend(moves);
}

/// The column names of `old` in the order the plan's operations leave them.
fn order_after(plan: &Plan, table: &str, old: &Table) -> Vec<String> {
    let mut order: Vec<String> = old.columns.iter().map(|c| c.name.clone()).collect();
    for op in &plan.ops {
        match op {
            Op::RenameColumn { table: t, from, to } if t == table => {
                for c in order.iter_mut().filter(|c| *c == from) {
                    *c = to.clone();
                }
            }
            Op::DropColumn {
                table: t, column, ..
            } if t == table => order.retain(|c| *c != column.name),
            Op::AddColumn {
                table: t,
                column,
                position,
            } if t == table => {
                let at = match position {
                    ColumnPosition::Last => order.len(),
                    ColumnPosition::First => 0,
                    ColumnPosition::After(c) => order
                        .iter()
                        .position(|x| x == c)
                        .map_or(order.len(), |i| i + 1),
                };
                order.insert(at, column.name.clone());
            }
            _ => {}
        }
    }
    order
}

/// The moves from `order` to `new`'s order: each column, from the first, that is not in
/// its place is moved there. None when the two hold different columns.
fn moves_to(table: &str, mut order: Vec<String>, new: &Table) -> Vec<Op> {
    let target: Vec<&str> = new.columns.iter().map(|c| c.name.as_str()).collect();
    let mut sorted: Vec<&str> = order.iter().map(String::as_str).collect();
    let mut wanted_sorted = target.clone();
    sorted.sort_unstable();
    wanted_sorted.sort_unstable();
    if sorted != wanted_sorted {
        return Vec::new();
    }
    let q = |n: &str| Dialect::Mysql.quote_ident(n);
    let place = |after: Option<&str>| match after {
        None => " FIRST".to_string(),
        Some(c) => format!(" AFTER {}", q(c)),
    };
    let mut ops = Vec::new();
    for (i, column) in new.columns.iter().enumerate() {
        if order[i] == column.name {
            continue;
        }
        let Some(was) = order.iter().position(|c| *c == column.name) else {
            continue;
        };
        let before = (was > 0).then(|| order[was - 1].clone());
        let moved = order.remove(was);
        order.insert(i, moved);
        let statement = |after: Option<&str>| {
            format!(
                "ALTER TABLE {} MODIFY COLUMN {}{}",
                q(table),
                column_sql(column),
                place(after)
            )
        };
        ops.push(Op::RawSql {
            up: statement(i.checked_sub(1).map(|p| target[p])),
            down: statement(before.as_deref()),
        });
    }
    ops
}

#[cfg(test)]
mod tests {
    use autogen_schema::{Column, ColumnType};

    use super::*;

    fn table(columns: &[&str]) -> Table {
        let mut t = Table::new("t");
        for c in columns {
            t.columns.push(Column::new(*c, ColumnType::Integer));
        }
        t
    }

    /// Applies the moves (up, or the inverses in reverse order) to an order.
    fn apply(mut order: Vec<String>, statements: &[&str]) -> Vec<String> {
        for s in statements {
            let name = s.split('`').nth(3).unwrap().to_string();
            order.retain(|c| *c != name);
            let at = match s.rsplit_once(" AFTER `") {
                Some((_, after)) => {
                    let after = after.trim_end_matches('`');
                    order.iter().position(|c| c == after).unwrap() + 1
                }
                None => 0,
            };
            order.insert(at, name);
        }
        order
    }

    #[test]
    fn moves_reach_the_new_order_and_their_inverses_the_old() {
        let old: Vec<String> = ["id", "a", "b", "c"].map(String::from).to_vec();
        let new = table(&["c", "id", "b", "a"]);
        let ops = moves_to("t", old.clone(), &new);
        let (ups, downs): (Vec<&str>, Vec<&str>) = ops
            .iter()
            .map(|op| match op {
                Op::RawSql { up, down } => (up.as_str(), down.as_str()),
                other => panic!("{other:?}"),
            })
            .unzip();
        let moved = apply(old.clone(), &ups);
        assert_eq!(moved, ["c", "id", "b", "a"]);
        let back: Vec<&str> = downs.into_iter().rev().collect();
        assert_eq!(apply(moved, &back), old);
        // Different columns: nothing to move.
        assert!(moves_to("t", old, &table(&["id", "x"])).is_empty());
    }
}
