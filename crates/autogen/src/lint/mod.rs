//! The hazards of migration files, and the policy that says which of them a project
//! accepts (docs/safety.md).
//!
//! One analysis serves three commands: `revision` lints the file it is about to write and
//! refuses (or records the allowance) before writing; `check` and `lint` lint the files of
//! the migrations crate. A file is read in the way that fits it:
//!
//! - a file autogen generated: the per-step hazards its header lists ([`generated`]), which
//!   the differ computed knowing the schema before the file;
//! - a hand-written `.rs` migration: the SQL strings and the sea-query builder calls of its
//!   `up` ([`rust`]);
//! - a `.sql` file: its statements, parsed with sqlparser ([`sql`]).

mod generated;
mod rust;
mod sql;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A lint rule: a kind of statement with a hazard. The first six are destructive, lossy or
/// backward incompatible, and a policy must allow them; the others are reported as
/// warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// `DROP TABLE` of a table that existed before the file.
    DropTable,
    /// `DROP COLUMN` (or a SQLite rebuild that leaves a column out).
    DropColumn,
    /// A table or column renamed.
    Rename,
    /// A column type that holds less: values that do not fit make it fail.
    Narrowing,
    /// A column type change that rounds or reinterpreted values without an error.
    LossyConversion,
    /// An enumeration loses a value (or its values are reordered).
    DropEnumValue,
    /// `CREATE INDEX` on an existing table, not `CONCURRENTLY`.
    CreateIndex,
    /// `DROP INDEX`, not `CONCURRENTLY`.
    DropIndex,
    /// A new unique constraint or unique index on an existing table.
    AddUnique,
    /// A foreign key added to an existing table without `NOT VALID`.
    AddForeignKey,
    /// A check added to an existing table without `NOT VALID`.
    AddCheck,
    /// `SET NOT NULL` on an existing column.
    SetNotNull,
    /// `DROP NOT NULL`: old code may rely on the column never being NULL.
    DropNotNull,
    /// `DROP DEFAULT`: inserts that leave the column out get NULL (or fail) instead.
    DropDefault,
    /// A unique, primary key, check, foreign key or exclusion constraint (or a unique
    /// index) dropped from an existing table: what relied on it breaks.
    DropConstraint,
    /// A `NOT NULL` column without a default added to an existing table.
    AddRequiredColumn,
    /// A column type change that rewrites the table.
    ChangeColumnType,
    /// A column whose default or identity makes the table be rewritten.
    AddColumnRewrite,
    /// A statement lint could not read: it is not analysed.
    NotAnalysed,
}

/// What each rule is, in one table: (rule, code, needs an allowance, autogen hazards,
/// squawk rules, Atlas analyzer codes, what it means).
struct RuleInfo {
    code: &'static str,
    allowance: bool,
    hazards: &'static str,
    squawk: &'static str,
    atlas: &'static str,
    meaning: &'static str,
}

impl Rule {
    /// Every rule, in the order of docs/safety.md.
    pub const ALL: [Rule; 19] = [
        Rule::DropTable,
        Rule::DropColumn,
        Rule::Rename,
        Rule::Narrowing,
        Rule::LossyConversion,
        Rule::DropEnumValue,
        Rule::CreateIndex,
        Rule::DropIndex,
        Rule::AddUnique,
        Rule::AddForeignKey,
        Rule::AddCheck,
        Rule::SetNotNull,
        Rule::DropNotNull,
        Rule::DropDefault,
        Rule::DropConstraint,
        Rule::AddRequiredColumn,
        Rule::ChangeColumnType,
        Rule::AddColumnRewrite,
        Rule::NotAnalysed,
    ];

