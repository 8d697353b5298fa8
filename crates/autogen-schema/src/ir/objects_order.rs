//! The order in which views and triggers are created: a view after the views it reads,
//! triggers after every view (an `INSTEAD OF` trigger fires on one). Tables come before
//! both; drops go in the reverse order.

use std::collections::{BTreeMap, BTreeSet};

use super::{Schema, Trigger, View};

/// The views of `views` in an order where each comes after the views it depends on;
/// views in a cycle (which no database accepts) come last, by name.
pub fn view_order<'a>(views: impl IntoIterator<Item = &'a View>) -> Vec<&'a View> {
    let by_name: BTreeMap<String, &View> = views.into_iter().map(|v| (v.name.clone(), v)).collect();
    let names: BTreeSet<&str> = by_name.keys().map(String::as_str).collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::with_capacity(by_name.len());
    // Repeated passes: each adds the views whose dependencies are all placed. A schema has
    // few views, and the passes stop when one adds nothing.
    loop {
        let mut added = false;
        for (key, view) in &by_name {
            if done.contains(key) {
                continue;
            }
            let ready = view.depends_on.iter().all(|d| match resolve(d, &names) {
                Some(d) => d == key || done.contains(d),
                None => true,
            });
            if ready {
                done.insert(key.clone());
                out.push(*view);
                added = true;
            }
        }
        if !added {
            break;
        }
    }
    out.extend(
        by_name
            .iter()
            .filter(|(k, _)| !done.contains(*k))
            .map(|(_, v)| *v),
    );
    out
}

/// The triggers of `triggers` in their order, each after the triggers among them that it
/// depends on (a MySQL trigger that `FOLLOWS` another is created after it); otherwise in
/// the order given. Triggers in a cycle keep that order.
pub fn trigger_order<'a>(triggers: impl IntoIterator<Item = &'a Trigger>) -> Vec<&'a Trigger> {
    let mut left: Vec<&Trigger> = triggers.into_iter().collect();
    let mut out = Vec::with_capacity(left.len());
    while !left.is_empty() {
        let waits = |t: &Trigger, left: &[&Trigger]| {
            t.depends_on
                .iter()
                .any(|d| *d != t.name && left.iter().any(|o| o.name == *d))
        };
        let ready = left.iter().position(|t| !waits(t, &left)).unwrap_or(0);
        out.push(left.remove(ready));
    }
    out
}

impl Schema {
    /// The statements creating this schema's views (in dependency order) and triggers
    /// (by name, each after the triggers it follows), as stored.
    pub fn view_and_trigger_statements(&self) -> Vec<String> {
        view_order(self.views.values())
            .into_iter()
            .map(|v| v.definition.clone())
            .chain(
                trigger_order(self.triggers.values())
                    .into_iter()
                    .map(|t: &Trigger| t.definition.clone()),
            )
            .collect()
    }

    /// The views and triggers that must be dropped and recreated when `table` is rebuilt
    /// or replaced: the triggers on it, the views that read it, and in turn everything
    /// that depends on those views, views in creation order.
    pub fn dependents_of(&self, table: &str) -> (Vec<&View>, Vec<&Trigger>) {
        let names: BTreeSet<&str> = self
            .tables
            .keys()
            .chain(self.views.keys())
            .map(String::as_str)
            .chain([table])
            .collect();
        let mut used: BTreeSet<&str> = BTreeSet::from([table]);
        let reads =
            |d: &str, used: &BTreeSet<&str>| resolve(d, &names).is_some_and(|d| used.contains(d));
        loop {
            let before = used.len();
            for v in self.views.values() {
                if v.name != table && v.depends_on.iter().any(|d| reads(d, &used)) {
                    used.insert(&v.name);
                }
            }
            if used.len() == before {
                break;
            }
        }
        let views: Vec<&View> = view_order(
            self.views
                .values()
                .filter(|v| v.name != table && used.contains(v.name.as_str())),
        );
        let triggers = self
            .triggers
            .values()
            .filter(|t| t.needs().any(|n| reads(n, &used)))
            .collect();
        (views, triggers)
    }
}

/// The name among `names` that `reference` means: the same name, else (SQLite, where
/// names are case-insensitive and a statement may spell one differently) the one that
/// differs only in case. PostgreSQL's `"ActiveUsers"` and `activeusers` are two objects,
/// and each keeps its own.
fn resolve<'a>(reference: &str, names: &BTreeSet<&'a str>) -> Option<&'a str> {
    if let Some(exact) = names.get(reference) {
        return Some(exact);
    }
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(reference))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str, depends_on: &[&str]) -> View {
        View {
            name: name.into(),
            definition: format!("CREATE VIEW {name} AS SELECT 1"),
            depends_on: depends_on.iter().map(|d| d.to_string()).collect(),
            ..View::default()
        }
    }

    #[test]
    fn views_come_after_the_views_they_read() {
        let views = [view("a", &["c"]), view("b", &["t"]), view("c", &["b", "t"])];
        let order: Vec<&str> = view_order(&views).iter().map(|v| v.name.as_str()).collect();
        assert_eq!(order, ["b", "c", "a"]);
    }

    #[test]
    fn a_trigger_comes_after_the_trigger_it_follows() {
        let trigger = |name: &str, follows: &[&str]| Trigger {
            depends_on: follows.iter().map(|d| d.to_string()).collect(),
            ..Trigger::new(name, "t", format!("CREATE TRIGGER {name} …"))
        };
        let triggers = [
            trigger("a", &["c"]),
            trigger("b", &["t"]),
            trigger("c", &[]),
        ];
        let order: Vec<&str> = trigger_order(&triggers)
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(order, ["b", "c", "a"]);
    }

    #[test]
    fn names_that_differ_in_case_are_two_views_unless_only_the_case_matches() {
        let mut s = Schema::default();
        for v in [
            view("ActiveUsers", &["users"]),
            view("activeusers", &["users"]),
            view("top", &["ACTIVEUSERS"]),
        ] {
            s.views.insert(v.name.clone(), v);
        }
        // `top` names neither exactly: SQLite's case-insensitive match, the first by name.
        let names = |t: &str| -> Vec<String> {
            s.dependents_of(t)
                .0
                .iter()
                .map(|v| v.name.clone())
                .collect()
        };
        assert_eq!(names("ActiveUsers"), ["top"]);
        assert!(names("activeusers").is_empty());
        assert_eq!(names("users"), ["ActiveUsers", "activeusers", "top"]);
    }

    #[test]
    fn dependents_are_transitive_and_snapshots_without_views_load() {
        let mut s = Schema::default();
        for v in [view("a", &["t"]), view("b", &["a"]), view("c", &["u"])] {
            s.views.insert(v.name.clone(), v);
        }
        s.triggers.insert(
            "on_b".into(),
            Trigger::new(
                "on_b",
                "b",
                "CREATE TRIGGER on_b INSTEAD OF INSERT ON b BEGIN SELECT 1; END",
            ),
        );
        let (views, triggers) = s.dependents_of("T");
        let names: Vec<&str> = views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(triggers.len(), 1);
        let again = Schema::from_json(&s.to_json()).unwrap();
        assert_eq!(again, s);
        // A snapshot written before views existed has neither key.
        let old = Schema::default().to_json();
        assert!(!old.contains("views") && !old.contains("triggers"), "{old}");
        assert!(Schema::from_json(&old).unwrap().views.is_empty());
    }
}
