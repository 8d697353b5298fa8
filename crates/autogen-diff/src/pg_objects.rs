//! PostgreSQL's objects beyond tables and views: extensions and domains (schema objects),
//! and per table row-level security, policies and the comments on indexes, constraints
//! and policies.
//!
//! Extensions are created before everything else and dropped after everything else;
//! domains after them and the enums (a domain may be based on an enum), before the tables
//! that use them, and dropped after those tables. A comment belongs to an object that a
//! plan may drop and recreate: the operations clear it before the drop and set it after
//! the creation, so that the inverse plan puts it back as well.

use std::collections::BTreeSet;

use autogen_schema::{Schema, Table};

use crate::op::{Op, PartKind};

/// Extension and domain changes: `(creations and alterations, drops)`. The first run
/// after the enums are created, the second after the tables and enums are dropped.
pub(crate) fn diff_schema_objects(from: &Schema, to: &Schema) -> (Vec<Op>, Vec<Op>) {
    let mut add = Vec::new();
    let mut drop = Vec::new();
    for (name, new) in &to.extensions {
        match from.extensions.get(name) {
            None => add.push(Op::CreateExtension {
                extension: new.clone(),
            }),
            Some(old) if old.schema_changes(new) => {
                add.push(Op::DropExtension {
                    extension: old.clone(),
                });
                add.push(Op::CreateExtension {
                    extension: new.clone(),
                });
            }
            Some(old) if old.version_changes(new) => add.push(Op::AlterExtension {
                name: name.clone(),
                from: old.version.clone().unwrap_or_default(),
                to: new.version.clone().unwrap_or_default(),
            }),
            Some(_) => {}
        }
    }
    for (name, new) in &to.domains {
        match from.domains.get(name) {
            None => add.push(Op::CreateDomain {
                domain: new.clone(),
            }),
            // Base type or collation: PostgreSQL cannot change them; the domain goes and
            // comes back (which fails while a column still uses it, as it should).
            Some(old) if old.needs_recreate(new) => {
                add.push(Op::DropDomain {
                    domain: old.clone(),
                });
                add.push(Op::CreateDomain {
                    domain: new.clone(),
                });
            }
            Some(old) if old != new => add.push(Op::AlterDomain {
                from: Box::new(old.clone()),
                to: Box::new(new.clone()),
            }),
            Some(_) => {}
        }
    }
    for (name, old) in from.domains.iter().rev() {
        if !to.domains.contains_key(name) {
            drop.push(Op::DropDomain {
                domain: old.clone(),
            });
        }
    }
    for (name, old) in from.extensions.iter().rev() {
        if !to.extensions.contains_key(name) {
            drop.push(Op::DropExtension {
                extension: old.clone(),
            });
        }
    }
    (add, drop)
}

/// The comments of a table about to be created that its `CREATE TABLE` cannot write:
/// those on its indexes (created after it) and on the constraints it no longer holds
/// (foreign keys added later). Removed from the table and returned as operations.
pub(crate) fn detach_part_comments(table: &mut Table) -> Vec<Op> {
    let mut out = Vec::new();
    for (name, comment) in std::mem::take(&mut table.part_comments.indexes) {
        out.push(set_comment(
            &table.name,
            PartKind::Index,
            name,
            None,
            Some(comment),
        ));
    }
    let held = constraint_names(table);
    let (kept, detached) = std::mem::take(&mut table.part_comments.constraints)
        .into_iter()
        .partition(|(name, _)| held.contains(name));
    table.part_comments.constraints = kept;
    for (name, comment) in detached {
        out.push(set_comment(
            &table.name,
            PartKind::Constraint,
            name,
            None,
            Some(comment),
        ));
    }
    out
}

/// The operations of a table that stays, beyond its columns and constraints:
/// `(before the drops, drops, additions, after everything)`.
pub(crate) struct TableExtras {
    /// Comments cleared on what is dropped or recreated (first, before the drops).
    pub before: Vec<Op>,
    /// Policies dropped.
    pub drops: Vec<Op>,
    /// Policies created and row-level security set.
    pub adds: Vec<Op>,
    /// Comments set (last).
    pub comments: Vec<Op>,
}

