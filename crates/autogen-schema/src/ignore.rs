//! Objects the models do not manage, by kind and name glob (`[models] ignore` in
//! `autogen.toml`, like Alembic's `include_object`): never compared, never planned.

use std::collections::BTreeMap;
use std::fmt;

use crate::Schema;

/// A kind of object an ignore rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum IgnoredKind {
    /// Tables (with everything on them).
    Tables,
    /// Named enum types.
    Enums,
    /// Views and materialized views.
    Views,
    /// Triggers.
    Triggers,
    /// Functions and procedures.
    Functions,
    /// PostgreSQL domains.
    Domains,
    /// PostgreSQL extensions.
    Extensions,
    /// Indexes that are not constraints.
    Indexes,
    /// Unique constraints.
    Uniques,
    /// Foreign keys.
    ForeignKeys,
    /// Check constraints.
    Checks,
    /// Exclusion constraints.
    Exclusions,
    /// Row-level security policies.
    Policies,
}

impl IgnoredKind {
    /// Every kind with the word that names it in a rule.
    pub const ALL: [(&'static str, IgnoredKind); 13] = [
        ("tables", IgnoredKind::Tables),
        ("enums", IgnoredKind::Enums),
        ("views", IgnoredKind::Views),
        ("triggers", IgnoredKind::Triggers),
        ("functions", IgnoredKind::Functions),
        ("domains", IgnoredKind::Domains),
        ("extensions", IgnoredKind::Extensions),
        ("indexes", IgnoredKind::Indexes),
        ("uniques", IgnoredKind::Uniques),
        ("foreign_keys", IgnoredKind::ForeignKeys),
        ("checks", IgnoredKind::Checks),
        ("exclusions", IgnoredKind::Exclusions),
        ("policies", IgnoredKind::Policies),
    ];

    /// The word that names the kind in a rule.
    pub fn word(self) -> &'static str {
        IgnoredKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("", |(w, _)| w)
    }

    /// Whether objects of the kind live on a table (matched by `name` or `table.name`).
    fn on_table(self) -> bool {
        matches!(
            self,
            IgnoredKind::Indexes
                | IgnoredKind::Uniques
                | IgnoredKind::ForeignKeys
                | IgnoredKind::Checks
                | IgnoredKind::Exclusions
                | IgnoredKind::Policies
        )
    }
}

/// One rule: a kind, and optionally a glob its objects' names must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreRule {
    /// The kind.
    pub kind: IgnoredKind,
    /// `*` (any run of characters) and `?` (one character); `None`: every object.
    pub glob: Option<String>,
}

/// Why a rule does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoreRuleError {
    /// The rule as written.
    pub rule: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for IgnoreRuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::escape::terminal(&format!("{:?}", self.rule)),
            self.reason
        )
    }
}

impl std::error::Error for IgnoreRuleError {}

impl IgnoreRule {
    /// Parses `kind` or `kind:glob` (`views`, `functions:audit_*`, `indexes:events.*`).
    pub fn parse(text: &str) -> Result<IgnoreRule, IgnoreRuleError> {
        let error = |reason: String| IgnoreRuleError {
            rule: text.to_string(),
            reason,
        };
        let (word, glob) = match text.split_once(':') {
            Some((w, g)) => (w.trim(), Some(g.trim())),
            None => (text.trim(), None),
        };
        let kind = IgnoredKind::ALL
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, k)| *k)
            .ok_or_else(|| {
                let words: Vec<&str> = IgnoredKind::ALL.iter().map(|(w, _)| *w).collect();
                error(format!(
                    "unknown object kind; expected one of {}, optionally followed by `:` and a name glob",
                    words.join(", ")
                ))
            })?;
        if glob.is_some_and(str::is_empty) {
            return Err(error(
                "empty name glob after `:`; write the kind alone to ignore every object of it"
                    .into(),
            ));
        }
        Ok(IgnoreRule {
            kind,
            glob: glob.map(str::to_string),
        })
    }

    /// Whether the rule covers an object of `kind` named `name`, on `table` for the kinds
    /// that live on a table. A glob with a `.` in it is matched against `table.name`.
    pub fn covers(&self, kind: IgnoredKind, name: &str, table: Option<&str>) -> bool {
        if kind != self.kind {
            return false;
        }
        let Some(glob) = &self.glob else {
            return true;
        };
        match table {
            Some(t) if glob.contains('.') => glob_matches(glob, &format!("{t}.{name}")),
            _ => glob_matches(glob, name),
        }
    }
}

