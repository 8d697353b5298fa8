//! Generated columns on MySQL and MariaDB: neither server turns a column into a generated
//! one, a generated one into a plain one, or a `VIRTUAL` one into a `STORED` one (or back)
//! with `MODIFY`. Such a change drops the column and adds it again where it stood, as
//! sqldef does; the drop loses the values of a plain column, and says so in its hazard.

use autogen_schema::{Column, Schema};

use crate::op::{ColumnPosition, Op};
use crate::plan::Plan;

/// Rewrites each column change that `MODIFY` cannot make into a drop and an add.
pub(crate) fn generated_columns(plan: &mut Plan, from: &Schema, to: &Schema) {
    let mut ops = Vec::with_capacity(plan.ops.len());
    for op in std::mem::take(&mut plan.ops) {
        match op {
            Op::AlterColumn {
                table,
                from: old,
                to: new,
            } if needs_readding(&old, &new) => {
                let position = |schema: &Schema, name: &str| {
                    schema
                        .tables
                        .get(&table)
                        .and_then(|t| {
                            let at = t.columns.iter().position(|c| c.name == name)?;
                            Some(ColumnPosition::of(&t.columns, at))
                        })
                        .unwrap_or_default()
                };
                ops.push(Op::DropColumn {
                    table: table.clone(),
                    position: position(from, &old.name),
                    column: old,
                });
                ops.push(Op::AddColumn {
                    table: table.clone(),
                    position: position(to, &new.name),
                    column: new,
                });
            }
            op => ops.push(op),
        }
    }
    plan.ops = ops;
}

/// Whether the change from `old` to `new` needs the column dropped and added again:
/// whether it is generated, or stored, changes.
fn needs_readding(old: &Column, new: &Column) -> bool {
    match (&old.generated, &new.generated) {
        (None, None) => false,
        (Some(a), Some(b)) => a.stored != b.stored,
        _ => true,
    }
}
