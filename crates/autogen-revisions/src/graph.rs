//! The revision graph: revisions and their parents, heads, bases, history, lookup.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap};
use std::path::PathBuf;

use crate::error::{RevisionError, RevisionRef};

/// One migration: an autogen revision (with a header) or an adopted hand-written one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// 12 lowercase hex digits; for a hand-written migration, its module name.
    pub id: String,
    /// The module name, `m{YYYYMMDD_HHMMSS}_{slug}` (the file stem, and the
    /// `seaql_migrations.version` value once applied).
    pub module: String,
    /// The migration file.
    pub path: PathBuf,
    /// Parent ids: none for a base, two or more for a merge.
    pub parents: Vec<String>,
    /// 1-based line of `//! Parents:` in the file; 0 for a hand-written migration.
    pub parents_line: usize,
    /// The message (for a hand-written migration, its module name's slug with spaces).
    pub message: String,
    /// Creation time, `YYYY-MM-DDTHH:MM:SSZ` (for a hand-written migration, from its module name).
    pub created: String,
    /// Further header lines (hazards, …), without `//! `.
    pub notes: Vec<String>,
    /// A hand-written migration adopted into the graph (no header).
    pub adopted: bool,
}

impl Revision {
    fn reference(&self) -> RevisionRef {
        RevisionRef {
            id: self.id.clone(),
            path: self.path.clone(),
        }
    }
}

/// Revisions linked by their parents. Ids are unique; parents may name unknown ids (see
/// [`RevisionGraph::problems`]).
#[derive(Debug, Clone, Default)]
pub struct RevisionGraph {
    revisions: Vec<Revision>,
    by_id: HashMap<String, usize>,
    children: Vec<Vec<usize>>,
}

impl RevisionGraph {
    /// Builds the graph. Revisions with an id seen before are dropped (the caller reports them).
    pub fn new(revisions: Vec<Revision>) -> Self {
        let mut graph = RevisionGraph::default();
        for r in revisions {
            if !graph.by_id.contains_key(&r.id) {
                graph.by_id.insert(r.id.clone(), graph.revisions.len());
                graph.revisions.push(r);
            }
        }
        graph.children = vec![Vec::new(); graph.revisions.len()];
        for (i, r) in graph.revisions.iter().enumerate() {
            for p in &r.parents {
                if let Some(&pi) = graph.by_id.get(p) {
                    graph.children[pi].push(i);
                }
            }
        }
        graph
    }

    /// All revisions, in the order given (file name order when loaded).
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    /// Whether there are no revisions.
    pub fn is_empty(&self) -> bool {
        self.revisions.is_empty()
    }

    /// The revision with exactly this id.
    pub fn by_id(&self, id: &str) -> Option<&Revision> {
        self.by_id.get(id).map(|&i| &self.revisions[i])
    }

    /// The revision with this module name.
    pub fn by_module(&self, module: &str) -> Option<&Revision> {
        self.revisions.iter().find(|r| r.module == module)
    }

