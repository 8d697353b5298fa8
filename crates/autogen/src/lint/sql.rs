//! SQL statements, parsed with sqlparser: a `.sql` script, or a SQL string in a
//! hand-written migration.
//!
//! Statements are split here (quotes, comments and PostgreSQL dollar quotes respected) so
//! that each keeps its line and one that sqlparser cannot read is reported as
//! `not-analysed` without hiding the others. Each is tried with the PostgreSQL, MySQL and
//! SQLite dialects in turn.

use std::collections::BTreeSet;

use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnOption, ObjectType, Statement, TableConstraint,
};
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

use super::{Finding, Rule, table_key};

/// Lints a script whose first line is line `first_line` of its file.
pub(super) fn lint_script(text: &str, first_line: usize) -> Vec<Finding> {
    let mut created = BTreeSet::new();
    let mut findings = Vec::new();
    for (offset, statement) in split(text) {
        let line = first_line + text[..offset].matches('\n').count();
        lint_statement(statement, line, &mut created, &mut findings);
    }
    findings
}

/// Lints one statement (or several, when sqlparser reads them) starting at `line`;
/// `created` holds the tables created earlier in the same file, which nothing else can
/// be using yet.
pub(super) fn lint_statement(
    text: &str,
    line: usize,
    created: &mut BTreeSet<String>,
    findings: &mut Vec<Finding>,
) {
    let dialects: [&dyn Dialect; 3] = [&PostgreSqlDialect {}, &MySqlDialect {}, &SQLiteDialect {}];
    let parsed = dialects
        .iter()
        .find_map(|d| Parser::parse_sql(*d, text).ok());
    let shown = one_line(text);
    let Some(statements) = parsed else {
        // A statement that creates nothing of interest need not be read.
        if mentions_ddl(text) {
            findings.push(Finding {
                rule: Rule::NotAnalysed,
                line,
                what: shown,
            });
        }
        return;
    };
    let concurrently = text.to_ascii_uppercase().contains("CONCURRENTLY");
    for statement in statements {
        let mut push = |rule| {
            findings.push(Finding {
                rule,
                line,
                what: shown.clone(),
            })
        };
        match statement {
            Statement::CreateTable(t) => {
                created.insert(table_key(&t.name.to_string()));
            }
            Statement::AlterTable {
                name, operations, ..
            } => {
                if created.contains(&table_key(&name.to_string())) {
                    continue;
                }
                for op in operations {
                    for rule in alter_rules(&op) {
                        push(rule);
                    }
                }
            }
            Statement::CreateIndex(index) => {
                if created.contains(&table_key(&index.table_name.to_string())) {
                    continue;
                }
                if !index.concurrently {
                    push(Rule::CreateIndex);
                }
                if index.unique {
                    push(Rule::AddUnique);
                }
            }
            Statement::Drop {
                object_type, names, ..
            } => match object_type {
                ObjectType::Table
                    if names
                        .iter()
                        .any(|n| !created.contains(&table_key(&n.to_string()))) =>
                {
                    push(Rule::DropTable)
                }
                ObjectType::Index if !concurrently => push(Rule::DropIndex),
                _ => {}
            },
            _ => {}
        }
    }
}

/// The rules one `ALTER TABLE` operation on an existing table breaks.
fn alter_rules(op: &AlterTableOperation) -> Vec<Rule> {
    use AlterTableOperation as A;
    match op {
        A::DropColumn { .. } => vec![Rule::DropColumn],
        A::DropConstraint { .. } | A::DropPrimaryKey { .. } | A::DropForeignKey { .. } => {
            vec![Rule::DropConstraint]
        }
        A::RenameColumn { .. } | A::RenameTable { .. } => vec![Rule::Rename],
        A::ChangeColumn {
            old_name, new_name, ..
        } => {
            let mut rules = vec![Rule::ChangeColumnType];
            if old_name.value != new_name.value {
                rules.push(Rule::Rename);
            }
            rules
        }
        A::ModifyColumn { .. } => vec![Rule::ChangeColumnType],
        A::AlterColumn { op, .. } => match op {
            AlterColumnOperation::SetNotNull => vec![Rule::SetNotNull],
            AlterColumnOperation::DropNotNull => vec![Rule::DropNotNull],
            AlterColumnOperation::DropDefault => vec![Rule::DropDefault],
            AlterColumnOperation::SetDataType { .. } => vec![Rule::ChangeColumnType],
            _ => Vec::new(),
        },
        A::AddConstraint {
            constraint,
            not_valid,
        } => match constraint {
            TableConstraint::Unique { .. } | TableConstraint::PrimaryKey { .. } => {
                vec![Rule::AddUnique]
            }
            TableConstraint::ForeignKey { .. } if !not_valid => vec![Rule::AddForeignKey],
            TableConstraint::Check { .. } if !not_valid => vec![Rule::AddCheck],
            _ => Vec::new(),
        },
        A::AddColumn { column_def, .. } => {
            let options: Vec<&ColumnOption> =
                column_def.options.iter().map(|o| &o.option).collect();
            let not_null = options.iter().any(|o| {
                matches!(
                    o,
                    ColumnOption::NotNull
                        | ColumnOption::Unique {
                            is_primary: true,
                            ..
                        }
                )
            });
            let default = options
                .iter()
                .any(|o| matches!(o, ColumnOption::Default(_)));
            let generated = options.iter().any(|o| {
                matches!(
                    o,
                    ColumnOption::Generated { .. } | ColumnOption::Identity(_)
                )
            });
            let mut rules = Vec::new();
            if not_null && !default && !generated {
                rules.push(Rule::AddRequiredColumn);
            }
            if generated {
                rules.push(Rule::AddColumnRewrite);
            }
            rules
        }
        _ => Vec::new(),
    }
}

/// Whether unreadable text looks like schema DDL (worth a `not-analysed` finding).
fn mentions_ddl(text: &str) -> bool {
    let upper = text.trim_start().to_ascii_uppercase();
    ["ALTER ", "DROP ", "CREATE ", "RENAME ", "TRUNCATE "]
        .iter()
        .any(|k| upper.starts_with(k))
}

/// The statement on one line, shortened, for a report.
fn one_line(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &joined[..i]),
        None => joined,
    }
}

/// The statements of a script with their byte offsets: split at `;` outside quotes,
/// comments and dollar quotes; empty statements and comment-only ones left out.
pub(super) fn split(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'\'' | b'"' | b'`' => {
                let quote = bytes[i];
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    if bytes[i] == b'\\' && quote == b'\'' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'$' => {
                // `$tag$ … $tag$`.
                let tag_end = text[i + 1..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map(|n| i + 1 + n);
                match tag_end {
                    Some(e) if bytes[e] == b'$' => {
                        let tag = &text[i..=e];
                        match text[e + 1..].find(tag) {
                            Some(n) => i = e + 1 + n + tag.len(),
                            None => i = bytes.len(),
                        }
                    }
                    _ => i += 1,
                }
            }
            b';' => {
                pieces.push((start, i));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    pieces.push((start, bytes.len()));
    for (from, to) in pieces {
        let to = to.min(text.len());
        // The statement starts after the comment lines before it.
        let mut piece = &text[from..to];
        let mut at = from;
        loop {
            let trimmed = piece.trim_start();
            at += piece.len() - trimmed.len();
            piece = trimmed;
            if !piece.starts_with("--") {
                break;
            }
            let skip = piece.find('\n').unwrap_or(piece.len());
            at += skip;
            piece = &piece[skip..];
        }
        let body = piece.trim_end();
        if body.is_empty() {
            continue;
        }
        out.push((at, body));
    }
    out
}
