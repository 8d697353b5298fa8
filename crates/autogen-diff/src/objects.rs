//! Views and triggers: created, dropped and recreated around the table changes.
//!
//! A view or trigger whose statement changes is dropped and created again (no database
//! alters one in place in a way all three share). One that does not change is still
//! dropped and recreated when a table it depends on is dropped, rebuilt (SQLite) or loses
//! a column: the drop goes first in the plan, before any table change (SQLite re-checks
//! every view on a `RENAME`, PostgreSQL refuses to drop a table a view reads), and the
//! creation last, views in dependency order and triggers after them (an `INSTEAD OF`
//! trigger fires on a view).
//!
//! Routines (PostgreSQL functions and procedures) come before the table changes, since a
//! default, check or index may call one, and a routine that goes for good is dropped
//! after them, once nothing uses it: so the inverse plan, in reverse, keeps both true.
//! A change `CREATE OR REPLACE` can make is made in place; any other drops and recreates
//! the routine, and with it the triggers that execute it (PostgreSQL refuses to drop a
//! routine a trigger uses).

use std::collections::{BTreeMap, BTreeSet};

use autogen_schema::{Column, Function, Schema, Trigger, View, trigger_order, view_order};

use crate::op::Op;

/// Wraps `ops` (the table changes from `from` to `to`) in the drops and creations of the
/// views and triggers that change or depend on a table `ops` replaces.
pub(crate) fn wrap(ops: Vec<Op>, from: &Schema, to: &Schema) -> Vec<Op> {
    if from.views.is_empty()
        && from.triggers.is_empty()
        && to.views.is_empty()
        && to.triggers.is_empty()
        && from.functions.is_empty()
        && to.functions.is_empty()
    {
        return ops;
    }
    let routines = routines(from, to, &ops);
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
    // Triggers are keyed by table and name on PostgreSQL, by name elsewhere: the key is
    // whatever the schema's map uses.
    let key_of = |t: &Trigger| {
        from.triggers
            .iter()
            .find(|(_, x)| std::ptr::eq(*x, t))
            .map(|(k, _)| k.clone())
    };
    for (table, why) in &affected {
        let (views, triggers) = from.dependents_of(table);
        let because = || Some(format!("table {table} is {why}"));
        for v in views {
            drop_views.entry(v.name.clone()).or_insert_with(because);
        }
        for key in triggers.into_iter().filter_map(key_of) {
            drop_triggers.entry(key).or_insert_with(because);
        }
    }
    for (key, t) in &from.triggers {
        if let Some(f) = t
            .function
            .as_ref()
            .filter(|f| routines.recreated.contains(*f))
        {
            drop_triggers
                .entry(key.clone())
                .or_insert_with(|| Some(format!("function {f} is recreated")));
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
    out.extend(place_routines(ops, routines));
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
        .iter()
        .filter(|(k, _)| drop_triggers.contains_key(*k) || !from.triggers.contains_key(*k));
    let keys: BTreeMap<*const Trigger, &String> = created_triggers
        .clone()
        .map(|(k, t)| (t as *const Trigger, k))
        .collect();
    for trigger in trigger_order(created_triggers.map(|(_, t)| t)) {
        let key = keys[&(trigger as *const Trigger)];
        out.push(Op::CreateTrigger {
            trigger: Trigger::clone(trigger),
            because: drop_triggers
                .get(key)
                .cloned()
                .flatten()
                .filter(|_| from.triggers.get(key).is_some_and(|o| o.same_as(trigger))),
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

/// The routine operations of a plan, split around its table changes.
struct Routines {
    /// Before the table changes: drops of routines recreated under the same key or that
    /// mention a table the plan drops.
    first: Vec<Op>,
    /// After the enum types are created and before the tables change: creations and
    /// in-place replacements.
    early: Vec<Op>,
    /// After the table changes, before enum types are dropped: creations of routines that
    /// mention a table the plan creates, then drops of routines that go for good.
    late: Vec<Op>,
    /// The keys of the routines dropped (and maybe recreated): what their triggers need.
    recreated: BTreeSet<String>,
}

/// Whether the routine's text names one of `tables` (a word of it, case aside): then it
/// cannot exist without the table (`SETOF users`, a `LANGUAGE sql` body PostgreSQL checks
/// on creation). A word that only looks like the table's name orders it the same way,
/// which is harmless unless a default on an existing table calls it.
fn mentions(f: &Function, tables: &BTreeSet<String>) -> bool {
    if tables.is_empty() {
        return false;
    }
    [
        &f.arguments,
        f.result.as_deref().unwrap_or(""),
        &f.definition,
    ]
    .iter()
    .flat_map(|text| text.split(|c: char| !(c.is_alphanumeric() || c == '_')))
    .any(|word| tables.contains(&word.to_lowercase()))
}

fn routines(from: &Schema, to: &Schema, ops: &[Op]) -> Routines {
    let mut created_tables = BTreeSet::new();
    let mut dropped_tables = BTreeSet::new();
    for op in ops {
        match op {
            Op::CreateTable { table } => created_tables.insert(table.name.to_lowercase()),
            Op::DropTable { table } => dropped_tables.insert(table.name.to_lowercase()),
            _ => false,
        };
    }
    let mut r = Routines {
        first: Vec::new(),
        early: Vec::new(),
        late: Vec::new(),
        recreated: BTreeSet::new(),
    };
    let mut late_dropped = Vec::new();
    let create = |f: &Function, r: &mut Routines| {
        let op = Op::CreateFunction {
            function: f.clone(),
        };
        if mentions(f, &created_tables) {
            r.late.push(op);
        } else {
            r.early.push(op);
        }
    };
    for (key, old) in &from.functions {
        match to.functions.get(key) {
            None => {
                let op = Op::DropFunction {
                    function: old.clone(),
                };
                if mentions(old, &dropped_tables) {
                    r.first.push(op);
                } else {
                    late_dropped.push(op);
                }
                r.recreated.insert(key.clone());
            }
            Some(new) if old.same_code(new) && old.comment == new.comment => {}
            Some(new) if old.replaceable_by(new) => {
                let op = Op::ReplaceFunction {
                    from: old.clone(),
                    to: new.clone(),
                };
                if mentions(new, &created_tables) {
                    r.late.push(op);
                } else {
                    r.early.push(op);
                }
            }
            Some(new) => {
                r.first.push(Op::DropFunction {
                    function: old.clone(),
                });
                create(new, &mut r);
                r.recreated.insert(key.clone());
            }
        }
    }
    for (key, new) in &to.functions {
        if !from.functions.contains_key(key) {
            create(new, &mut r);
        }
    }
    r.late.extend(late_dropped);
    r
}

/// `ops` with the routine operations placed: `first` before them, `early` after the
/// enum creations and changes (a routine's arguments may use a new enum type), `late`
/// before the enum drops at the end.
fn place_routines(ops: Vec<Op>, routines: Routines) -> Vec<Op> {
    let enum_op = |op: &Op| matches!(op, Op::CreateEnum { .. } | Op::AlterEnum { .. });
    let early_at = ops.iter().rposition(enum_op).map_or(0, |i| i + 1);
    let late_at = ops.len()
        - ops[early_at..]
            .iter()
            .rev()
            .take_while(|op| matches!(op, Op::DropEnum { .. }))
            .count();
    let mut out = routines.first;
    out.reserve(ops.len() + routines.early.len() + routines.late.len());
    let mut ops = ops.into_iter();
    out.extend(ops.by_ref().take(early_at));
    out.extend(routines.early);
    out.extend(ops.by_ref().take(late_at - early_at));
    out.extend(routines.late);
    out.extend(ops);
    out
}
