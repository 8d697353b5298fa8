//! Expand/contract (`autogen revision --phased`): one column rename or type change as three
//! plans that the application can be deployed between, each with its own undo.
//!
//! - expand: the new column (nullable while both exist) and triggers that copy every write
//!   of either column to the other;
//! - backfill: the existing rows' values copied in batches (the runtime's `backfill`; the
//!   statement text is here, the batching in `autogen-migration`);
//! - contract: the triggers and the old column dropped, the new column made what the
//!   models say (NOT NULL; its final name when the column kept its name).
//!
//! SQLite has no way to alter a column in place and its writers are in the same process as
//! the migration: there the expand plan is the ordinary plan of the change (a rename or a
//! table rebuild, in a maintenance window), and the other two do nothing.
//!
//! The trigger text is dialect knowledge and lives in [`postgres`] and [`mysql`].

mod mysql;
mod postgres;

use autogen_schema::{Column, Dialect, Schema};

use crate::op::Op;
use crate::plan::Plan;

/// One column changed in phases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhasedChange {
    /// The table.
    pub table: String,
    /// Its single integer primary key column, which the backfill batches by.
    pub key: String,
    /// The column as it is before the change.
    pub old: Column,
    /// The column as the models want it.
    pub new: Column,
    /// The new column's name while both exist: `new.name`, or `{name}_new` when the name
    /// stays the same (the contract renames it).
    pub via: String,
}

/// The `(up, down)` plans of one phase, per dialect.
pub type PhasePlans = (Plan, Plan);

impl PhasedChange {
    /// Finds the phased change in a plan from `from` to `to` (planned for PostgreSQL or
    /// MySQL: the SQLite plan of a type change is a rebuild). The plan must hold exactly one
    /// column rename or type change (a rename may change the type too); anything else is
    /// an error that says what else the plan holds.
    pub fn find(plan: &Plan, from: &Schema, to: &Schema) -> Result<PhasedChange, String> {
        let mut rename: Option<(&str, &str, &str)> = None;
        let mut alter: Option<(&str, &Column, &Column)> = None;
        let mut others = Vec::new();
        for op in &plan.ops {
            match op {
                Op::RenameColumn {
                    table,
                    from: old,
                    to: new,
                } if rename.is_none() => {
                    rename = Some((table.as_str(), old.as_str(), new.as_str()))
                }
                Op::AlterColumn {
                    table,
                    from: old,
                    to: new,
                } if alter.is_none() => alter = Some((table.as_str(), &**old, &**new)),
                other => others.push(format!("{other:?}").chars().take(80).collect::<String>()),
            }
        }
        let (table, old_name, new_name) = match (rename, alter) {
            (Some((t, a, b)), None) => (t, a, b),
            (Some((t, a, b)), Some((t2, _, c))) if t == t2 && c.name == b => (t, a, b),
            (None, Some((t, a, b))) if a.ty != b.ty => (t, a.name.as_str(), b.name.as_str()),
            _ => {
                return Err(
                    "--phased needs one column rename (with `--rename table.old=new` or \
                     `renamed_from`) or one column type change, and the models hold neither"
                        .to_string(),
                );
            }
        };
        if !others.is_empty() {
            return Err(format!(
                "--phased makes one column rename or type change in three revisions; this \
                 change also has {} other step(s): write those in a revision of their own first",
                others.len()
            ));
        }
        let t_from = from
            .tables
            .get(table)
            .ok_or_else(|| format!("table {table} is not in the migrations head"))?;
        let t_to = to
            .tables
            .get(table)
            .ok_or_else(|| format!("table {table} is not in the models"))?;
        let old = t_from
            .column(old_name)
            .ok_or_else(|| format!("column {table}.{old_name} is not in the migrations head"))?;
        let new = t_to
            .column(new_name)
            .ok_or_else(|| format!("column {table}.{new_name} is not in the models"))?;
        let key = match t_from.primary_key.as_ref().map(|k| k.columns.as_slice()) {
            Some([key]) if t_from.column(key).is_some_and(|c| c.ty.is_integer()) => key.clone(),
            _ => {
                return Err(format!(
                    "--phased backfills table {table} in ranges of its primary key, which must be \
                     one integer column"
                ));
            }
        };
        let via = if old_name == new_name {
            let via = format!("{new_name}_new");
            if t_from.column(&via).is_some() || t_to.column(&via).is_some() {
                return Err(format!(
                    "--phased would add the temporary column {table}.{via}, which exists"
                ));
            }
            via
        } else {
            new_name.to_string()
        };
        Ok(PhasedChange {
            table: table.to_string(),
            key,
            old: old.clone(),
            new: new.clone(),
            via,
        })
    }

    /// Whether the column keeps its name (a type change only).
    pub fn same_name(&self) -> bool {
        self.via != self.new.name
    }

    /// The new column while both exist: nullable, no default (the triggers fill it), under
    /// its temporary name.
    fn interim(&self) -> Column {
        let mut c = self.new.clone();
        c.name = self.via.clone();
        c.nullable = true;
        c.default = None;
        c.identity = None;
        c
    }

    /// The old column while it is re-added by the contract's undo: nullable until its
    /// values are back.
    fn old_nullable(&self) -> Column {
        let mut c = self.old.clone();
        c.nullable = true;
        c
    }