    fn info(self) -> RuleInfo {
        let i = |code, allowance, hazards, squawk, atlas, meaning| RuleInfo {
            code,
            allowance,
            hazards,
            squawk,
            atlas,
            meaning,
        };
        match self {
            Rule::DropTable => i(
                "drop-table",
                true,
                "deletes-data, backward-incompatible",
                "ban-drop-table",
                "DS102",
                "the table and its rows are deleted",
            ),
            Rule::DropColumn => i(
                "drop-column",
                true,
                "deletes-data, backward-incompatible",
                "ban-drop-column",
                "DS103",
                "the column's values are deleted",
            ),
            Rule::Rename => i(
                "rename",
                true,
                "backward-incompatible",
                "renaming-table, renaming-column",
                "BC101, BC102",
                "code using the old name breaks until it is deployed",
            ),
            Rule::Narrowing => i(
                "narrowing",
                true,
                "data-dependent, backward-incompatible",
                "changing-column-type",
                "PG301",
                "the column holds less: values that do not fit make it fail",
            ),
            Rule::LossyConversion => i(
                "lossy-conversion",
                true,
                "lossy-conversion",
                "changing-column-type",
                "PG301",
                "stored values change without an error; the downgrade does not restore them",
            ),
            Rule::DropEnumValue => i(
                "drop-enum-value",
                true,
                "data-dependent, backward-incompatible",
                "-",
                "-",
                "rows holding a removed value make it fail; code writing it breaks",
            ),
            Rule::CreateIndex => i(
                "create-index",
                false,
                "blocks-writes",
                "require-concurrent-index-creation",
                "PG101",
                "writes to the table wait until the index is built (CONCURRENTLY does not block)",
            ),
            Rule::DropIndex => i(
                "drop-index",
                false,
                "blocks-writes",
                "require-concurrent-index-deletion",
                "PG102",
                "takes an exclusive lock on the table (CONCURRENTLY does not)",
            ),
            Rule::AddUnique => i(
                "add-unique",
                false,
                "data-dependent, blocks-writes",
                "disallowed-unique-constraint",
                "MF101",
                "fails on existing duplicates; the index build blocks writes",
            ),
            Rule::AddForeignKey => i(
                "add-foreign-key",
                false,
                "full-scan-under-lock, data-dependent",
                "adding-foreign-key-constraint",
                "PG306",
                "both tables are locked while every row is checked (NOT VALID, then VALIDATE)",
            ),
            Rule::AddCheck => i(
                "add-check",
                false,
                "full-scan-under-lock, data-dependent",
                "constraint-missing-not-valid",
                "PG305",
                "every row is checked while writes are blocked (NOT VALID, then VALIDATE)",
            ),
            Rule::SetNotNull => i(
                "set-not-null",
                false,
                "full-scan-under-lock, data-dependent",
                "adding-not-nullable-field",
                "MF104, PG303",
                "fails on existing NULLs; every row is scanned under an exclusive lock",
            ),
            Rule::DropNotNull => i(
                "drop-not-null",
                false,
                "backward-incompatible",
                "ban-drop-not-null",
                "-",
                "code that relies on the column never being NULL breaks",
            ),
            Rule::DropDefault => i(
                "drop-default",
                false,
                "backward-incompatible",
                "ban-drop-default",
                "-",
                "inserts that leave the column out get NULL, or fail on NOT NULL, instead of the default",
            ),
            Rule::DropConstraint => i(
                "drop-constraint",
                false,
                "backward-incompatible",
                "ban-drop-constraint",
                "-",
                "the database stops enforcing a key or check: code relying on it (ON CONFLICT, a cascade) breaks, and adding it back fails on rows written meanwhile",
            ),
            Rule::AddRequiredColumn => i(
                "add-required-column",
                false,
                "data-dependent",
                "adding-required-field",
                "MF103",
                "fails when the table has rows: a NOT NULL column needs a default",
            ),
            Rule::ChangeColumnType => i(
                "change-column-type",
                false,
                "rewrites-table",
                "changing-column-type",
                "PG301",
                "the table is rewritten under an exclusive lock",
            ),
            Rule::AddColumnRewrite => i(
                "add-column-rewrite",
                false,
                "rewrites-table",
                "adding-field-with-default",
                "PG302",
                "a volatile default or an identity rewrites the table under an exclusive lock",
            ),
            Rule::NotAnalysed => i(
                "not-analysed",
                false,
                "-",
                "-",
                "-",
                "lint could not read this statement; review it by hand",
            ),
        }
    }

    /// The rule's name, as `--allow` and the reports spell it.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// Whether a policy must allow it (destructive, lossy or backward incompatible).
    pub fn needs_allowance(self) -> bool {
        self.info().allowance
    }

    /// The autogen hazards of the statements the rule finds.
    pub fn hazards(self) -> &'static str {
        self.info().hazards
    }

    /// The squawk rules that find the same statements (`-` for none).
    pub fn squawk(self) -> &'static str {
        self.info().squawk
    }

    /// The Atlas analyzer codes that find the same statements (`-` for none).
    pub fn atlas(self) -> &'static str {
        self.info().atlas
    }

    /// What it means for the operator.
    pub fn meaning(self) -> &'static str {
        self.info().meaning
    }

    /// The rule named `code`, if any.
    pub fn parse(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The rules a policy can allow.
    pub fn allowances() -> impl Iterator<Item = Rule> {
        Rule::ALL.into_iter().filter(|r| r.needs_allowance())
    }
}

