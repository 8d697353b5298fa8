//! Hand-written Rust migrations: what the `up` function runs.
//!
//! Read: every string literal in `up` that starts like DDL (raw SQL given to
//! `execute_unprepared`, `Statement::from_string` or a helper), as SQL; and the sea-query
//! builder calls lint recognises (`Table::drop()`, `.drop_column(…)`, `.rename_column(…)`,
//! `Table::rename()`, `.modify_column(…)`, `Index::create()`, `Index::drop()`,
//! `ForeignKey::create()`, `.add_foreign_key(…)`, `ForeignKey::drop()`,
//! `.drop_foreign_key(…)`, `.add_column(…)` with `.not_null()` and
//! no default, `Table::create()` for the tables the file creates). Not analysed: SQL built
//! at run time (`format!`), code outside `up`, builder calls not listed, and whether a
//! `.modify_column` narrows the type (the old type is not in the file).

use std::collections::BTreeSet;

use super::{Finding, Rule, sql, table_key};

/// A string literal of the source: its byte range and its value.
struct Literal {
    start: usize,
    value: String,
}

/// Lints the `up` function of a Rust migration.
pub(super) fn lint(text: &str) -> Vec<Finding> {
    let Some((up_start, up_end)) = up_range(text) else {
        return Vec::new();
    };
    let (code, literals) = scan(&text[up_start..up_end]);
    let line_of = |offset: usize| text[..up_start + offset].matches('\n').count() + 1;
    let mut findings = Vec::new();
    let mut created: BTreeSet<String> = BTreeSet::new();

    // Tables the file creates, through the builder or SQL: whatever else is done to them
    // in the same file touches no existing row.
    for at in code.match_indices("Table::create()").map(|(i, _)| i) {
        if let Some(name) = call_argument(&code, text_slice(text, up_start), at, ".table(") {
            created.insert(name);
        }
    }
    let mut sql_findings = Vec::new();
    for literal in &literals {
        let upper = literal.value.trim_start().to_ascii_uppercase();
        let looks_like_sql = ["ALTER ", "CREATE ", "DROP ", "RENAME ", "TRUNCATE "]
            .iter()
            .any(|k| upper.starts_with(k));
        if looks_like_sql {
            for (_, statement) in sql::split(&literal.value) {
                sql::lint_statement(
                    statement,
                    line_of(literal.start),
                    &mut created,
                    &mut sql_findings,
                );
            }
        }
    }
    findings.extend(sql_findings);

    let source = text_slice(text, up_start);
    let mut builder = |pattern: &str, rule: Rule, table_call: Option<&str>| {
        for (at, _) in code.match_indices(pattern) {
            if inside_table_create(&code, at) {
                continue;
            }
            if let Some(call) = table_call {
                let table = call_argument(&code, source, at, call);
                if table.is_some_and(|t| created.contains(&t)) {
                    continue;
                }
            }
            findings.push(Finding {
                rule,
                line: line_of(at),
                what: statement_text(source, &code, at),
            });
        }
    };
    builder("Table::drop()", Rule::DropTable, None);
    builder(".drop_column(", Rule::DropColumn, None);
    builder(".rename_column(", Rule::Rename, None);
    builder("Table::rename()", Rule::Rename, None);
    builder(".modify_column(", Rule::ChangeColumnType, None);
    builder("Index::create()", Rule::CreateIndex, Some(".table("));
    builder("Index::drop()", Rule::DropIndex, None);
    builder(
        "ForeignKey::create()",
        Rule::AddForeignKey,
        Some(".from_tbl("),
    );
    builder(".add_foreign_key(", Rule::AddForeignKey, None);
    builder("ForeignKey::drop()", Rule::DropConstraint, None);
    builder(".drop_foreign_key(", Rule::DropConstraint, None);
    for (at, _) in code.match_indices("Index::create()") {
        let end = statement_end(&code, at);
        let table = call_argument(&code, source, at, ".table(");
        let new_table =
            table.is_some_and(|t| created.contains(&t)) || inside_table_create(&code, at);
        if code[at..end].contains(".unique()") && !new_table {
            findings.push(Finding {
                rule: Rule::AddUnique,
                line: line_of(at),
                what: statement_text(source, &code, at),
            });
        }
    }
    for (at, _) in code.match_indices(".add_column(") {
        let open = at + ".add_column".len();
        let close = matching_paren(&code, open).unwrap_or(code.len());
        let args = &code[open..close];
        if args.contains(".not_null()") && !args.contains(".default(") {
            findings.push(Finding {
                rule: Rule::AddRequiredColumn,
                line: line_of(at),
                what: statement_text(source, &code, at),
            });
        }
    }
    findings
}

