//! Comparing two schemas: matching tables, columns and constraints, and ordering the
//! resulting operations so that every step applies.

use std::collections::{BTreeSet, HashMap, HashSet};

use autogen_schema::order::creation_order_of;
use autogen_schema::sql_text::replace_identifier;
use autogen_schema::{Column, Dialect, IndexTarget, Schema, Table};

use crate::op::{ColumnPosition, EnumUsage, Op};
use crate::plan::{DiffOptions, Note, Plan};
use crate::printed_order::{in_check_order, in_printed_order};
use crate::{hazard, mysql, objects, pg_objects, postgres, sqlite};

/// Buckets in execution order; see `docs/differ.md` for why this order always applies.
#[derive(Default)]
struct Phases {
    renames: Vec<Op>,
    drop_foreign_keys: Vec<Op>,
    drop_constraints: Vec<Op>,
    drop_tables: Vec<Op>,
    add_enums: Vec<Op>,
    add_objects: Vec<Op>,
    create_tables: Vec<Op>,
    columns: Vec<Op>,
    add_constraints: Vec<Op>,
    add_foreign_keys: Vec<Op>,
    comments: Vec<Op>,
    drop_enums: Vec<Op>,
    drop_objects: Vec<Op>,
}

impl Phases {
    fn into_ops(self) -> Vec<Op> {
        [
            // Renames first: everything after names tables and columns by their new names.
            self.renames,
            self.drop_foreign_keys,
            self.drop_constraints,
            self.drop_tables,
            self.add_enums,
            // Extensions and domains: before the tables that use them, after the enums a
            // domain may be based on; dropped after every table and enum.
            self.add_objects,
            self.create_tables,
            self.columns,
            self.add_constraints,
            self.add_foreign_keys,
            // Comments on indexes, constraints and policies: once they all exist.
            self.comments,
            self.drop_enums,
            self.drop_objects,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// Compares `from` with `to` and returns the plan that turns the first into the second.
pub fn diff(from: &Schema, to: &Schema, options: &DiffOptions) -> Plan {
    diff_owned(from.clone(), to.clone(), options)
}

/// [`diff`] of schemas the caller no longer needs: they are lowered in place, so a large
/// schema is not copied before the comparison.
pub fn diff_owned(from: Schema, to: Schema, options: &DiffOptions) -> Plan {
    let (mut from, mut to) = match options.dialect {
        Some(d) => (d.lower_owned(from), d.lower_owned(to)),
        None => (from.normalized(), to.normalized()),
    };
    let mut phases = Phases::default();
    let mut notes = Vec::new();

    apply_table_renames(&mut from, &to, options, &mut phases);
    apply_column_renames(&mut from, &to, options, &mut phases);
    if let Some(d) = options.dialect {
        // Renamed columns were rewritten in expressions; a new name may need quotes the
        // old did not (or the reverse), so the expressions are spelled canonically again.
        from = d.lower_owned(std::mem::take(&mut from));
    }
    if options.dialect == Some(Dialect::Sqlite) {
        sqlite::adopt_unkept_names(&mut from, &to);
    }
    if options.dialect == Some(Dialect::Mysql) {
        mysql::same_checks(&mut from, &mut to);
    }
    diff_enums(&from, &to, &mut phases);
    let (add_objects, drop_objects) = pg_objects::diff_schema_objects(&from, &to);
    let type_comments = pg_objects::diff_type_comments(&from, &to);
    phases.drop_constraints.extend(type_comments.early);
    phases.add_objects.extend(type_comments.created);
    phases.add_objects.extend(add_objects);
    phases.comments.extend(type_comments.middle);
    phases.drop_objects.extend(type_comments.late);
    phases.drop_objects.extend(drop_objects);

    // Tables only one side has: moved out of their schema into the plan's operations,
    // never copied (a plan from an empty schema holds every table once, not twice).
    // A table partitioned differently (or newly, or no longer), or a partition of another
    // parent or bound, is not altered into the other: it is dropped and created, which the
    // drop's hazards say.
    let repartitioned = |t: &String| {
        to.tables.get(t).is_some_and(|new| {
            let old = &from.tables[t];
            new.partitioning != old.partitioning || new.partition_of != old.partition_of
        })
    };
    let dropped: HashSet<String> = from
        .tables
        .keys()
        .filter(|t| !to.tables.contains_key(*t) || repartitioned(t))
        .cloned()
        .collect();
    let created: HashSet<String> = to
        .tables
        .keys()
        .filter(|t| !from.tables.contains_key(*t) || dropped.contains(*t))
        .cloned()
        .collect();
    let is_dropped = |t: &str| dropped.contains(t);
    let is_created = |t: &str| created.contains(t);

    // SQLite checks foreign keys only when rows change, so its tables keep all their keys
    // inline (it could not add them later anyway).
    let defer_cycles = options.dialect != Some(Dialect::Sqlite);

    // Dropped tables: keys that close a cycle first, then tables in reverse creation order.
    // SQLite keeps them inline: it drops the tables with their keys.
    let order = OwnedOrder::of(&from, &dropped);
    for (table, fk) in order.deferred.iter().filter(|_| defer_cycles) {
        phases.drop_foreign_keys.push(Op::DropForeignKey {
            table: table.clone(),
            foreign_key: fk.clone(),
        });
    }
    for name in order.tables.iter().rev() {
        let Some(mut t) = from.tables.remove(name) else {
            continue;
        };
        // Keys to tables that stay are dropped first, so constraints they rely on can go.
        if defer_cycles {
            for fk in split_outside_keys(&mut t, is_dropped) {
                phases.drop_foreign_keys.push(Op::DropForeignKey {
                    table: t.name.clone(),
                    foreign_key: fk,
                });
            }
            t.foreign_keys
                .retain(|fk| !order.is_deferred(name, &fk.name));
        }
        // The table's indexes go with it (see `Plan::inverse`): MySQL refuses to drop an
        // index that one of the table's foreign keys still needs.
        phases
            .drop_tables
            .push(Op::DropTable { table: Box::new(t) });
    }

    // Created tables: creation order, cycle-closing keys after everything else.
    let order = OwnedOrder::of(&to, &created);
    for name in &order.tables {
        let Some(mut t) = to.tables.remove(name) else {
            continue;
        };
        if defer_cycles {
            // Keys to existing tables come last: they may need columns and unique
            // constraints that this plan adds to those tables.
            for fk in split_outside_keys(&mut t, is_created) {
                phases.add_foreign_keys.push(Op::AddForeignKey {
                    table: t.name.clone(),
                    foreign_key: fk,
                });
            }
            t.foreign_keys
                .retain(|fk| !order.is_deferred(name, &fk.name));
        }
        for index in std::mem::take(&mut t.indexes) {
            phases.add_constraints.push(Op::CreateIndex {
                table: t.name.clone(),
                index,
            });
        }
        phases
            .comments
            .extend(pg_objects::detach_part_comments(&mut t));
        phases
            .create_tables
            .push(Op::CreateTable { table: Box::new(t) });
    }
    if defer_cycles {
        for (table, fk) in order.deferred {
            phases.add_foreign_keys.push(Op::AddForeignKey {
                table,
                foreign_key: fk,
            });
        }
    }

    for (name, new) in &to.tables {
        if let Some(old) = from.tables.get(name) {
            diff_table(old, new, &mut phases, &mut notes);
        }
    }

    let mut plan = Plan {
        dialect: options.dialect,
        namespace: options
            .namespace
            .clone()
            .filter(|_| options.dialect == Some(Dialect::Postgres)),
        ops: phases.into_ops(),
        notes,
    };
    if options.dialect == Some(Dialect::Sqlite) {
        sqlite::rebuild_unalterable(&mut plan, &from, &to);
    }
    plan.ops = objects::wrap(std::mem::take(&mut plan.ops), &from, &to);
    if options.dialect == Some(Dialect::Mysql) {
        mysql::auto_increment_keys(&mut plan, &from, &to);
        mysql::generated_columns(&mut plan, &from, &to);
        mysql::column_order(&mut plan, &from, &to);
        mysql::table_options(&mut plan, &from, &to);
    }
    if options.online {
        match options.dialect {
            Some(Dialect::Postgres) => postgres::online(&mut plan, &from, &to),
            Some(Dialect::Mysql) => mysql::online(&mut plan, &from, &to),
            _ => {}
        }
    }
    plan.data_dependent_first();
    namespaces(&mut plan, &from, &to);
    plan
}

/// PostgreSQL schemas other than the default one: created before anything else (the
/// objects in them come after) and dropped after everything else (`DROP SCHEMA` without
/// `CASCADE` fails on a schema that still holds something).
fn namespaces(plan: &mut Plan, from: &Schema, to: &Schema) {
    let created = to
        .namespaces
        .difference(&from.namespaces)
        .map(|name| Op::CreateSchema { name: name.clone() });
    let dropped = from
        .namespaces
        .difference(&to.namespaces)
        .map(|name| Op::DropSchema { name: name.clone() });
    let mut ops: Vec<Op> = created.collect();
    ops.append(&mut plan.ops);
    ops.extend(dropped);
    plan.ops = ops;
}

/// A creation order by name, so that the ordered tables can then be moved out of their
/// schema: table names in creation order and the cycle-closing keys (copied: few).
struct OwnedOrder {
    tables: Vec<String>,
    deferred: Vec<(String, autogen_schema::ForeignKey)>,
    deferred_names: HashMap<String, HashSet<String>>,
}

impl OwnedOrder {
    /// The creation order of the tables of `schema` named in `group`.
    fn of(schema: &Schema, group: &HashSet<String>) -> OwnedOrder {
        let order = creation_order_of(schema.tables.values().filter(|t| group.contains(&t.name)));
        let deferred: Vec<(String, autogen_schema::ForeignKey)> = order
            .deferred
            .iter()
            .map(|(t, fk)| (t.name.clone(), (*fk).clone()))
            .collect();
        let mut deferred_names: HashMap<String, HashSet<String>> = HashMap::new();
        for (table, fk) in &deferred {
            deferred_names
                .entry(table.clone())
                .or_default()
                .insert(fk.name.clone());
        }
        OwnedOrder {
            tables: order.tables.iter().map(|t| t.name.clone()).collect(),
            deferred,
            deferred_names,
        }
    }

    fn is_deferred(&self, table: &str, fk: &str) -> bool {
        self.deferred_names
            .get(table)
            .is_some_and(|keys| keys.contains(fk))
    }
}

/// Removes and returns the foreign keys of `table` that reference tables outside the group
/// `in_group` recognizes.
fn split_outside_keys(
    table: &mut Table,
    in_group: impl Fn(&str) -> bool,
) -> Vec<autogen_schema::ForeignKey> {
    let (inside, outside) = std::mem::take(&mut table.foreign_keys)
        .into_iter()
        .partition(|fk| fk.ref_table == table.name || in_group(&fk.ref_table));
    table.foreign_keys = inside;
    outside
}

fn subset(schema: &Schema, keep: impl Fn(&str) -> bool) -> Schema {
    Schema {
        tables: schema
            .tables
            .iter()
            .filter(|(n, _)| keep(n))
            .map(|(n, t)| (n.clone(), t.clone()))
            .collect(),
        ..Schema::default()
    }
}

/// Table renames declared by options or by `renamed_from` in `to`; applied to `from` so
/// that the rest of the comparison sees the new names.
fn apply_table_renames(from: &mut Schema, to: &Schema, options: &DiffOptions, phases: &mut Phases) {
    let mut pairs: Vec<(String, String)> = options.renames.tables.clone();
    for t in to.tables.values() {
        if let Some(old) = &t.renamed_from {
            pairs.push((old.clone(), t.name.clone()));
        }
    }
    for (old, new) in pairs {
        if !from.tables.contains_key(&old)
            || from.tables.contains_key(&new)
            || to.tables.contains_key(&old)
            || !to.tables.contains_key(&new)
        {
            continue;
        }
        let mut table = from.tables.remove(&old).expect("checked");
        table.name = new.clone();
        for t in from.tables.values_mut().chain(std::iter::once(&mut table)) {
            for fk in &mut t.foreign_keys {
                if fk.ref_table == old {
                    fk.ref_table = new.clone();
                }
            }
        }
        from.tables.insert(new.clone(), table);
        phases.renames.push(Op::RenameTable { from: old, to: new });
    }
}

fn apply_column_renames(
    from: &mut Schema,
    to: &Schema,
    options: &DiffOptions,
    phases: &mut Phases,
) {
    let mut pairs: Vec<(String, String, String)> = options.renames.columns.clone();
    if options.dialect == Some(Dialect::Mysql) {
        pairs.extend(mysql::case_only_renames(from, to));
    }
    for t in to.tables.values() {
        for c in &t.columns {
            if let Some(old) = &c.renamed_from {
                pairs.push((t.name.clone(), old.clone(), c.name.clone()));
            }
        }
    }
    for (table_name, old, new) in pairs {
        let Some(new_table) = to.tables.get(&table_name) else {
            continue;
        };
        let Some(table) = from.tables.get_mut(&table_name) else {
            continue;
        };
        if table.column(&old).is_none()
            || table.column(&new).is_some()
            || new_table.column(&old).is_some()
            || new_table.column(&new).is_none()
        {
            continue;
        }
        rename_column_in_table(table, &old, &new);
        for t in from.tables.values_mut() {
            for fk in &mut t.foreign_keys {
                if fk.ref_table == table_name {
                    for c in &mut fk.ref_columns {
                        if *c == old {
                            *c = new.clone();
                        }
                    }
                }
            }
        }
        phases.renames.push(Op::RenameColumn {
            table: table_name,
            from: old,
            to: new,
        });
    }
}

fn rename_column_in_table(table: &mut Table, old: &str, new: &str) {
    let rename = |c: &mut String| {
        if c == old {
            *c = new.to_string();
        }
    };
    for c in &mut table.columns {
        rename(&mut c.name);
    }
    if let Some(pk) = &mut table.primary_key {
        pk.columns.iter_mut().for_each(rename);
    }
    for u in &mut table.uniques {
        u.columns.iter_mut().for_each(rename);
    }
    for fk in &mut table.foreign_keys {
        fk.columns.iter_mut().for_each(rename);
        if fk.ref_table == table.name {
            fk.ref_columns.iter_mut().for_each(rename);
        }
    }
    // The database rewrites expressions that mention the column; so must the old schema,
    // or undoing a dropped check would bring back the old name.
    let rewrite = |e: &mut String| *e = replace_identifier(e, old, new);
    for c in &mut table.checks {
        rewrite(&mut c.expression);
    }
    for i in &mut table.indexes {
        for p in &mut i.parts {
            match &mut p.target {
                IndexTarget::Column(c) => rename(c),
                IndexTarget::Expression(e) => rewrite(e),
            }
        }
        if let Some(predicate) = &mut i.predicate {
            rewrite(predicate);
        }
    }
}

fn diff_enums(from: &Schema, to: &Schema, phases: &mut Phases) {
    for (name, new) in &to.enums {
        match from.enums.get(name) {
            None => phases.add_enums.push(Op::CreateEnum {
                enum_type: new.clone(),
            }),
            Some(old) if old.values != new.values => {
                // The columns to recast are those that exist where the operation runs, in
                // both directions: early (old tables that stay) or last (the new tables).
                let append_only = hazard::is_append_only(&old.values, &new.values);
                let usages = if append_only {
                    enum_usages(&subset(from, |t| to.tables.contains_key(t)), name)
                } else {
                    enum_usages(to, name)
                };
                let op = Op::AlterEnum {
                    name: name.clone(),
                    from: old.values.clone(),
                    to: new.values.clone(),
                    usages,
                };
                if append_only {
                    phases.add_enums.push(op);
                } else {
                    phases.drop_enums.push(op);
                }
            }
            Some(_) => {}
        }
    }
    for (name, old) in &from.enums {
        if !to.enums.contains_key(name) {
            phases.drop_enums.push(Op::DropEnum {
                enum_type: old.clone(),
            });
        }
    }
}

fn enum_usages(schema: &Schema, name: &str) -> Vec<EnumUsage> {
    let uses = |ty: &autogen_schema::ColumnType| match ty {
        autogen_schema::ColumnType::Enum { name: n } => n == name,
        autogen_schema::ColumnType::Array { element } => {
            matches!(&**element, autogen_schema::ColumnType::Enum { name: n } if n == name)
        }
        _ => false,
    };
    schema
        .tables
        .values()
        .flat_map(|t| {
            t.columns.iter().filter(|c| uses(&c.ty)).map(|c| EnumUsage {
                table: t.name.clone(),
                column: c.clone(),
            })
        })
        .collect()
}

/// Columns by name, borrowed: comparing two equal schemas copies nothing.
fn columns_by_name(columns: &[Column]) -> HashMap<&str, &Column> {
    columns.iter().map(|c| (c.name.as_str(), c)).collect()
}

/// Whether two columns differ in anything but rename hints.
fn column_differs(a: &Column, b: &Column) -> bool {
    a.ty != b.ty
        || a.nullable != b.nullable
        || a.default != b.default
        || a.identity != b.identity
        || a.identity_options != b.identity_options
        || a.on_update != b.on_update
        || a.comment != b.comment
        || a.generated != b.generated
        || a.check != b.check
        || a.collation.as_deref().map(str::to_ascii_lowercase)
            != b.collation.as_deref().map(str::to_ascii_lowercase)
}

fn diff_table(old: &Table, new: &Table, phases: &mut Phases, notes: &mut Vec<Note>) {
    let name = &new.name;
    let extras = pg_objects::diff_table_extras(old, new);
    phases.drop_constraints.extend(extras.before);
    phases.drop_constraints.extend(extras.drops);
    phases.add_constraints.extend(extras.adds);
    phases.comments.extend(extras.comments);
    let old_cols = columns_by_name(&old.columns);
    let new_cols = columns_by_name(&new.columns);
    let mut added = Vec::new();
    let mut dropped = Vec::new();
    for (i, c) in new.columns.iter().enumerate() {
        match old_cols.get(c.name.as_str()) {
            None => added.push((Box::new(c.clone()), ColumnPosition::of(&new.columns, i))),
            Some(o) if column_differs(o, c) => phases.columns.push(Op::AlterColumn {
                table: name.clone(),
                from: Box::new((*o).clone()),
                to: Box::new(c.clone()),
            }),
            Some(_) => {}
        }
    }
    for (i, c) in old.columns.iter().enumerate() {
        if !new_cols.contains_key(c.name.as_str()) {
            dropped.push((Box::new(c.clone()), ColumnPosition::of(&old.columns, i)));
        }
    }
    for (d, _) in &dropped {
        if let Some((a, _)) = added.iter().find(|(a, _)| a.ty == d.ty) {
            notes.push(Note::ProbableRename {
                table: name.clone(),
                from: d.name.clone(),
                to: a.name.clone(),
            });
        }
    }
    // Added in the new table's order, each after one that exists by then.
    for (column, position) in added {
        phases.columns.push(Op::AddColumn {
            table: name.clone(),
            column,
            position,
        });
    }
    // Dropped last column first, so that the inverse adds them back in the old table's
    // order, each after one that is back by then.
    for (column, position) in dropped.into_iter().rev() {
        phases.columns.push(Op::DropColumn {
            table: name.clone(),
            column,
            position,
        });
    }
    if old.comment != new.comment {
        phases.columns.push(Op::SetTableComment {
            table: name.clone(),
            from: old.comment.clone(),
            to: new.comment.clone(),
        });
    }
    if old.primary_key != new.primary_key {
        if let Some(pk) = &old.primary_key {
            phases.drop_constraints.push(Op::DropPrimaryKey {
                table: name.clone(),
                primary_key: pk.clone(),
            });
        }
        if let Some(pk) = &new.primary_key {
            phases.add_constraints.push(Op::AddPrimaryKey {
                table: name.clone(),
                primary_key: pk.clone(),
            });
        }
    }
    diff_named(
        &in_printed_order(&old.indexes, &old.key_order, |i| &i.name, true),
        &in_printed_order(&new.indexes, &new.key_order, |i| &i.name, false),
        |i| &i.name,
        |index, add| {
            let table = name.clone();
            if add {
                phases
                    .add_constraints
                    .push(Op::CreateIndex { table, index });
            } else {
                phases.drop_constraints.push(Op::DropIndex { table, index });
            }
        },
    );
    diff_named(
        &in_printed_order(&old.uniques, &old.key_order, |u| &u.name, true),
        &in_printed_order(&new.uniques, &new.key_order, |u| &u.name, false),
        |u| &u.name,
        |unique, add| {
            let table = name.clone();
            if add {
                phases.add_constraints.push(Op::AddUnique { table, unique });
            } else {
                phases
                    .drop_constraints
                    .push(Op::DropUnique { table, unique });
            }
        },
    );
    diff_named(
        &in_check_order(&old.checks, &old.key_order, true),
        &in_check_order(&new.checks, &new.key_order, false),
        |c| &c.name,
        |check, add| {
            let table = name.clone();
            if add {
                phases.add_constraints.push(Op::AddCheck { table, check });
            } else {
                phases.drop_constraints.push(Op::DropCheck { table, check });
            }
        },
    );
    diff_named(
        &old.exclusions,
        &new.exclusions,
        |x| &x.name,
        |exclusion, add| {
            let table = name.clone();
            if add {
                phases
                    .add_constraints
                    .push(Op::AddExclusion { table, exclusion });
            } else {
                phases
                    .drop_constraints
                    .push(Op::DropExclusion { table, exclusion });
            }
        },
    );
    diff_named(
        &in_printed_order(&old.foreign_keys, &old.key_order, |f| &f.name, true),
        &in_printed_order(&new.foreign_keys, &new.key_order, |f| &f.name, false),
        |f| &f.name,
        |foreign_key, add| {
            let table = name.clone();
            if add {
                phases
                    .add_foreign_keys
                    .push(Op::AddForeignKey { table, foreign_key });
            } else {
                phases
                    .drop_foreign_keys
                    .push(Op::DropForeignKey { table, foreign_key });
            }
        },
    );
}

/// Matches items by name: calls `emit(item, false)` for each dropped or changed old item,
/// then `emit(item, true)` for each added or changed new one.
fn diff_named<T: Clone + PartialEq>(
    old: &[T],
    new: &[T],
    name: impl Fn(&T) -> &String,
    mut emit: impl FnMut(T, bool),
) {
    let new_names: BTreeSet<&String> = new.iter().map(&name).collect();
    for o in old {
        let same = new.iter().find(|n| name(n) == name(o));
        if !new_names.contains(name(o)) || same != Some(o) {
            emit(o.clone(), false);
        }
    }
    for n in new {
        let same = old.iter().find(|o| name(o) == name(n));
        if same != Some(n) {
            emit(n.clone(), true);
        }
    }
}