    /// The revisions whose parents include `id`.
    pub fn children(&self, id: &str) -> Vec<&Revision> {
        self.by_id
            .get(id)
            .map(|&i| {
                self.children[i]
                    .iter()
                    .map(|&c| &self.revisions[c])
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Looks a revision up by id, module name, or a unique prefix of either.
    pub fn get(&self, query: &str) -> Result<&Revision, RevisionError> {
        if let Some(r) = self.by_id(query).or_else(|| self.by_module(query)) {
            return Ok(r);
        }
        let found: Vec<&Revision> = self
            .revisions
            .iter()
            .filter(|r| {
                !query.is_empty() && (r.id.starts_with(query) || r.module.starts_with(query))
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(RevisionError::UnknownRevision {
                query: query.to_string(),
            }),
            many => Err(RevisionError::AmbiguousRevision {
                query: query.to_string(),
                candidates: many.iter().map(|r| r.id.clone()).collect(),
            }),
        }
    }

    /// Revisions no other revision names as a parent, in history order.
    pub fn heads(&self) -> Vec<&Revision> {
        self.ordered(|i| self.children[i].is_empty())
    }

    /// Revisions with no parents, in history order.
    pub fn bases(&self) -> Vec<&Revision> {
        self.ordered(|i| self.revisions[i].parents.is_empty())
    }

    fn ordered(&self, keep: impl Fn(usize) -> bool) -> Vec<&Revision> {
        let order = self.order();
        order
            .into_iter()
            .filter(|&i| keep(i))
            .map(|i| &self.revisions[i])
            .collect()
    }

    /// Topological order, parents before children, ties by creation time then id; revisions
    /// in or after a cycle come last, in file order.
    fn order(&self) -> Vec<usize> {
        let (mut order, rest) = self.topological();
        order.extend(rest);
        order
    }

    /// (sorted part, leftover indices in a cycle or downstream of one).
    fn topological(&self) -> (Vec<usize>, Vec<usize>) {
        let n = self.revisions.len();
        let mut pending: Vec<usize> = self
            .revisions
            .iter()
            .map(|r| {
                r.parents
                    .iter()
                    .filter(|p| self.by_id.contains_key(*p))
                    .count()
            })
            .collect();
        let key = |i: usize| {
            Reverse((
                self.revisions[i].created.clone(),
                self.revisions[i].id.clone(),
                i,
            ))
        };
        let mut ready: BinaryHeap<_> = (0..n).filter(|&i| pending[i] == 0).map(key).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(Reverse((_, _, i))) = ready.pop() {
            order.push(i);
            for &c in &self.children[i] {
                pending[c] -= 1;
                if pending[c] == 0 {
                    ready.push(key(c));
                }
            }
        }
        let placed: BTreeSet<usize> = order.iter().copied().collect();
        let rest = (0..n).filter(|i| !placed.contains(i)).collect();
        (order, rest)
    }

    /// All revisions, parents before children, ties by creation time then id.
    pub fn history(&self) -> Result<Vec<&Revision>, RevisionError> {
        let (order, rest) = self.topological();
        if !rest.is_empty() {
            return Err(self.cycle(&rest));
        }
        Ok(order.into_iter().map(|i| &self.revisions[i]).collect())
    }

    /// The cycle reached by walking parents from the first leftover revision.
    fn cycle(&self, rest: &[usize]) -> RevisionError {
        let left: BTreeSet<usize> = rest.iter().copied().collect();
        let mut path = vec![rest[0]];
        loop {
            let last = *path.last().expect("non-empty");
            let next = self.revisions[last]
                .parents
                .iter()
                .filter_map(|p| self.by_id.get(p).copied())
                .find(|p| left.contains(p))
                .expect("a leftover revision has a leftover parent");
            if let Some(pos) = path.iter().position(|&i| i == next) {
                // path[pos..] walks child → parent; report parent → child.
                let mut cycle: Vec<RevisionRef> = path[pos..]
                    .iter()
                    .map(|&i| self.revisions[i].reference())
                    .collect();
                cycle.reverse();
                return RevisionError::Cycle { revisions: cycle };
            }
            path.push(next);
        }
    }

    /// Missing parents, cycles and multiple heads.
    pub fn problems(&self) -> Vec<RevisionError> {
        let mut problems = Vec::new();
        for r in &self.revisions {
            for p in &r.parents {
                if !self.by_id.contains_key(p) {
                    problems.push(RevisionError::MissingParent {
                        path: r.path.clone(),
                        line: r.parents_line,
                        id: r.id.clone(),
                        parent: p.clone(),
                    });
                }
            }
        }
        if let Err(cycle) = self.history() {
            problems.push(cycle);
        }
        let heads = self.heads();
        if heads.len() > 1 {
            problems.push(RevisionError::MultipleHeads {
                heads: heads.iter().map(|r| r.reference()).collect(),
            });
        }
        problems
    }

    /// The applied heads: maps `seaql_migrations.version` values (module names) onto the
    /// graph and returns the applied revisions none of whose children are applied, in
    /// history order. Empty when nothing is applied.
    pub fn current(&self, applied: &[String]) -> Result<Vec<&Revision>, RevisionError> {
        let mut set = BTreeSet::new();
        for version in applied {
            let Some(r) = self.by_module(version) else {
                return Err(RevisionError::AppliedWithoutFile {
                    version: version.clone(),
                });
            };
            set.insert(self.by_id[&r.id]);
        }
        Ok(self
            .order()
            .into_iter()
            .filter(|i| set.contains(i) && !self.children[*i].iter().any(|c| set.contains(c)))
            .map(|i| &self.revisions[i])
            .collect())
    }

    /// The revisions not yet applied, in history order.
    pub fn pending(&self, applied: &[String]) -> Vec<&Revision> {
        self.order()
            .into_iter()
            .map(|i| &self.revisions[i])
            .filter(|r| !applied.contains(&r.module))
            .collect()
    }

    /// The modules in history order (cycles last).
    pub(crate) fn module_order(&self) -> Vec<String> {
        self.order()
            .into_iter()
            .map(|i| self.revisions[i].module.clone())
            .collect()
    }
}
