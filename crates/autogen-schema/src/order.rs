//! The order in which tables can be created: referenced tables first, cycles broken.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::ir::{ForeignKey, Schema, Table};

/// Tables in an order that creates referenced tables first, and the foreign keys that
/// must be added after all tables exist because they close a cycle.
#[derive(Debug)]
pub struct CreationOrder<'a> {
    /// Tables in creation order.
    pub tables: Vec<&'a Table>,
    /// `(table, foreign key)` pairs to add with `ALTER TABLE` once every table exists.
    pub deferred: Vec<(&'a Table, &'a ForeignKey)>,
    /// The same pairs by name, so that [`CreationOrder::is_deferred`] is one lookup.
    deferred_names: HashSet<(&'a str, &'a str)>,
}

impl CreationOrder<'_> {
    /// Whether a table's foreign key is deferred (added after the tables).
    pub fn is_deferred(&self, table: &str, fk: &str) -> bool {
        self.deferred_names.contains(&(table, fk))
    }
}

/// Topological order over foreign keys (Kahn's algorithm, ties by name). When only tables
/// in cycles remain, the first by name is created with its keys to not-yet-created tables
/// deferred. Self references never defer: a table can reference itself at creation.
///
/// O((tables + keys) · log tables) whatever the shape of the graph: each table enters the
/// ready set once and each key is looked at a fixed number of times.
pub fn creation_order(schema: &Schema) -> CreationOrder<'_> {
    creation_order_of(schema.tables.values())
}

/// [`creation_order`] of some tables only, given in name order (a plan orders the tables
/// it creates without copying them into a schema of their own). Keys to tables outside
/// the group are ignored.
pub fn creation_order_of<'a>(tables: impl Iterator<Item = &'a Table>) -> CreationOrder<'a> {
    let tables: Vec<&Table> = tables.collect();
    let index: HashMap<&str, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.as_str(), i))
        .collect();
    // Distinct referenced tables of each table (self references and tables outside the
    // schema left out), and who references each table.
    let mut waiting_on = vec![0usize; tables.len()];
    let mut referenced_by: Vec<Vec<usize>> = vec![Vec::new(); tables.len()];
    for (i, table) in tables.iter().enumerate() {
        let mut deps: Vec<usize> = table
            .foreign_keys
            .iter()
            .map(|fk| fk.ref_table.as_str())
            // A partition is created after its parent.
            .chain(table.partition_of.iter().map(|p| p.parent.as_str()))
            .filter_map(|t| index.get(t).copied())
            .filter(|&r| r != i)
            .collect();
        deps.sort_unstable();
        deps.dedup();
        waiting_on[i] = deps.len();
        for r in deps {
            referenced_by[r].push(i);
        }
    }
    // Indexes follow name order, so the smallest index is the first table by name.
    let mut ready: BTreeSet<usize> = (0..tables.len()).filter(|&i| waiting_on[i] == 0).collect();
    let mut remaining: BTreeSet<usize> = (0..tables.len()).collect();
    let mut created = vec![false; tables.len()];
    let mut order = CreationOrder {
        tables: Vec::with_capacity(tables.len()),
        deferred: Vec::new(),
        deferred_names: HashSet::new(),
    };
    while let Some(&first) = remaining.first() {
        let next = match ready.pop_first() {
            Some(t) => t,
            None => {
                let table = tables[first];
                for fk in &table.foreign_keys {
                    if let Some(&r) = index.get(fk.ref_table.as_str())
                        && r != first
                        && !created[r]
                    {
                        order.deferred.push((table, fk));
                        order
                            .deferred_names
                            .insert((table.name.as_str(), fk.name.as_str()));
                    }
                }
                first
            }
        };
        remaining.remove(&next);
        created[next] = true;
        order.tables.push(tables[next]);
        for &dependent in &referenced_by[next] {
            waiting_on[dependent] -= 1;
            if waiting_on[dependent] == 0 && !created[dependent] {
                ready.insert(dependent);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fk(name: &str, to: &str) -> ForeignKey {
        ForeignKey {
            deferrable: Default::default(),
            not_valid: false,
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

    /// The first version of the order, quadratic but obviously right: the oracle for the
    /// linear one.
    fn reference_order(schema: &Schema) -> (Vec<String>, Vec<(String, String)>) {
        use std::collections::BTreeMap;
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
        let (mut tables, mut deferred) = (Vec::new(), Vec::new());
        while let Some(&first) = remaining.first() {
            let ready = remaining
                .iter()
                .copied()
                .find(|t| deps[t].iter().all(|d| created.contains(d)));
            let next = ready.unwrap_or_else(|| {
                for fk in &schema.tables[first].foreign_keys {
                    let r = fk.ref_table.as_str();
                    if r != first && deps[first].contains(r) && !created.contains(r) {
                        deferred.push((first.to_string(), fk.name.clone()));
                    }
                }
                first
            });
            remaining.remove(next);
            created.insert(next);
            tables.push(next.to_string());
        }
        (tables, deferred)
    }

    fn graph(edges: &[(u8, u8)], tables: u8) -> Schema {
        let mut s = Schema::default();
        for i in 0..tables {
            let mut t = Table::new(format!("t{i:03}"));
            for (k, (from, to)) in edges.iter().enumerate() {
                if *from == i {
                    // Some keys point outside the schema, as keys to kept tables do in a
                    // plan's subset.
                    let target = if *to >= tables {
                        "outside".to_string()
                    } else {
                        format!("t{to:03}")
                    };
                    t.foreign_keys.push(fk(&format!("fk{k}"), &target));
                }
            }
            s.tables.insert(t.name.clone(), t);
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn linear_order_equals_the_reference(
            tables in 1u8..40,
            edges in proptest::collection::vec((0u8..40, 0u8..44), 0..120),
        ) {
            let s = graph(&edges, tables);
            let order = creation_order(&s);
            let names: Vec<String> = order.tables.iter().map(|t| t.name.clone()).collect();
            let deferred: Vec<(String, String)> = order
                .deferred
                .iter()
                .map(|(t, f)| (t.name.clone(), f.name.clone()))
                .collect();
            let (want_tables, want_deferred) = reference_order(&s);
            proptest::prop_assert_eq!(&names, &want_tables);
            proptest::prop_assert_eq!(&deferred, &want_deferred);
            for (t, f) in &deferred {
                proptest::prop_assert!(order.is_deferred(t, f));
            }
        }
    }

    #[test]
    fn one_ring_defers_one_key() {
        let n = 2_000u32;
        let mut s = Schema::default();
        for i in 0..n {
            let mut t = Table::new(format!("t{i:05}"));
            t.foreign_keys.push(fk(
                &format!("t{i:05}_next"),
                &format!("t{:05}", (i + 1) % n),
            ));
            s.tables.insert(t.name.clone(), t);
        }
        let order = creation_order(&s);
        assert_eq!(order.tables.len(), n as usize);
        assert_eq!(order.deferred.len(), 1);
        assert!(order.is_deferred("t00000", "t00000_next"));
        // Behind the broken key, each table comes right after the one it references.
        assert_eq!(order.tables[1].name, format!("t{:05}", n - 1));
    }
}
