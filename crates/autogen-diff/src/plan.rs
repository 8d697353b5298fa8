//! The plan: ordered operations, their inverse, and what the reader should know.

use autogen_schema::Dialect;
use serde::Serialize;

use crate::hazard::Hazard;
use crate::op::Op;

/// Renames declared on the command line (`--rename`).
#[derive(Debug, Clone, Default)]
pub struct Renames {
    /// `(old table, new table)`.
    pub tables: Vec<(String, String)>,
    /// `(table, old column, new column)`, the table by its new name.
    pub columns: Vec<(String, String, String)>,
}

impl Renames {
    /// Parses `old_table=new_table` or `table.old=new`.
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let bad = || {
            format!("bad --rename {spec:?}: use table.old_column=new_column or old_table=new_table")
        };
        let (left, new) = spec.split_once('=').ok_or_else(bad)?;
        let (left, new) = (left.trim(), new.trim());
        if left.is_empty() || new.is_empty() {
            return Err(bad());
        }
        match left.split_once('.') {
            Some((table, old)) if !table.is_empty() && !old.is_empty() => {
                self.columns
                    .push((table.to_string(), old.to_string(), new.to_string()))
            }
            Some(_) => return Err(bad()),
            None => self.tables.push((left.to_string(), new.to_string())),
        }
        Ok(())
    }
}

/// How to compare.
#[derive(Debug, Clone, Default)]
pub struct DiffOptions {
    /// The dialect the plan will run on: both schemas are lowered to it, and on SQLite
    /// what cannot be altered is rebuilt. `None` compares the schemas as they are.
    pub dialect: Option<Dialect>,
    /// Declared renames, besides the `renamed_from` hints in the target schema.
    pub renames: Renames,
    /// Use the online forms on existing tables (`docs/safety.md`): on PostgreSQL
    /// `CREATE`/`DROP INDEX CONCURRENTLY`, unique constraints `USING INDEX` built
    /// concurrently, `NOT VALID` constraints validated separately, `SET NOT NULL` through
    /// a validated check; on MySQL/MariaDB index changes with `ALGORITHM=INPLACE,
    /// LOCK=NONE`. Ignored on SQLite. The CLI turns it on unless `--no-online`.
    pub online: bool,
    /// On PostgreSQL, the schema (namespace) the tables live in: the plan's SQL qualifies
    /// every name with it (`"app"."users"`), so a script acts on that schema whatever the
    /// session's `search_path`. `None` writes names unqualified. Ignored on other dialects.
    pub namespace: Option<String>,
}

/// Something the reader of a plan must see that is not an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// A column dropped and one of the same type added in one table: maybe a rename.
    ProbableRename {
        /// Table.
        table: String,
        /// Dropped column.
        from: String,
        /// Added column.
        to: String,
    },
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::ProbableRename { table, from, to } => write!(
                f,
                "{table}.{from} is dropped and {table}.{to} added with the same type: if this \
                 is a rename, say --rename {table}.{from}={to} (or renamed_from in the model), \
                 or the data in {from} is lost"
            ),
        }
    }
}

/// An ordered list of operations that turns one schema into another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// The dialect it was planned for, if any.
    pub dialect: Option<Dialect>,
    /// The PostgreSQL schema its SQL qualifies names with ([`DiffOptions::namespace`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Operations in execution order.
    pub ops: Vec<Op>,
    /// Warnings for the reader.
    pub notes: Vec<Note>,
}

impl Plan {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The plan that undoes this one: each operation inverted, in reverse order.
    ///
    /// A table's indexes go with its `DROP TABLE` rather than before it: MySQL refuses to
    /// drop an index that a foreign key of the table still needs (ERROR 1553), and every
    /// backend drops a table's indexes with it. So the indexes a plan creates on a table it
    /// creates are folded into the inverse's `DropTable`, and a `DropTable` that carries
    /// indexes unfolds into `CreateTable` and one `CreateIndex` each.
    pub fn inverse(&self) -> Plan {
        let mut ops: Vec<Op> = Vec::with_capacity(self.ops.len());
        for op in self.ops.iter().rev() {
            match op.inverse() {
                Op::CreateTable { mut table }
                    if !table.indexes.is_empty() || !table.part_comments.is_empty() =>
                {
                    let indexes = std::mem::take(&mut table.indexes);
                    let comments = crate::pg_objects::detach_part_comments(&mut table);
                    let name = table.name.clone();
                    ops.push(Op::CreateTable { table });
                    ops.extend(indexes.into_iter().map(|index| Op::CreateIndex {
                        table: name.clone(),
                        index,
                    }));
                    ops.extend(comments);
                }
                inverted => ops.push(inverted),
            }
        }
        fold_indexes_into_dropped_tables(&mut ops);
        Plan {
            dialect: self.dialect,
            namespace: self.namespace.clone(),
            ops,
            notes: Vec::new(),
        }
    }