/// The rules of `[models] ignore`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ignore {
    /// The rules, in the order written.
    pub rules: Vec<IgnoreRule>,
}

impl Ignore {
    /// Parses every rule; the first that does not parse is the error.
    pub fn parse<S: AsRef<str>>(rules: &[S]) -> Result<Ignore, IgnoreRuleError> {
        Ok(Ignore {
            rules: rules
                .iter()
                .map(|r| IgnoreRule::parse(r.as_ref()))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Whether there is no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether a rule covers the object.
    pub fn covers(&self, kind: IgnoredKind, name: &str, table: Option<&str>) -> bool {
        self.rules.iter().any(|r| r.covers(kind, name, table))
    }

    fn names_kind(&self, kind: IgnoredKind) -> bool {
        self.rules.iter().any(|r| r.kind == kind)
    }
}

/// `*` matches any run of characters, `?` exactly one; everything else itself.
pub fn glob_matches(glob: &str, name: &str) -> bool {
    let (g, n): (Vec<char>, Vec<char>) = (glob.chars().collect(), name.chars().collect());
    // Iterative matching with one backtrack point for the last `*`: linear in practice,
    // never exponential on hostile globs.
    let (mut gi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if gi < g.len() && (g[gi] == '?' || (g[gi] != '*' && g[gi] == n[ni])) {
            gi += 1;
            ni += 1;
        } else if gi < g.len() && g[gi] == '*' {
            star = Some((gi, ni));
            gi += 1;
        } else if let Some((sg, sn)) = star {
            gi = sg + 1;
            ni = sn + 1;
            star = Some((sg, sn + 1));
        } else {
            return false;
        }
    }
    g[gi..].iter().all(|c| *c == '*')
}

/// In `mine`, the entries a rule covers become `theirs`'s (added, replaced or removed).
fn take_covered<T: Clone>(
    mine: &mut BTreeMap<String, T>,
    theirs: &BTreeMap<String, T>,
    covered: impl Fn(&T) -> bool,
) {
    mine.retain(|_, v| !covered(v));
    for (key, value) in theirs {
        if covered(value) {
            mine.insert(key.clone(), value.clone());
        }
    }
}

/// In `mine`, the parts a rule covers become `theirs`'s.
fn take_covered_parts<T: Clone>(mine: &mut Vec<T>, theirs: &[T], covered: impl Fn(&T) -> bool) {
    mine.retain(|p| !covered(p));
    mine.extend(theirs.iter().filter(|p| covered(p)).cloned());
}

impl Schema {
    /// Makes every object `ignore` covers what it is in `other`, so that a plan from
    /// `other` to `self` neither creates, drops nor alters it: added where `other` has it
    /// and `self` does not, removed where only `self` has it, replaced where both do.
    /// A covered table is taken whole; the parts of a table `other` lacks are removed.
    pub fn take_ignored_from(&mut self, other: &Schema, ignore: &Ignore) {
        if ignore.is_empty() {
            return;
        }
        use IgnoredKind as K;
        let covers = |kind, name: &str| ignore.covers(kind, name, None);
        take_covered(&mut self.tables, &other.tables, |t| {
            covers(K::Tables, &t.name)
        });
        take_covered(&mut self.enums, &other.enums, |e| covers(K::Enums, &e.name));
        take_covered(&mut self.views, &other.views, |v| covers(K::Views, &v.name));
        take_covered(&mut self.triggers, &other.triggers, |t| {
            ignore.covers(K::Triggers, &t.name, Some(&t.table))
        });
        take_covered(&mut self.functions, &other.functions, |f| {
            covers(K::Functions, &f.name)
        });
        take_covered(&mut self.domains, &other.domains, |d| {
            covers(K::Domains, &d.name)
        });
        take_covered(&mut self.extensions, &other.extensions, |e| {
            covers(K::Extensions, &e.name)
        });
        if !IgnoredKind::ALL
            .iter()
            .any(|(_, k)| k.on_table() && ignore.names_kind(*k))
        {
            return;
        }
        let empty = crate::Table::default();
        for (name, table) in &mut self.tables {
            let theirs = other.tables.get(name).unwrap_or(&empty);
            let on = |kind, part: &str| ignore.covers(kind, part, Some(name));
            take_covered_parts(&mut table.indexes, &theirs.indexes, |i| {
                on(K::Indexes, &i.name)
            });
            take_covered_parts(&mut table.uniques, &theirs.uniques, |u| {
                on(K::Uniques, &u.name)
            });
            table
                .unnamed_uniques
                .retain(|n| table.uniques.iter().any(|u| &u.name == n));
            take_covered_parts(&mut table.foreign_keys, &theirs.foreign_keys, |f| {
                on(K::ForeignKeys, &f.name)
            });
            take_covered_parts(&mut table.checks, &theirs.checks, |c| {
                on(K::Checks, &c.name)
            });
            take_covered_parts(&mut table.exclusions, &theirs.exclusions, |x| {
                on(K::Exclusions, &x.name)
            });
            take_covered_parts(&mut table.policies, &theirs.policies, |p| {
                on(K::Policies, &p.name)
            });
            // The IR keeps parts sorted by name.
            table.indexes.sort_by(|a, b| a.name.cmp(&b.name));
            table.uniques.sort_by(|a, b| a.name.cmp(&b.name));
            table.foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
            table.checks.sort_by(|a, b| a.name.cmp(&b.name));
            table.exclusions.sort_by(|a, b| a.name.cmp(&b.name));
            table.policies.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_runs_and_single_characters() {
        for (glob, name, expected) in [
            ("audit_*", "audit_log", true),
            ("audit_*", "audit_", true),
            ("audit_*", "xaudit_log", false),
            ("*_log", "audit_log", true),
            ("a?c", "abc", true),
            ("a?c", "ac", false),
            ("*a*b*", "xxaxxbxx", true),
            ("*a*b*", "xxbxxaxx", false),
            ("exact", "exact", true),
            ("exact", "exactly", false),
            ("*", "", true),
        ] {
            assert_eq!(glob_matches(glob, name), expected, "{glob} ~ {name}");
        }
        // Hostile globs stay fast.
        let long = "a".repeat(5000);
        assert!(!glob_matches(
            &"*a".repeat(50).replace("**", "*"),
            &(long + "b")
        ));
    }

    #[test]
    fn rules_parse_and_bad_ones_name_themselves() {
        assert_eq!(
            IgnoreRule::parse("functions:audit_*").unwrap(),
            IgnoreRule {
                kind: IgnoredKind::Functions,
                glob: Some("audit_*".into())
            }
        );
        assert_eq!(IgnoreRule::parse("views").unwrap().glob, None);
        let e = IgnoreRule::parse("viewz:x").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("\"viewz:x\": unknown object kind"),
            "{e}"
        );
        assert!(IgnoreRule::parse("views:").is_err());
    }

    #[test]
    fn table_parts_match_by_name_or_table_dot_name() {
        let rule = IgnoreRule::parse("indexes:events.*").unwrap();
        assert!(rule.covers(IgnoredKind::Indexes, "ix_a", Some("events")));
        assert!(!rule.covers(IgnoredKind::Indexes, "ix_a", Some("users")));
        assert!(!rule.covers(IgnoredKind::Checks, "ix_a", Some("events")));
        let rule = IgnoreRule::parse("indexes:ix_*").unwrap();
        assert!(rule.covers(IgnoredKind::Indexes, "ix_a", Some("users")));
    }
}