    /// A name for the triggers (and PostgreSQL's trigger function) of this change: short
    /// and fixed by the table and columns, so that contract drops what expand created.
    pub fn trigger_name(&self) -> String {
        let mut hash: u32 = 0x811c_9dc5;
        for b in format!("{}\0{}\0{}", self.table, self.old.name, self.via).bytes() {
            hash = (hash ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
        format!("autogen_sync_{hash:08x}")
    }

    /// The statements that create the sync triggers and those that drop them.
    fn triggers(&self, d: Dialect) -> Vec<(String, String)> {
        match d {
            Dialect::Postgres => postgres::triggers(self),
            Dialect::Mysql => mysql::triggers(self),
            Dialect::Sqlite => Vec::new(),
        }
    }

    fn plan(d: Dialect, ops: Vec<Op>) -> Plan {
        Plan {
            dialect: Some(d),
            namespace: None,
            ops,
            notes: Vec::new(),
        }
    }

    /// Expand: the new column and the triggers. `ordinary` is the dialect's plan of the
    /// whole change, which SQLite runs here.
    pub fn expand(&self, d: Dialect, ordinary: &Plan) -> PhasePlans {
        if d == Dialect::Sqlite {
            return (ordinary.clone(), ordinary.inverse());
        }
        let mut up = vec![Op::AddColumn {
            table: self.table.clone(),
            column: Box::new(self.interim()),
            position: Default::default(),
        }];
        for (create, drop) in self.triggers(d) {
            up.push(Op::RawSql {
                up: create,
                down: drop,
            });
        }
        let up = Self::plan(d, up);
        let down = up.inverse();
        (up, down)
    }

    /// Contract: triggers and old column dropped, the new column made final. Its undo adds
    /// the old column back and fills it from the new one before the triggers return.
    pub fn contract(&self, d: Dialect) -> PhasePlans {
        if d == Dialect::Sqlite {
            return (Self::plan(d, Vec::new()), Self::plan(d, Vec::new()));
        }
        let table = self.table.clone();
        let triggers = self.triggers(d);
        let mut up: Vec<Op> = triggers
            .iter()
            .rev()
            .map(|(create, drop)| Op::RawSql {
                up: drop.clone(),
                down: create.clone(),
            })
            .collect();
        up.push(Op::DropColumn {
            table: table.clone(),
            column: Box::new(self.old.clone()),
            position: Default::default(),
        });
        let mut down = vec![
            Op::AddColumn {
                table: table.clone(),
                column: Box::new(self.old_nullable()),
                position: Default::default(),
            },
            Op::RawSql {
                up: self.copy_back(d),
                down: String::new(),
            },
        ];
        if !self.old.nullable {
            down.push(Op::AlterColumn {
                table: table.clone(),
                from: Box::new(self.old_nullable()),
                to: Box::new(self.old.clone()),
            });
        }
        down.extend(triggers.into_iter().map(|(create, drop)| Op::RawSql {
            up: create,
            down: drop,
        }));
        let mut finish = Vec::new();
        let mut current = self.interim();
        if self.same_name() {
            finish.push(Op::RenameColumn {
                table: table.clone(),
                from: self.via.clone(),
                to: self.new.name.clone(),
            });
            current.name = self.new.name.clone();
        }
        if current != self.new {
            finish.push(Op::AlterColumn {
                table: table.clone(),
                from: Box::new(current),
                to: Box::new(self.new.clone()),
            });
        }
        // Undone first: the new column back to its interim form, then the old one returns.
        let undo_finish: Vec<Op> = finish.iter().rev().map(Op::inverse).collect();
        up.extend(finish);
        let mut all_down = undo_finish;
        all_down.extend(down);
        (Self::plan(d, up), Self::plan(d, all_down))
    }

    /// The backfill's assignment, as SQL for the runtime's `Backfill::set`; `None` on SQLite.
    pub fn backfill_set(&self, d: Dialect) -> Option<String> {
        let q = |n: &str| d.quote_ident(n);
        match d {
            Dialect::Sqlite => None,
            _ => Some(format!(
                "{} = {}",
                q(&self.via),
                self.convert(d, &q(&self.old.name), true)
            )),
        }
    }

    /// The rows the backfill still has to copy: the new column empty, the old one not.
    pub fn backfill_filter(&self, d: Dialect) -> Option<String> {
        let q = |n: &str| d.quote_ident(n);
        match d {
            Dialect::Sqlite => None,
            _ => Some(format!(
                "{} IS NULL AND {} IS NOT NULL",
                q(&self.via),
                q(&self.old.name)
            )),
        }
    }

    /// `value` (of the old column's type when `forward`, else of the new one's) in the
    /// other column's type.
    fn convert(&self, d: Dialect, value: &str, forward: bool) -> String {
        let (from, to) = if forward {
            (&self.old, &self.new)
        } else {
            (&self.new, &self.old)
        };
        if from.ty == to.ty {
            return value.to_string();
        }
        match d {
            Dialect::Postgres => format!("CAST({value} AS {})", d.type_sql(&to.ty)),
            // MySQL converts on assignment to the column's type (and refuses what does not
            // fit, in strict mode): its CAST knows only a few target types.
            _ => value.to_string(),
        }
    }

    /// The contract's undo: the old column's values from the new one.
    fn copy_back(&self, d: Dialect) -> String {
        let q = |n: &str| d.quote_ident(n);
        let source = if self.same_name() {
            &self.via
        } else {
            &self.new.name
        };
        format!(
            "UPDATE {} SET {} = {}",
            q(&self.table),
            q(&self.old.name),
            self.convert(d, &q(source), false)
        )
    }
}

#[cfg(test)]
mod tests;