    /// The hazards of operation `index` in this plan. An operation on a table that the
    /// plan itself creates earlier touches no rows and no running code: only what it does
    /// to the plan's own atomicity (non-transactional) remains.
    ///
    /// To go through every operation, [`Plan::hazards_by_op`] does it in one pass.
    pub fn hazards_of(&self, index: usize) -> Vec<Hazard> {
        let created_earlier = |table: &str| {
            self.ops[..index]
                .iter()
                .any(|earlier| matches!(earlier, Op::CreateTable { table: t } if t.name == table))
        };
        self.hazards_in_plan(&self.ops[index], created_earlier)
    }

    /// [`Plan::hazards_of`] of every operation, in order, in one pass over the plan.
    pub fn hazards_by_op(&self) -> Vec<Vec<Hazard>> {
        let mut created: std::collections::HashSet<&str> = std::collections::HashSet::new();
        self.ops
            .iter()
            .map(|op| {
                let hazards = self.hazards_in_plan(op, |table| created.contains(table));
                if let Op::CreateTable { table } = op {
                    created.insert(table.name.as_str());
                }
                hazards
            })
            .collect()
    }

    fn hazards_in_plan(&self, op: &Op, created_earlier: impl Fn(&str) -> bool) -> Vec<Hazard> {
        let mut hazards = op.hazards(self.dialect);
        if op.table().is_some_and(created_earlier) {
            hazards.retain(|h| *h == Hazard::NonTransactional);
        }
        hazards
    }

    /// Every hazard of the plan, once each, in a stable order.
    pub fn hazards(&self) -> Vec<Hazard> {
        let mut all: Vec<Hazard> = self.hazards_by_op().into_iter().flatten().collect();
        all.sort();
        all.dedup();
        all
    }
}

impl Plan {
    /// Moves each operation that can fail on existing rows (a new unique, primary key or
    /// foreign key, NOT NULL, a narrowing) ahead of the operations before it that it does
    /// not depend on, so that on a backend without transactional DDL (MySQL) a failure
    /// comes before anything else has been applied, and fixing the data is all a rerun
    /// needs.
    pub(crate) fn data_dependent_first(&mut self) {
        // How far back one operation looks: keeps large plans linear.
        const REACH: usize = 256;
        let dependent: Vec<bool> = self
            .hazards_by_op()
            .iter()
            .map(|h| h.contains(&Hazard::DataDependent))
            .collect();
        // Each operation gets the position it goes before; a stable sort on
        // (position, moved first) keeps everything else in its order.
        let mut keys: Vec<(usize, u8, usize)> = (0..self.ops.len()).map(|i| (i, 1, i)).collect();
        for i in (0..self.ops.len()).filter(|&i| dependent[i]) {
            let mut j = i;
            while j > 0 && i - j < REACH && can_pass(&self.ops[i], &self.ops[j - 1]) {
                j -= 1;
            }
            if j < i {
                keys[i] = (j, 0, i);
            }
        }
        let mut order: Vec<usize> = (0..self.ops.len()).collect();
        order.sort_by_key(|&i| keys[i]);
        let mut ops: Vec<Option<Op>> = std::mem::take(&mut self.ops)
            .into_iter()
            .map(Some)
            .collect();
        self.ops = order.into_iter().filter_map(|i| ops[i].take()).collect();
    }
}

/// The columns a data-dependent operation reads, when they are known.
fn columns_read(op: &Op) -> Option<Vec<&str>> {
    use autogen_schema::IndexTarget;
    fn names(cols: &[String]) -> Vec<&str> {
        cols.iter().map(String::as_str).collect()
    }
    match op {
        Op::AddUnique { unique, .. } | Op::AddUniqueOnline { unique, .. } => {
            Some(names(&unique.columns))
        }
        Op::AddPrimaryKey { primary_key, .. } | Op::AddPrimaryKeyOnline { primary_key, .. } => {
            Some(names(&primary_key.columns))
        }
        Op::AddForeignKey { foreign_key, .. } | Op::AddForeignKeyOnline { foreign_key, .. } => {
            Some(names(&foreign_key.columns))
        }
        Op::AlterColumn { to, .. } | Op::SetNotNullOnline { to, .. } => Some(vec![&to.name]),
        // A column placed `AFTER c` needs `c` to exist first.
        Op::AddColumn {
            column, position, ..
        } => Some(match position {
            crate::ColumnPosition::After(c) => vec![&column.name, c],
            _ => vec![&column.name],
        }),
        Op::CreateIndex { index, .. } | Op::CreateIndexConcurrently { index, .. }
            if index.predicate.is_none() =>
        {
            index
                .parts
                .iter()
                .map(|p| match &p.target {
                    IndexTarget::Column(c) => Some(c.as_str()),
                    IndexTarget::Expression(_) => None,
                })
                .collect()
        }
        _ => None,
    }
}

