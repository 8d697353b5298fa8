//! What the models cannot declare, carried over from a database or a snapshot.

use crate::{Schema, Table};

impl Schema {
    /// Whether `other` holds objects or attributes these models cannot declare that
    /// [`Schema::keep_unmanaged`] would carry over.
    pub fn lacks_unmanaged_of(&self, other: &Schema) -> bool {
        other.views.keys().any(|n| !self.views.contains_key(n))
            || other
                .triggers
                .keys()
                .any(|n| !self.triggers.contains_key(n))
            || other
                .functions
                .keys()
                .any(|n| !self.functions.contains_key(n))
            || !other.extensions.is_empty()
            || !other.domains.is_empty()
            || !other.type_comments.is_empty()
            || other.tables.values().any(|t| {
                !t.policies.is_empty()
                    || !t.row_security.is_default()
                    || !t.part_comments.is_empty()
                    || !t.options.is_default()
                    || t.partitioning.is_some()
                    || t.partition_of.is_some()
                    || t.columns.iter().any(|c| !c.identity_options.is_default())
                    || t.columns.iter().any(|c| c.collation.is_some())
                    || t.indexes.iter().any(|i| i.options.has_mysql_attributes())
                    || t.checks.iter().any(|c| c.no_inherit || c.not_valid)
                    || t.foreign_keys
                        .iter()
                        .any(|f| f.not_valid || !f.deferrable.is_default())
                    || t.uniques
                        .iter()
                        .any(|u| u.nulls_not_distinct || !u.deferrable.is_default())
            })
    }

