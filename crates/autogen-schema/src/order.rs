//! The order in which tables can be created: referenced tables first, cycles broken.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{ForeignKey, Schema, Table};

/// Tables in an order that creates referenced tables first, and the foreign keys that
/// must be added after all tables exist because they close a cycle.
#[derive(Debug)]
pub struct CreationOrder<'a> {
    /// Tables in creation order.
    pub tables: Vec<&'a Table>,
    /// `(table, foreign key)` pairs to add with `ALTER TABLE` once every table exists.
    pub deferred: Vec<(&'a Table, &'a ForeignKey)>,
}

impl CreationOrder<'_> {
    /// Whether a table's foreign key is deferred (added after the tables).
    pub fn is_deferred(&self, table: &str, fk: &str) -> bool {
        self.deferred
            .iter()
            .any(|(t, f)| t.name == table && f.name == fk)
    }
}

/// Topological order over foreign keys (Kahn's algorithm, ties by name). When only tables
/// in cycles remain, the first by name is created with its keys to not-yet-created tables
/// deferred. Self references never defer: a table can reference itself at creation.
pub fn creation_order(schema: &Schema) -> CreationOrder<'_> {
    let deps: BTreeMap<&str, BTreeSet<&str>> = schema
        .tables
        .values()
        .map(|t| {
            let d = t
                .foreign_keys
                .iter()
                .map(|fk| fk.ref_table.as_str())
                .filter(|r| *r != t.name && schema.tables.contains_key(*r))
                .collect();
            (t.name.as_str(), d)
        })
        .collect();
    let mut created: BTreeSet<&str> = BTreeSet::new();
    let mut remaining: BTreeSet<&str> = deps.keys().copied().collect();
    let mut order = CreationOrder {
        tables: Vec::new(),
        deferred: Vec::new(),
    };
    while !remaining.is_empty() {
        let ready = remaining
            .iter()
            .copied()
            .find(|t| deps[t].iter().all(|d| created.contains(d)));
        let next = match ready {
            Some(t) => t,
            None => {
                let t = *remaining.iter().next().expect("non-empty");
                let table = &schema.tables[t];
                for fk in &table.foreign_keys {
                    let r = fk.ref_table.as_str();
                    if r != t && deps[t].contains(r) && !created.contains(r) {
                        order.deferred.push((table, fk));
                    }
                }
                t
            }
        };
        remaining.remove(next);
        created.insert(next);
        order.tables.push(&schema.tables[next]);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk(name: &str, to: &str) -> ForeignKey {
        ForeignKey {
            name: name.into(),
            columns: vec!["x".into()],
            ref_table: to.into(),
            ref_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
        }
    }

    #[test]
    fn dependencies_first_and_cycles_deferred() {
        let mut s = Schema::default();
        let mut a = Table::new("a");
        a.foreign_keys.push(fk("a_b", "b"));
        let mut b = Table::new("b");
        b.foreign_keys.push(fk("b_a", "a"));
        b.foreign_keys.push(fk("b_c", "c"));
        let mut c = Table::new("c");
        c.foreign_keys.push(fk("c_self", "c"));
        for t in [a, b, c] {
            s.tables.insert(t.name.clone(), t);
        }
        let order = creation_order(&s);
        let names: Vec<_> = order.tables.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["c", "a", "b"]);
        assert!(order.is_deferred("a", "a_b"));
        assert_eq!(order.deferred.len(), 1);
    }
}