/// The columns an operation that [`can_pass`] moves behind adds or changes: what it
/// reads, except that a new column's position is not a change.
fn columns_written(op: &Op) -> Option<Vec<&str>> {
    match op {
        Op::AddColumn { column, .. } | Op::AddColumnOnline { column, .. } => {
            Some(vec![&column.name])
        }
        _ => columns_read(op),
    }
}

/// Whether data-dependent `op` may run before `earlier`: `earlier` adds or changes
/// nothing `op` uses (another table that `op` does not reference, or on the same table
/// a column `op` does not read, an index, a comment).
fn can_pass(op: &Op, earlier: &Op) -> bool {
    use Op::*;
    if matches!(
        op,
        RebuildTable { .. } | RawSql { .. } | AlterEnum { .. } | CreateTable { .. }
    ) {
        return false;
    }
    let Some(table) = op.table() else {
        return false;
    };
    let referenced = match op {
        AddForeignKey { foreign_key, .. } | AddForeignKeyOnline { foreign_key, .. } => {
            Some(foreign_key.ref_table.as_str())
        }
        _ => None,
    };
    match earlier {
        // Changes of types, tables and anything written by hand may matter to anything.
        CreateTable { .. }
        | DropTable { .. }
        | RenameTable { .. }
        | RenameColumn { .. }
        | CreateEnum { .. }
        | DropEnum { .. }
        | AlterEnum { .. }
        | RawSql { .. }
        | RebuildTable { .. } => false,
        _ => {
            let Some(other) = earlier.table() else {
                return false;
            };
            if other != table {
                return Some(other) != referenced;
            }
            if referenced == Some(table) {
                return false;
            }
            let disjoint = |earlier: &Op| match (columns_read(op), columns_written(earlier)) {
                (Some(read), Some(written)) => !written.iter().any(|c| read.contains(c)),
                _ => false,
            };
            // The online forms pass as their plain forms do: the order must not depend on
            // the form.
            match earlier {
                CreateIndex { index, .. } | CreateIndexConcurrently { index, .. }
                    if !index.unique =>
                {
                    true
                }
                SetTableComment { .. } => true,
                AddColumn { .. }
                | AddColumnOnline { .. }
                | CreateIndex { .. }
                | CreateIndexConcurrently { .. }
                | AddUnique { .. }
                | AddUniqueOnline { .. }
                | AddForeignKey { .. }
                | AddForeignKeyOnline { .. } => disjoint(earlier),
                _ => false,
            }
        }
    }
}

/// Moves each `DropIndex` on a table that a later `DropTable` drops into that table, so
/// the index goes with the table (see [`Plan::inverse`]).
fn fold_indexes_into_dropped_tables(ops: &mut Vec<Op>) {
    let dropped: std::collections::HashMap<String, usize> = ops
        .iter()
        .enumerate()
        .filter_map(|(i, op)| match op {
            Op::DropTable { table } => Some((table.name.clone(), i)),
            _ => None,
        })
        .collect();
    if dropped.is_empty() {
        return;
    }
    // Each table's folded indexes, in the order the inverse drops them.
    let mut folded: std::collections::HashMap<String, Vec<autogen_schema::Index>> =
        std::collections::HashMap::new();
    let mut cleared: std::collections::HashMap<String, Vec<(crate::op::PartKind, String, String)>> =
        std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(ops.len());
    for (i, op) in std::mem::take(ops).into_iter().enumerate() {
        match op {
            Op::DropIndex { table, index } if dropped.get(&table).is_some_and(|&at| at > i) => {
                folded.entry(table).or_default().push(index)
            }
            // A comment cleared just before its table is dropped goes with the table.
            Op::SetPartComment {
                table,
                to: None,
                part,
                name,
                from,
            } if dropped.get(&table).is_some_and(|&at| at > i) => {
                if let Some(comment) = from {
                    cleared
                        .entry(table)
                        .or_default()
                        .push((part, name, comment));
                }
            }
            other => kept.push(other),
        }
    }
    for op in &mut kept {
        if let Op::DropTable { table } = op
            && let Some(comments) = cleared.remove(&table.name)
        {
            for (part, name, comment) in comments {
                let map = match part {
                    crate::op::PartKind::Index => &mut table.part_comments.indexes,
                    crate::op::PartKind::Constraint => &mut table.part_comments.constraints,
                    crate::op::PartKind::Policy => continue,
                };
                map.insert(name, comment);
            }
        }
    }
    for op in &mut kept {
        if let Op::DropTable { table } = op
            && let Some(indexes) = folded.remove(&table.name)
        {
            // Put back in the order the plan created them.
            table.indexes.extend(indexes.into_iter().rev());
        }
    }
    *ops = kept;
}