    /// Adds to these models the objects of `other` they do not declare.
    ///
    /// SeaORM entities cannot declare a view, a trigger, a function, an extension, a domain,
    /// row-level security and its policies, a comment on an index, a constraint or an enum
    /// type, MySQL table options, a MySQL index's `USING BTREE|HASH`, `COMMENT` or
    /// `IGNORED`, PostgreSQL partitioning, an identity's sequence options, a collation or a
    /// constraint's `DEFERRABLE`, `NOT VALID`,
    /// `NO INHERIT` or `NULLS NOT DISTINCT`, so the models do not manage them: compared with the models, a database's or a
    /// snapshot's are left as they are, never dropped (as Alembic leaves what its metadata
    /// does not hold). A plan between two databases or snapshots compares them. See
    /// `docs/views-and-triggers.md`.
    pub fn keep_unmanaged(&mut self, other: &Schema) {
        for (name, view) in &other.views {
            self.views
                .entry(name.clone())
                .or_insert_with(|| view.clone());
        }
        for (name, trigger) in &other.triggers {
            self.triggers
                .entry(name.clone())
                .or_insert_with(|| trigger.clone());
        }
        for (key, function) in &other.functions {
            self.functions
                .entry(key.clone())
                .or_insert_with(|| function.clone());
        }
        for (name, extension) in &other.extensions {
            self.extensions
                .entry(name.clone())
                .or_insert_with(|| extension.clone());
        }
        for (name, domain) in &other.domains {
            self.domains
                .entry(name.clone())
                .or_insert_with(|| domain.clone());
        }
        for (name, comment) in &other.type_comments {
            if self.enums.contains_key(name) {
                self.type_comments
                    .entry(name.clone())
                    .or_insert_with(|| comment.clone());
            }
        }
        // Partitions no entity declares: theirs, where the models have the parent.
        for (name, theirs) in &other.tables {
            if let Some(p) = &theirs.partition_of
                && self.tables.contains_key(&p.parent)
            {
                self.tables
                    .entry(name.clone())
                    .or_insert_with(|| theirs.clone());
            }
        }
        for (name, theirs) in &other.tables {
            let Some(table) = self.tables.get_mut(name) else {
                continue;
            };
            // Table options and collations no entity can declare (MySQL's collation, row
            // format, block size, partitioning; a column's collation): theirs where the
            // models say nothing.
            let (mine, other_options) = (&mut table.options, &theirs.options);
            if mine.collation.is_none() {
                mine.collation.clone_from(&other_options.collation);
            }
            if mine.row_format.is_none() {
                mine.row_format.clone_from(&other_options.row_format);
            }
            if mine.key_block_size.is_none() {
                mine.key_block_size = other_options.key_block_size;
            }
            if mine.partition.is_none() {
                mine.partition.clone_from(&other_options.partition);
            }
            if table.partitioning.is_none() {
                table.partitioning.clone_from(&theirs.partitioning);
            }
            for column in &mut table.columns {
                if let Some(c) = theirs.column(&column.name) {
                    if column.collation.is_none() {
                        column.collation.clone_from(&c.collation);
                    }
                    // A sequence's options, on an identity the models declare too.
                    if column.identity_options.is_default() && column.identity == c.identity {
                        column.identity_options = c.identity_options;
                    }
                }
            }
            // Constraint attributes no declaration can say (`DEFERRABLE`, `NOT VALID`,
            // `NO INHERIT`, `NULLS NOT DISTINCT`): theirs, on the constraints of the same name.
            for check in &mut table.checks {
                if let Some(c) = theirs.checks.iter().find(|c| c.name == check.name) {
                    check.no_inherit |= c.no_inherit;
                    check.not_valid |= c.not_valid;
                }
            }
            for fk in &mut table.foreign_keys {
                if let Some(f) = theirs.foreign_keys.iter().find(|f| f.name == fk.name) {
                    if fk.deferrable.is_default() {
                        fk.deferrable = f.deferrable;
                    }
                    fk.not_valid |= f.not_valid;
                }
            }
            for unique in &mut table.uniques {
                if let Some(u) = theirs.uniques.iter().find(|u| u.name == unique.name) {
                    if unique.deferrable.is_default() {
                        unique.deferrable = u.deferrable;
                    }
                    unique.nulls_not_distinct |= u.nulls_not_distinct;
                }
            }
            keep_mysql_index_attributes(table, theirs);
            if table.row_security.is_default() && table.policies.is_empty() {
                table.row_security = theirs.row_security;
                table.policies = theirs.policies.clone();
            }
            // Comments on the indexes and constraints the models have too.
            let has_index = |n: &str| table.indexes.iter().any(|i| i.name == n);
            let indexes: Vec<(String, String)> = theirs
                .part_comments
                .indexes
                .iter()
                .filter(|(n, _)| has_index(n))
                .map(|(n, c)| (n.clone(), c.clone()))
                .collect();
            let has_constraint = |n: &str| {
                table.uniques.iter().any(|u| u.name == n)
                    || table.foreign_keys.iter().any(|f| f.name == n)
                    || table.checks.iter().any(|c| c.name == n)
                    || table
                        .primary_key
                        .as_ref()
                        .is_some_and(|pk| pk.name.as_deref() == Some(n))
            };
            let constraints: Vec<(String, String)> = theirs
                .part_comments
                .constraints
                .iter()
                .filter(|(n, _)| has_constraint(n))
                .map(|(n, c)| (n.clone(), c.clone()))
                .collect();
            for (n, c) in indexes {
                table.part_comments.indexes.entry(n).or_insert(c);
            }
            for (n, c) in constraints {
                table.part_comments.constraints.entry(n).or_insert(c);
            }
        }
    }
}

/// MySQL's `USING BTREE|HASH`, `COMMENT` and `IGNORED` on an index: theirs, on the
/// models' index of the same name. A unique constraint of the models that is their unique
/// index with such an attribute, on the same columns, becomes that index (MySQL's unique
/// constraints are unique indexes).
fn keep_mysql_index_attributes(table: &mut Table, theirs: &Table) {
    let algorithm_of = |name: &str| {
        theirs
            .indexes
            .iter()
            .find(|i| i.name == name && i.options.has_mysql_attributes())
    };
    for index in &mut table.indexes {
        if let Some(i) = algorithm_of(&index.name) {
            index.options.keep_mysql_attributes(&i.options);
        }
    }
    let uniques = std::mem::take(&mut table.uniques);
    for unique in uniques {
        match algorithm_of(&unique.name) {
            Some(index)
                if index.unique
                    && index.column_names().is_some_and(|c| c == unique.columns)
                    && index.parts.iter().all(|p| !p.descending) =>
            {
                table.indexes.push(index.clone());
            }
            _ => table.uniques.push(unique),
        }
    }
}
