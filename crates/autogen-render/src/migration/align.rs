//! Aligning the three dialects' plans into steps.
//!
//! Each operation gets a key: its kind and the objects it names (`add_column t.c`,
//! `create_index t.ix`). The plans are merged in order: a step takes the operation with
//! one key from every plan whose next operation has that key, provided no plan has the
//! key further on (taking it then would reorder that plan). When the heads conflict, the
//! first plan's head is a step of its own. Every plan's operations keep their order, so
//! each backend runs exactly its own plan; steps where the plans agree are written once.

use autogen_diff::Op;
use autogen_schema::Dialect;

use super::DialectPlans;

/// One aligned step: the operation each backend runs, in [`Dialect::ALL`] order (`None`
/// where that backend has nothing to do here).
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// PostgreSQL, MySQL, SQLite.
    pub ops: [Option<&'a Op>; 3],
}

impl<'a> Step<'a> {
    /// The first backend's operation.
    pub fn first(&self) -> (Dialect, &'a Op) {
        Dialect::ALL
            .iter()
            .zip(self.ops)
            .find_map(|(d, op)| op.map(|op| (*d, op)))
            .expect("a step has at least one operation")
    }
}

/// The key that matches one operation across the plans.
pub fn key(op: &Op) -> String {
    use Op::*;
    let kind = serde_json::to_value(op)
        .ok()
        .and_then(|v| v["op"].as_str().map(str::to_string))
        .unwrap_or_default();
    let object = match op {
        CreateEnum { enum_type } | DropEnum { enum_type } => enum_type.name.clone(),
        AlterEnum { name, .. } => name.clone(),
        CreateTable { table } | DropTable { table } => table.name.clone(),
        RenameTable { from, to } => format!("{from}>{to}"),
        AddColumn { table, column, .. }
        | AddColumnOnline { table, column, .. }
        | DropColumn { table, column, .. } => {
            format!("{table}.{}", column.name)
        }
        AlterColumn { table, to, .. } => format!("{table}.{}", to.name),
        RenameColumn { table, from, to } => format!("{table}.{from}>{to}"),
        AddPrimaryKey { table, .. }
        | AddPrimaryKeyOnline { table, .. }
        | DropPrimaryKey { table, .. } => table.clone(),
        CreateIndex { table, index } | DropIndex { table, index } => {
            format!("{table}.{}", index.name)
        }
        AddUnique { table, unique } | DropUnique { table, unique } => {
            format!("{table}.{}", unique.name)
        }
        AddForeignKey { table, foreign_key } | DropForeignKey { table, foreign_key } => {
            format!("{table}.{}", foreign_key.name)
        }
        AddCheck { table, check } | DropCheck { table, check } => {
            format!("{table}.{}", check.name)
        }
        AddExclusion { table, exclusion } | DropExclusion { table, exclusion } => {
            format!("{table}.{}", exclusion.name)
        }
        SetTableComment { table, .. } => table.clone(),
        RebuildTable { from, to, .. } => format!("{}>{}", from.name, to.name),
        CreateIndexConcurrently { table, index } | DropIndexConcurrently { table, index } => {
            format!("{table}.{}", index.name)
        }
        AddForeignKeyOnline { table, foreign_key } => format!("{table}.{}", foreign_key.name),
        AddCheckOnline { table, check } => format!("{table}.{}", check.name),
        AddUniqueOnline { table, unique } => format!("{table}.{}", unique.name),
        SetNotNullOnline { table, to, .. } => format!("{table}.{}", to.name),
        RawSql { up, .. } => up.clone(),
        CreateView { view, .. } | DropView { view, .. } => view.name.clone(),
        ReplaceView { to, .. } => to.name.clone(),
        CreateTrigger { trigger, .. } | DropTrigger { trigger, .. } => {
            format!("{}.{}", trigger.table, trigger.name)
        }
        CreateFunction { function } | DropFunction { function } => function.key(),
        ReplaceFunction { to, .. } => to.key(),
        CreateExtension { extension } | DropExtension { extension } => extension.name.clone(),
        CreateSchema { name } | DropSchema { name } => name.clone(),
        AlterExtension { name, .. } => name.clone(),
        CreateDomain { domain } | DropDomain { domain } => domain.name.clone(),
        AlterDomain { to, .. } => to.name.clone(),
        SetRowSecurity { table, .. } => table.clone(),
        CreatePolicy { table, policy } | DropPolicy { table, policy } => {
            format!("{table}.{}", policy.name)
        }
        SetPartComment { table, name, .. } => format!("{table}.{name}"),
        SetTypeComment { name, .. } => name.clone(),
    };
    format!("{kind} {object}")
}

/// The steps of the three plans, in an order that keeps each plan's own order.
pub fn align(plans: &DialectPlans) -> Vec<Step<'_>> {
    let ops: [&[Op]; 3] = plans.each().map(|p| p.ops.as_slice());
    let keys: [Vec<String>; 3] = ops.map(|ops| ops.iter().map(key).collect());
    let mut at = [0usize; 3];
    let mut steps = Vec::new();
    loop {
        let heads: Vec<(usize, &String)> = (0..3)
            .filter_map(|d| keys[d].get(at[d]).map(|k| (d, k)))
            .collect();
        if heads.is_empty() {
            break;
        }
        // A key is ready when no plan has it further on than its head.
        let ready = heads.iter().find(|(_, k)| {
            (0..3).all(|d| {
                keys[d]
                    .get(at[d]..)
                    .unwrap_or_default()
                    .iter()
                    .skip(1)
                    .all(|later| later != *k)
            })
        });
        let (first, key) = ready.copied().unwrap_or(heads[0]);
        let mut step = Step { ops: [None; 3] };
        for d in 0..3 {
            let takes = if ready.is_some() {
                keys[d].get(at[d]) == Some(key)
            } else {
                d == first
            };
            if takes {
                step.ops[d] = Some(&ops[d][at[d]]);
                at[d] += 1;
            }
        }
        steps.push(step);
    }
    steps
}