/// Where an allowance comes from, for the header line and the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowedBy {
    /// `--allow` on the command line.
    Flag,
    /// `[policy] allow` in autogen.toml.
    Config,
}

impl AllowedBy {
    fn text(self) -> &'static str {
        match self {
            AllowedBy::Flag => "--allow",
            AllowedBy::Config => "autogen.toml [policy]",
        }
    }
}

/// The hazards a project accepts: the rules needing an allowance that are allowed.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    allowed: BTreeMap<Rule, AllowedBy>,
}

impl Policy {
    /// Adds allowances named `names` (each a rule code), or says which name is unknown.
    pub fn allow(&mut self, names: &[String], by: AllowedBy) -> Result<(), String> {
        for name in names {
            for name in name.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                match Rule::parse(name).filter(|r| r.needs_allowance()) {
                    Some(rule) => {
                        self.allowed.entry(rule).or_insert(by);
                    }
                    None => {
                        return Err(format!(
                            "unknown allowance {}: expected one of {}",
                            autogen_schema::escape::terminal(name),
                            allowance_names()
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// Whether `rule` is allowed (rules that need no allowance always are).
    pub fn allows(&self, rule: Rule) -> bool {
        !rule.needs_allowance() || self.allowed.contains_key(&rule)
    }

    /// What allowed `rule`, if an allowance did.
    pub fn allowed_by(&self, rule: Rule) -> Option<AllowedBy> {
        self.allowed.get(&rule).copied()
    }
}

/// `drop-table, drop-column, …`: the allowance names, for messages.
pub fn allowance_names() -> String {
    Rule::allowances()
        .map(Rule::code)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text `--allow help` prints: each allowance and what it means.
pub fn allowance_help() -> String {
    let mut out = String::from(
        "Allowances (`--allow a,b` or `[policy] allow = [\"a\", \"b\"]` in autogen.toml):\n",
    );
    for rule in Rule::allowances() {
        out.push_str(&format!("  {:<18} {}\n", rule.code(), rule.meaning()));
    }
    out
}

/// The header line that records the allowances a generated file uses:
/// `Allowed: drop-column (--allow), rename (autogen.toml [policy])`.
pub fn allowed_line(rules: &BTreeSet<Rule>, policy: &Policy) -> String {
    let parts: Vec<String> = rules
        .iter()
        .map(|r| match policy.allowed_by(*r) {
            Some(by) => format!("{} ({})", r.code(), by.text()),
            None => r.code().to_string(),
        })
        .collect();
    format!("Allowed: {}", parts.join(", "))
}

/// How a file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// An autogen revision: its header's hazards.
    Generated,
    /// A hand-written Rust migration: SQL strings and builder calls in `up`.
    HandWritten,
    /// A SQL script.
    Sql,
}

/// One hazardous statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// 1-based line in the file.
    pub line: usize,
    /// What the statement does (a step's description, or the statement).
    pub what: String,
}

/// The findings of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    /// The file.
    pub path: PathBuf,
    /// How it was read.
    pub kind: FileKind,
    /// What it does that has a hazard, in file order.
    pub findings: Vec<Finding>,
    /// The allowances its header records (`//! Allowed:`).
    pub recorded: BTreeSet<Rule>,
}

impl FileReport {
    /// The findings the policy and the file's recorded allowances do not allow.
    pub fn violations<'a>(&'a self, policy: &'a Policy) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(|f| !policy.allows(f.rule) && !self.recorded.contains(&f.rule))
    }
}

/// Lints the text of one file: `.sql` as SQL, anything else as a Rust migration.
pub fn lint_text(path: &Path, text: &str) -> FileReport {
    let is_sql = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sql"));
    let (kind, mut findings, recorded) = if is_sql {
        (FileKind::Sql, sql::lint_script(text, 1), BTreeSet::new())
    } else if let Some(header) = generated::parse(text) {
        (FileKind::Generated, header.findings, header.recorded)
    } else {
        (FileKind::HandWritten, rust::lint(text), BTreeSet::new())
    };
    // A generated file's findings are in step order already (a step's line is its `// N.`
    // comment, or its header line when the code has none).
    if kind != FileKind::Generated {
        findings.sort_by_key(|f| f.line);
    }
    findings.dedup_by(|a, b| a.rule == b.rule && a.line == b.line);
    FileReport {
        path: path.to_path_buf(),
        kind,
        findings,
        recorded,
    }
}

/// A table name as lint compares them: unquoted, lower case, without its schema.
fn table_key(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    last.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']')
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests;