/// Whether offset `at` is inside a `Table::create()` statement (an index or foreign key
/// declared with the new table).
fn inside_table_create(code: &str, at: usize) -> bool {
    code[..at]
        .rfind("Table::create()")
        .is_some_and(|start| statement_end(code, start) > at)
}

fn text_slice(text: &str, from: usize) -> &str {
    &text[from..]
}

/// The byte range of the `up` function's body: from `fn up(` to `fn down(` or the end.
fn up_range(text: &str) -> Option<(usize, usize)> {
    let start = text.find("fn up(")?;
    let end = text[start..]
        .find("fn down(")
        .map(|n| start + n)
        .unwrap_or(text.len());
    Some((start, end))
}

/// `code` with every string literal, character literal and comment replaced by spaces of
/// the same length (so offsets and lines stay), and the string literals' values.
fn scan(code: &str) -> (String, Vec<Literal>) {
    let bytes = code.as_bytes();
    let mut out = bytes.to_vec();
    let mut literals = Vec::new();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for b in &mut out[from..to.min(bytes.len())] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    while i < bytes.len() {
        let rest = &code[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map(|n| i + n).unwrap_or(bytes.len());
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with("r#") || rest.starts_with("r\"") {
            let hashes = rest[1..].bytes().take_while(|b| *b == b'#').count();
            if rest.as_bytes().get(1 + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let open = i + 2 + hashes;
            let closing = format!("\"{}", "#".repeat(hashes));
            let close = code[open..]
                .find(&closing)
                .map(|n| open + n)
                .unwrap_or(bytes.len());
            literals.push(Literal {
                start: i,
                value: code[open..close].to_string(),
            });
            let end = (close + closing.len()).min(bytes.len());
            blank(&mut out, i, end);
            i = end;
        } else if bytes[i] == b'"' {
            let mut j = i + 1;
            let mut value = String::new();
            let mut chars = code[j..].char_indices();
            while let Some((k, c)) = chars.next() {
                match c {
                    '"' => {
                        j = i + 1 + k + 1;
                        break;
                    }
                    '\\' => {
                        if let Some((_, e)) = chars.next() {
                            value.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                other => other,
                            });
                        }
                    }
                    c => value.push(c),
                }
                j = bytes.len();
            }
            literals.push(Literal { start: i, value });
            blank(&mut out, i, j);
            i = j;
        } else if bytes[i] == b'\'' && bytes.get(i + 2) == Some(&b'\'') {
            blank(&mut out, i, i + 3);
            i += 3;
        } else {
            i += 1;
        }
    }
    // Blanking replaced whole literals (ASCII quotes and their content) with spaces, so
    // the result is valid UTF-8 except where a multi-byte character was partly blanked,
    // which cannot happen: blanked ranges start and end at ASCII bytes.
    (String::from_utf8_lossy(&out).into_owned(), literals)
}

/// The end of the builder statement starting at `at`: the next `;` or `.to_owned()`.
fn statement_end(code: &str, at: usize) -> usize {
    let semi = code[at..].find(';').map(|n| at + n).unwrap_or(code.len());
    let owned = code[at..]
        .find(".to_owned()")
        .map(|n| at + n)
        .unwrap_or(code.len());
    semi.min(owned)
}

/// The table named by the first `call` (`.table(`) in the statement at `at`, as
/// [`table_key`] spells it: a string literal's value, or `Accounts` of `Accounts::Table`
/// in snake case (`DeriveIden`'s naming).
fn call_argument(code: &str, source: &str, at: usize, call: &str) -> Option<String> {
    let end = statement_end(code, at);
    let open = at + code[at..end].find(call)? + call.len() - 1;
    let close = matching_paren(code, open)?;
    let argument = source.get(open + 1..close)?.trim();
    let argument = argument.trim_start_matches('&');
    if let Some(quoted) = argument.strip_prefix('"').and_then(|a| a.strip_suffix('"')) {
        return Some(table_key(quoted));
    }
    let ident = argument.split("::").next()?.trim();
    Some(table_key(&snake_case(ident)))
}

/// `(` at `open` → the offset of its `)`.
fn matching_paren(code: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, b) in code.bytes().enumerate().skip(open) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn snake_case(ident: &str) -> String {
    let mut out = String::new();
    for (i, c) in ident.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The builder statement at `at` on one line, shortened, for a report.
fn statement_text(source: &str, code: &str, at: usize) -> String {
    let end = statement_end(code, at);
    let joined = source
        .get(at..end)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    match joined.char_indices().nth(100) {
        Some((i, _)) => format!("{}…", &joined[..i]),
        None => joined,
    }
}