/// Row-level security, policies and part comments from `old` to `new`.
pub(crate) fn diff_table_extras(old: &Table, new: &Table) -> TableExtras {
    let table = &new.name;
    let mut out = TableExtras {
        before: Vec::new(),
        drops: Vec::new(),
        adds: Vec::new(),
        comments: Vec::new(),
    };
    if old.row_security != new.row_security {
        out.adds.push(Op::SetRowSecurity {
            table: table.clone(),
            from: old.row_security,
            to: new.row_security,
        });
    }
    for policy in &old.policies {
        let kept = new.policies.iter().find(|p| p.name == policy.name);
        match kept {
            Some(p) if same_but_comment(policy, p) => {
                if p.comment != policy.comment {
                    out.comments.push(set_comment(
                        table,
                        PartKind::Policy,
                        p.name.clone(),
                        policy.comment.clone(),
                        p.comment.clone(),
                    ));
                }
            }
            _ => out.drops.push(Op::DropPolicy {
                table: table.clone(),
                policy: policy.clone(),
            }),
        }
    }
    for policy in &new.policies {
        let kept = old.policies.iter().find(|p| p.name == policy.name);
        if !kept.is_some_and(|p| same_but_comment(p, policy)) {
            out.adds.push(Op::CreatePolicy {
                table: table.clone(),
                policy: policy.clone(),
            });
        }
    }
    // Indexes and constraints that exist on both sides unchanged keep their comments;
    // anything else loses its comment with its drop.
    // An index that backs a constraint is not among the table's indexes: it stays
    // when its constraint does.
    let kept_constraint = |name: &str| constraint_of(old, name) == constraint_of(new, name);
    let kept_index = |name: &str| match (old.index(name), new.index(name)) {
        (Some(a), Some(b)) => a == b,
        (None, None) => kept_constraint(name),
        _ => false,
    };
    let parts = [
        (
            PartKind::Index,
            &old.part_comments.indexes,
            &new.part_comments.indexes,
        ),
        (
            PartKind::Constraint,
            &old.part_comments.constraints,
            &new.part_comments.constraints,
        ),
    ];
    for (kind, before, after) in parts {
        let names: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        for name in names {
            let kept = match kind {
                PartKind::Index => kept_index(name),
                _ => kept_constraint(name),
            };
            let (was, will) = (before.get(name), after.get(name));
            if kept {
                if was != will {
                    out.comments.push(set_comment(
                        table,
                        kind,
                        name.clone(),
                        was.cloned(),
                        will.cloned(),
                    ));
                }
                continue;
            }
            if let Some(c) = was {
                out.before.push(set_comment(
                    table,
                    kind,
                    name.clone(),
                    Some(c.clone()),
                    None,
                ));
            }
            if let Some(c) = will {
                out.comments.push(set_comment(
                    table,
                    kind,
                    name.clone(),
                    None,
                    Some(c.clone()),
                ));
            }
        }
    }
    out
}

fn set_comment(
    table: &str,
    part: PartKind,
    name: String,
    from: Option<String>,
    to: Option<String>,
) -> Op {
    Op::SetPartComment {
        table: table.to_string(),
        part,
        name,
        from,
        to,
    }
}

fn same_but_comment(a: &autogen_schema::Policy, b: &autogen_schema::Policy) -> bool {
    let mut a = a.clone();
    a.comment.clone_from(&b.comment);
    a == *b
}

/// The names of the constraints a table holds.
fn constraint_names(table: &Table) -> BTreeSet<String> {
    let pk = table.primary_key.iter().filter_map(|p| p.name.clone());
    pk.chain(table.uniques.iter().map(|u| u.name.clone()))
        .chain(table.checks.iter().map(|c| c.name.clone()))
        .chain(table.foreign_keys.iter().map(|f| f.name.clone()))
        .collect()
}

/// A constraint of a table, whatever its kind: equal when it is the same constraint.
#[derive(PartialEq)]
enum Constraint<'a> {
    Primary(&'a autogen_schema::PrimaryKey),
    Unique(&'a autogen_schema::UniqueConstraint),
    Check(&'a autogen_schema::Check),
    Foreign(&'a autogen_schema::ForeignKey),
}

/// A constraint of `table` by name.
fn constraint_of<'a>(table: &'a Table, name: &str) -> Option<Constraint<'a>> {
    if let Some(pk) = &table.primary_key
        && pk.name.as_deref() == Some(name)
    {
        return Some(Constraint::Primary(pk));
    }
    table
        .unique(name)
        .map(Constraint::Unique)
        .or_else(|| table.check(name).map(Constraint::Check))
        .or_else(|| table.foreign_key(name).map(Constraint::Foreign))
}

/// The comment operations of enum types, by the phase they go in.
#[derive(Default)]
pub(crate) struct TypeComments {
    /// Before the enums are created or extended.
    pub early: Vec<Op>,
    /// Right after the enums are created.
    pub created: Vec<Op>,
    /// Before the enums are dropped or recreated (after they are extended).
    pub middle: Vec<Op>,
    /// After the enums are recreated.
    pub late: Vec<Op>,
}

/// Comments on enum types. A type whose values change loses its comment where the change
/// (or its inverse) recreates the type, so its comment is cleared before the change and
/// set after it, in whichever direction the plan runs; a type created or dropped likewise.
pub(crate) fn diff_type_comments(from: &Schema, to: &Schema) -> TypeComments {
    let mut out = TypeComments::default();
    let op = |name: &String, from: Option<&String>, to: Option<&String>| Op::SetTypeComment {
        name: name.clone(),
        from: from.cloned(),
        to: to.cloned(),
    };
    let names: BTreeSet<&String> = from.enums.keys().chain(to.enums.keys()).collect();
    for name in names {
        let (was, will) = (from.type_comments.get(name), to.type_comments.get(name));
        match (from.enums.get(name), to.enums.get(name)) {
            (Some(old), Some(new)) if old.values == new.values => {
                if was != will {
                    out.middle.push(op(name, was, will));
                }
            }
            // Extended early (`ADD VALUE`), recreated late: the comment goes around it.
            (Some(old), Some(new)) => {
                let early = crate::hazard::is_append_only(&old.values, &new.values);
                let (before, after) = if early {
                    (&mut out.early, &mut out.middle)
                } else {
                    (&mut out.middle, &mut out.late)
                };
                if was.is_some() {
                    before.push(op(name, was, None));
                }
                if will.is_some() {
                    after.push(op(name, None, will));
                }
            }
            (None, Some(_)) => {
                if will.is_some() {
                    out.created.push(op(name, None, will));
                }
            }
            (Some(_), None) => {
                if was.is_some() {
                    out.middle.push(op(name, was, None));
                }
            }
            (None, None) => {}
        }
    }
    out
}
