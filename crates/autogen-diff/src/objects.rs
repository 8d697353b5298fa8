//! Views and triggers: created, dropped and recreated around the table changes.
//!
//! A view or trigger whose statement changes is dropped and created again (no database
//! alters one in place in a way all three share). One that does not change is still
//! dropped and recreated when a table it depends on is dropped, rebuilt (SQLite) or loses
//! a column: the drop goes first in the plan, before any table change (SQLite re-checks
//! every view on a `RENAME`, PostgreSQL refuses to drop a table a view reads), and the
//! creation last, views in dependency order and triggers after them (an `INSTEAD OF`
//! trigger fires on a view).

use std::collections::{BTreeMap, BTreeSet};

use autogen_schema::{Column, Schema, Trigger, View, trigger_order, view_order};

use crate::op::Op;

/// Wraps `ops` (the table changes from `from` to `to`) in the drops and creations of the
/// views and triggers that change or depend on a table `ops` replaces.
pub(crate) fn wrap(ops: Vec<Op>, from: &Schema, to: &Schema) -> Vec<Op> {
    if from.views.is_empty()
        && from.triggers.is_empty()
        && to.views.is_empty()
        && to.triggers.is_empty()
    {
        return ops;
    }
    // The tables whose change takes their dependents down, with the reason.
    let mut affected: BTreeMap<String, &'static str> = BTreeMap::new();
    for op in &ops {
        let (table, why) = match op {
            Op::RebuildTable { from, .. } => (from.name.as_str(), "rebuilt"),
            Op::DropTable { table } => (table.name.as_str(), "dropped"),
            Op::DropColumn { table, .. } => (table.as_str(), "loses a column"),
            Op::AlterColumn { table, from, to } if !keeps_views(from, to) => {
                (table.as_str(), "has a column altered")
            }
            Op::RenameTable { from, .. } => (from.as_str(), "renamed"),
            Op::RenameColumn { table, .. } => (table.as_str(), "has a column renamed"),
            _ => continue,
        };
        affected.entry(table.to_string()).or_insert(why);
    }
    let mut drop_views: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut drop_triggers: BTreeMap<String, Option<String>> = BTreeMap::new();
    // Changed views that `CREATE OR REPLACE` can change in place, unless something they
    // read is dropped or changed (then they go down with it, below).
    let mut replaced: BTreeSet<String> = BTreeSet::new();
    for (name, old) in &from.views {
        match to.views.get(name) {
            Some(new) if new.same_as(old) => {}
            Some(new) if old.replaceable_by(new) => {
                replaced.insert(name.clone());
            }
            _ => {
                drop_views.insert(name.clone(), None);
            }
        }
    }
    for (name, old) in &from.triggers {
        if !to.triggers.get(name).is_some_and(|new| new.same_as(old)) {
            drop_triggers.insert(name.clone(), None);
        }
    }
    for (table, why) in &affected {
        let (views, triggers) = from.dependents_of(table);
        let because = || Some(format!("table {table} is {why}"));
        for v in views {
            drop_views.entry(v.name.clone()).or_insert_with(because);
        }
        for t in triggers {
            drop_triggers.entry(t.name.clone()).or_insert_with(because);
        }
    }
    // What reads a view that is dropped goes down before it, and comes back after it is
    // created again (a replaced view among them is then dropped and created).
    loop {
        let mut more: Vec<(String, String)> = Vec::new();
        let mut more_triggers: Vec<(String, String)> = Vec::new();
        for name in drop_views.keys() {
            let (views, triggers) = from.dependents_of(name);
            for v in views {
                if !drop_views.contains_key(&v.name) {
                    more.push((v.name.clone(), name.clone()));
                }
            }
            for t in triggers {
                if !drop_triggers.contains_key(&t.name) {
                    more_triggers.push((t.name.clone(), name.clone()));
                }
            }
        }
        for (trigger, view) in more_triggers {
            drop_triggers
                .entry(trigger)
                .or_insert_with(|| Some(format!("view {view} is recreated")));
        }
        if more.is_empty() {
            break;
        }
        for (name, view) in more {
            drop_views
                .entry(name)
                .or_insert_with(|| Some(format!("view {view} is recreated")));
        }
    }
    // A view that goes down anyway is created again, not replaced: the inverse of a
    // replacement would recreate it before the views it reads exist again.
    replaced.retain(|name| !drop_views.contains_key(name));

    let mut out = Vec::with_capacity(ops.len() + 2 * (drop_views.len() + drop_triggers.len()));
    for (name, because) in &drop_triggers {
        out.push(Op::DropTrigger {
            trigger: from.triggers[name].clone(),
            because: because.clone(),
        });
    }
    let dropped: Vec<&View> = view_order(drop_views.keys().map(|n| &from.views[n]));
    for view in dropped.into_iter().rev() {
        out.push(Op::DropView {
            view: view.clone(),
            because: drop_views[&view.name].clone(),
        });
    }
    out.extend(ops);
    // Created: what is new or changed, and what was dropped only to come back; replaced
    // views in the same order, since they may start reading a view created here.
    let created_views = to.views.values().filter(|v| {
        drop_views.contains_key(&v.name)
            || !from.views.contains_key(&v.name)
            || replaced.contains(&v.name)
    });
    for view in view_order(created_views) {
        if replaced.contains(&view.name) {
            out.push(Op::ReplaceView {
                from: from.views[&view.name].clone(),
                to: view.clone(),
            });
            continue;
        }
        out.push(Op::CreateView {
            view: view.clone(),
            because: drop_views
                .get(&view.name)
                .cloned()
                .flatten()
                .filter(|_| from.views.get(&view.name).is_some_and(|o| o.same_as(view))),
        });
    }
    let created_triggers = to
        .triggers
        .values()
        .filter(|t| drop_triggers.contains_key(&t.name) || !from.triggers.contains_key(&t.name));
    for trigger in trigger_order(created_triggers) {
        out.push(Op::CreateTrigger {
            trigger: Trigger::clone(trigger),
            because: drop_triggers
                .get(&trigger.name)
                .cloned()
                .flatten()
                .filter(|_| {
                    from.triggers
                        .get(&trigger.name)
                        .is_some_and(|o| o.same_as(trigger))
                }),
        });
    }
    out
}

/// Whether a column change leaves the views that read the column alone: PostgreSQL
/// refuses to change the type (or collation) of a column a view reads, and accepts
/// changes of nullability, default and comment under it.
fn keeps_views(from: &Column, to: &Column) -> bool {
    let mut same = from.clone();
    same.nullable = to.nullable;
    same.default.clone_from(&to.default);
    same.comment.clone_from(&to.comment);
    same == *to
}
