//! What SQLite's pragmas do not say, read from the stored `CREATE TABLE` and
//! `CREATE INDEX` text: constraint names, CHECK expressions, `AUTOINCREMENT`, index
//! expressions and partial-index predicates.
//!
//! sqlparser (SQLiteDialect) gives the structure. Expression text is cut from the original
//! SQL by token positions rather than printed back from the AST, so that an expression
//! reads back exactly as it was written (a model's `a != b` stays `a != b`; sqlparser would
//! print `a <> b`).

use std::ops::Range;

use sqlparser::ast::{
    ColumnOption, CreateIndex, CreateTable, Expr, Ident, ObjectName, Statement, TableConstraint,
};
use sqlparser::dialect::SQLiteDialect;
use sqlparser::keywords::Keyword;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Location, Token, Tokenizer};

/// Facts from a `CREATE TABLE` statement, in declaration order.
#[derive(Debug, Default)]
pub(super) struct ParsedTable {
    /// `CONSTRAINT name PRIMARY KEY`, at column or table level.
    pub primary_key_name: Option<String>,
    /// The column declared `PRIMARY KEY AUTOINCREMENT`.
    pub autoincrement: Option<String>,
    /// Unique constraints: declared name and columns.
    pub uniques: Vec<(Option<String>, Vec<String>)>,
    /// Foreign keys.
    pub foreign_keys: Vec<ParsedForeignKey>,
    /// Checks.
    pub checks: Vec<ParsedCheck>,
    /// `STRICT` after the column list.
    pub strict: bool,
    /// `WITHOUT ROWID` after the column list.
    pub without_rowid: bool,
}

/// A foreign key as declared.
#[derive(Debug)]
pub(super) struct ParsedForeignKey {
    /// `CONSTRAINT name`, if given.
    pub name: Option<String>,
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
}

/// A CHECK constraint as declared.
#[derive(Debug)]
pub(super) struct ParsedCheck {
    /// `CONSTRAINT name`, if given.
    pub name: Option<String>,
    /// The column it is declared on, for a column-level check.
    pub column: Option<String>,
    /// The expression as written, without `CHECK (` and `)`.
    pub expression: String,
}

/// Facts from a `CREATE INDEX` statement.
#[derive(Debug)]
pub(super) struct ParsedIndex {
    /// Each key part's text as written, without `ASC`/`DESC`.
    pub parts: Vec<String>,
    /// The `WHERE` predicate as written.
    pub predicate: Option<String>,
}

fn parse_one(sql: &str) -> Result<Statement, String> {
    let mut statements =
        Parser::parse_sql(&SQLiteDialect {}, sql).map_err(|e| format!("{e} in: {sql}"))?;
    match statements.len() {
        1 => Ok(statements.remove(0)),
        n => Err(format!("expected one statement, found {n} in: {sql}")),
    }
}

fn ident(i: &Ident) -> String {
    i.value.clone()
}

fn object_name(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|p| p.as_ident())
        .map(ident)
        .unwrap_or_else(|| name.to_string())
}

fn expr_column(e: &Expr) -> Option<String> {
    match e {
        Expr::Identifier(i) => Some(ident(i)),
        Expr::CompoundIdentifier(parts) => parts.last().map(ident),
        _ => None,
    }
}

/// Reads a stored `CREATE TABLE` statement.
pub(super) fn parse_create_table(sql: &str) -> Result<ParsedTable, String> {
    let Statement::CreateTable(CreateTable {
        columns,
        constraints,
        ..
    }) = parse_one(&neutral_types(sql)?)?
    else {
        return Err(format!("not a CREATE TABLE statement: {sql}"));
    };
    let mut check_bodies = check_bodies(sql)?.into_iter();
    let mut next_check = |what: &str| {
        check_bodies
            .next()
            .ok_or_else(|| format!("cannot find the text of CHECK {what} in: {sql}"))
    };
    let mut out = table_options(sql)?;
    for column in &columns {
        let column_name = ident(&column.name);
        for option in &column.options {
            let name = option.name.as_ref().map(ident);
            match &option.option {
                ColumnOption::Unique {
                    is_primary: true, ..
                } => {
                    out.primary_key_name = name;
                }
                ColumnOption::Unique {
                    is_primary: false, ..
                } => {
                    out.uniques.push((name, vec![column_name.clone()]));
                }
                ColumnOption::ForeignKey { foreign_table, .. } => {
                    out.foreign_keys.push(ParsedForeignKey {
                        name,
                        columns: vec![column_name.clone()],
                        ref_table: object_name(foreign_table),
                    });
                }
                ColumnOption::Check(_) => out.checks.push(ParsedCheck {
                    name,
                    column: Some(column_name.clone()),
                    expression: next_check(&column_name)?,
                }),
                ColumnOption::DialectSpecific(tokens)
                    if tokens.iter().any(
                        |t| matches!(t, Token::Word(w) if w.keyword == Keyword::AUTOINCREMENT),
                    ) =>
                {
                    out.autoincrement = Some(column_name.clone());
                }
                _ => {}
            }
        }
    }
    for constraint in &constraints {
        match constraint {
            TableConstraint::PrimaryKey { name, .. } => {
                out.primary_key_name = name.as_ref().map(ident);
            }
            TableConstraint::Unique { name, columns, .. } => {
                let columns = columns
                    .iter()
                    .map(|c| expr_column(&c.column.expr).unwrap_or_else(|| c.to_string()))
                    .collect();
                out.uniques.push((name.as_ref().map(ident), columns));
            }
            TableConstraint::ForeignKey {
                name,
                columns,
                foreign_table,
                ..
            } => out.foreign_keys.push(ParsedForeignKey {
                name: name.as_ref().map(ident),
                columns: columns.iter().map(ident).collect(),
                ref_table: object_name(foreign_table),
            }),
            TableConstraint::Check { name, .. } => out.checks.push(ParsedCheck {
                name: name.as_ref().map(ident),
                column: None,
                expression: next_check("constraint")?,
            }),
            _ => {}
        }
    }
    Ok(out)
}

/// What [`parse_create_table`] reads, from the tokens alone, for a statement sqlparser
/// cannot parse (a CHECK nested deeper than it follows, syntax it does not know): the
/// CHECK bodies (as table-level checks), `AUTOINCREMENT` and the table options. The
/// constraint names are lost (unnamed constraints are named as usual); nothing else is.
/// An error only when the text does not even tokenize.
pub(super) fn scan_create_table(sql: &str) -> Result<ParsedTable, String> {
    let mut out = table_options(sql)?;
    out.checks = check_bodies(sql)?
        .into_iter()
        .map(|expression| ParsedCheck {
            name: None,
            column: None,
            expression,
        })
        .collect();
    let tokens = tokens(sql)?;
    if let Some(at) = tokens
        .iter()
        .position(|(t, _)| is_keyword(t, Keyword::AUTOINCREMENT))
    {
        // The column whose definition holds the keyword: the first word after the last
        // `(` or `,` before it.
        let start = tokens[..at]
            .iter()
            .rposition(|(t, _)| matches!(t, Token::LParen | Token::Comma))
            .map_or(0, |i| i + 1);
        if let Some((Token::Word(w), _)) = tokens.get(start) {
            out.autoincrement = Some(w.value.clone());
        }
    }
    Ok(out)
}

/// Reads a stored `CREATE INDEX` statement.
pub(super) fn parse_create_index(sql: &str) -> Result<ParsedIndex, String> {
    let Statement::CreateIndex(CreateIndex {
        columns, predicate, ..
    }) = parse_one(sql)?
    else {
        return Err(format!("not a CREATE INDEX statement: {sql}"));
    };
    let tokens = tokens(sql)?;
    // The key list is the first parenthesis after `ON`; the predicate follows `WHERE`
    // at depth 0.
    let on = tokens
        .iter()
        .position(|(t, _)| is_keyword(t, Keyword::ON))
        .ok_or_else(|| format!("no ON in: {sql}"))?;
    let open = on
        + tokens[on..]
            .iter()
            .position(|(t, _)| *t == Token::LParen)
            .ok_or_else(|| format!("no key list in: {sql}"))?;
    let close = matching_paren(&tokens, open).ok_or_else(|| format!("unbalanced: {sql}"))?;
    let mut parts = Vec::new();
    let mut start = open + 1;
    let mut depth = 0;
    for i in open + 1..=close {
        match &tokens[i].0 {
            Token::LParen => depth += 1,
            Token::RParen if depth > 0 => depth -= 1,
            Token::Comma | Token::RParen if depth == 0 => {
                let mut end = i;
                while end > start
                    && matches!(&tokens[end - 1].0,
                        t if is_keyword(t, Keyword::ASC) || is_keyword(t, Keyword::DESC))
                {
                    end -= 1;
                }
                parts.push(text(sql, &tokens[start..end]));
                start = i + 1;
            }
            _ => {}
        }
    }
    if parts.len() != columns.len() {
        return Err(format!(
            "found {} key parts, sqlparser found {} in: {sql}",
            parts.len(),
            columns.len()
        ));
    }
    let predicate = match predicate {
        None => None,
        Some(_) => {
            let at = tokens[close..]
                .iter()
                .position(|(t, _)| is_keyword(t, Keyword::WHERE))
                .ok_or_else(|| format!("no WHERE in: {sql}"))?;
            let mut rest = &tokens[close + at + 1..];
            if let [head @ .., (Token::SemiColon, _)] = rest {
                rest = head;
            }
            Some(text(sql, rest))
        }
    };
    Ok(ParsedIndex { parts, predicate })
}

/// The statement as sqlparser takes it: every column's declared type replaced by `TEXT`,
/// single-quoted table and column names double-quoted, and the table options after the
/// column list (`STRICT`, `WITHOUT ROWID`) cut off.
///
/// SQLite takes any words as a type name, with up to two numeric arguments
/// (`real(10, 2)`, `unsigned big int`, `varbinary_blob(16)`), and sqlparser rejects some
/// of them. Types come from `pragma_table_xinfo`; here they only have to parse. SQLite
/// also takes a string literal where it expects a name (`CREATE TABLE 'bigdata'
/// ('data' integer)`), and options sqlparser does not know (`) STRICT, WITHOUT ROWID`):
/// neither says anything the pragmas do not.
fn neutral_types(sql: &str) -> Result<String, String> {
    let (tokens, open, close) = column_list(sql)?;
    const COLUMN_CONSTRAINT: [Keyword; 11] = [
        Keyword::CONSTRAINT,
        Keyword::PRIMARY,
        Keyword::NOT,
        Keyword::NULL,
        Keyword::UNIQUE,
        Keyword::CHECK,
        Keyword::DEFAULT,
        Keyword::COLLATE,
        Keyword::REFERENCES,
        Keyword::GENERATED,
        Keyword::AS,
    ];
    let is_any = |t: &Token, set: &[Keyword]| set.iter().any(|k| is_keyword(t, *k));
    let mut replace: Vec<(Range<usize>, String)> = Vec::new();
    let quote_name = |at: usize, replace: &mut Vec<(Range<usize>, String)>| {
        if let Token::SingleQuotedString(name) = &tokens[at].0 {
            replace.push((
                tokens[at].1.clone(),
                format!("\"{}\"", name.replace('"', "\"\"")),
            ));
        }
    };
    // The table's name is the last token before the column list.
    if open > 0 {
        quote_name(open - 1, &mut replace);
    }
    let mut item = open + 1;
    while item < close {
        // The item runs to the next comma at depth 1.
        let mut end = item;
        let mut depth = 0;
        while end < close {
            match tokens[end].0 {
                Token::LParen => depth += 1,
                Token::RParen => depth -= 1,
                Token::Comma if depth == 0 => break,
                _ => {}
            }
            end += 1;
        }
        if item < end && !is_any(&tokens[item].0, &TABLE_CONSTRAINT) {
            quote_name(item, &mut replace);
            // Column name, then type words, then an optional parenthesized size.
            let first = item + 1;
            let mut j = first;
            while j < end
                && matches!(&tokens[j].0, Token::Word(_))
                && !is_any(&tokens[j].0, &COLUMN_CONSTRAINT)
            {
                j += 1;
            }
            if j > first {
                if j < end && tokens[j].0 == Token::LParen {
                    j = matching_paren(&tokens, j).ok_or_else(|| format!("unbalanced: {sql}"))? + 1;
                }
                replace.push((tokens[first].1.start..tokens[j - 1].1.end, "TEXT".into()));
            }
        }
        item = end + 1;
    }
    replace.push((tokens[close].1.end..sql.len(), String::new()));
    replace.sort_by_key(|(r, _)| r.start);
    let mut out = sql.to_string();
    for (r, with) in replace.into_iter().rev() {
        out.replace_range(r, &with);
    }
    Ok(out)
}

/// A column's collation and generated expression, read from its definition.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct ColumnExtras {
    /// `COLLATE name`, as written.
    pub collation: Option<String>,
    /// `[GENERATED ALWAYS] AS (expr) [VIRTUAL|STORED]`: the expression as written, and
    /// whether it is `STORED`.
    pub generated: Option<(String, bool)>,
}

/// The collation and generated expression of each column that declares one, by column
/// name in lower case, from the tokens of the stored `CREATE TABLE` (no pragma reports
/// them). Only the column's own level counts: a `COLLATE` inside a CHECK is not the
/// column's.
pub(super) fn column_extras(
    sql: &str,
) -> Result<std::collections::BTreeMap<String, ColumnExtras>, String> {
    let (tokens, open, close) = column_list(sql)?;
    let mut out = std::collections::BTreeMap::new();
    let mut item = open + 1;
    while item < close {
        let mut end = item;
        let mut depth = 0;
        while end < close {
            match tokens[end].0 {
                Token::LParen => depth += 1,
                Token::RParen => depth -= 1,
                Token::Comma if depth == 0 => break,
                _ => {}
            }
            end += 1;
        }
        let name = match &tokens[item].0 {
            t if TABLE_CONSTRAINT.iter().any(|k| is_keyword(t, *k)) => None,
            Token::Word(w) => Some(w.value.clone()),
            Token::SingleQuotedString(s) => Some(s.clone()),
            _ => None,
        };
        if let Some(name) = name {
            let mut extras = ColumnExtras::default();
            let mut i = item + 1;
            while i < end {
                let t = &tokens[i].0;
                if *t == Token::LParen {
                    let j =
                        matching_paren(&tokens, i).ok_or_else(|| format!("unbalanced: {sql}"))?;
                    if i > 0 && is_keyword(&tokens[i - 1].0, Keyword::AS) {
                        let stored = tokens
                            .get(j + 1)
                            .is_some_and(|(t, _)| matches!(t, Token::Word(w) if w.quote_style.is_none() && w.value.eq_ignore_ascii_case("stored")))
                            && j + 1 < end;
                        extras.generated = Some((text(sql, &tokens[i + 1..j]), stored));
                    }
                    i = j + 1;
                    continue;
                }
                if is_keyword(t, Keyword::COLLATE)
                    && let Some((next, _)) = tokens.get(i + 1).filter(|_| i + 1 < end)
                {
                    extras.collation = match next {
                        Token::Word(w) => Some(w.value.clone()),
                        Token::SingleQuotedString(s) => Some(s.clone()),
                        _ => None,
                    };
                }
                i += 1;
            }
            if extras != ColumnExtras::default() {
                out.insert(name.to_lowercase(), extras);
            }
        }
        item = end + 1;
    }
    Ok(out)
}

/// The options after the column list: `STRICT`, `WITHOUT ROWID`, in any order.
fn table_options(sql: &str) -> Result<ParsedTable, String> {
    let (tokens, _, close) = column_list(sql)?;
    let after = &tokens[close + 1..];
    let word = |t: &Token, w: &str| matches!(t, Token::Word(x) if x.quote_style.is_none() && x.value.eq_ignore_ascii_case(w));
    Ok(ParsedTable {
        strict: after.iter().any(|(t, _)| word(t, "strict")),
        without_rowid: after
            .windows(2)
            .any(|p| word(&p[0].0, "without") && word(&p[1].0, "rowid")),
        ..ParsedTable::default()
    })
}

/// The text of every `CHECK (…)` body in source order.
fn check_bodies(sql: &str) -> Result<Vec<String>, String> {
    let tokens = tokens(sql)?;
    let mut out = Vec::new();
    for (i, (t, _)) in tokens.iter().enumerate() {
        if is_keyword(t, Keyword::CHECK) && matches!(tokens.get(i + 1), Some((Token::LParen, _))) {
            let close =
                matching_paren(&tokens, i + 1).ok_or_else(|| format!("unbalanced: {sql}"))?;
            out.push(text(sql, &tokens[i + 2..close]));
        }
    }
    Ok(out)
}

fn is_keyword(t: &Token, k: Keyword) -> bool {
    matches!(t, Token::Word(w) if w.keyword == k && w.quote_style.is_none())
}

/// Index of the `)` closing the `(` at `open`.
/// The keywords that start a table constraint in a column list.
const TABLE_CONSTRAINT: [Keyword; 5] = [
    Keyword::CONSTRAINT,
    Keyword::PRIMARY,
    Keyword::UNIQUE,
    Keyword::CHECK,
    Keyword::FOREIGN,
];

/// Tokens with their byte ranges in the statement.
type Tokens = Vec<(Token, Range<usize>)>;

/// The tokens of a `CREATE TABLE` and the positions of its column list's parentheses.
fn column_list(sql: &str) -> Result<(Tokens, usize, usize), String> {
    let tokens = tokens(sql)?;
    let open = tokens
        .iter()
        .position(|(t, _)| *t == Token::LParen)
        .ok_or_else(|| format!("no column list in: {sql}"))?;
    let close = matching_paren(&tokens, open).ok_or_else(|| format!("unbalanced: {sql}"))?;
    Ok((tokens, open, close))
}

fn matching_paren(tokens: &[(Token, Range<usize>)], open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, (t, _)) in tokens.iter().enumerate().skip(open) {
        match t {
            Token::LParen => depth += 1,
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The original text covered by a run of tokens, trimmed.
fn text(sql: &str, tokens: &[(Token, Range<usize>)]) -> String {
    match (tokens.first(), tokens.last()) {
        (Some((_, a)), Some((_, b))) => sql[a.start..b.end].trim().to_string(),
        _ => String::new(),
    }
}

/// Tokens without white space and comments, each with its byte range in `sql`.
fn tokens(sql: &str) -> Result<Vec<(Token, Range<usize>)>, String> {
    let tokens = Tokenizer::new(&SQLiteDialect {}, sql)
        .tokenize_with_location()
        .map_err(|e| format!("{e} in: {sql}"))?;
    // Locations are 1-based (line, character column); turn them into byte offsets.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(sql.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let offset = |l: Location| -> usize {
        let Some(&start) = line_starts.get((l.line as usize).saturating_sub(1)) else {
            return sql.len();
        };
        sql[start..]
            .char_indices()
            .nth((l.column as usize).saturating_sub(1))
            .map(|(i, _)| start + i)
            .unwrap_or(sql.len())
    };
    Ok(tokens
        .into_iter()
        .filter(|t| !matches!(t.token, Token::Whitespace(_) | Token::EOF))
        .map(|t| {
            let range = offset(t.span.start)..offset(t.span.end);
            (t.token, range)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_constraints_and_check_text() {
        let t = parse_create_table(
            "CREATE TABLE \"t\" (\n  id INTEGER CONSTRAINT t_pk PRIMARY KEY AUTOINCREMENT,\n  \
             a real(10, 2) CHECK (a != 0),\n  b uuid_text CONSTRAINT b_u UNIQUE REFERENCES p(id),\n  \
             c timestamp_with_timezone_text DEFAULT (datetime('now')),\n  \
             CONSTRAINT ck CHECK (b IN ('x', ')') AND  a  is not null),\n  UNIQUE (a, b),\n  \
             CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES \"q\" (x, y) ON DELETE CASCADE\n)",
        )
        .unwrap();
        assert_eq!(t.primary_key_name.as_deref(), Some("t_pk"));
        assert_eq!(t.autoincrement.as_deref(), Some("id"));
        assert_eq!(
            t.uniques,
            vec![
                (Some("b_u".to_string()), vec!["b".to_string()]),
                (None, vec!["a".to_string(), "b".to_string()])
            ]
        );
        assert_eq!(t.checks.len(), 2);
        assert_eq!(t.checks[0].expression, "a != 0");
        assert_eq!(t.checks[0].column.as_deref(), Some("a"));
        assert_eq!(t.checks[1].name.as_deref(), Some("ck"));
        assert_eq!(
            t.checks[1].expression,
            "b IN ('x', ')') AND  a  is not null"
        );
        assert_eq!(t.foreign_keys.len(), 2);
        assert_eq!(t.foreign_keys[0].ref_table, "p");
        assert_eq!(t.foreign_keys[1].name.as_deref(), Some("fk"));
        assert_eq!(t.foreign_keys[1].ref_table, "q");
    }

    #[test]
    fn any_type_name_parses() {
        let t = parse_create_table(
            "CREATE TABLE t (a unsigned big int NOT NULL, b double precision, c, \
             d varying character(255) DEFAULT 'x', e varbinary_blob(16) CHECK (length(e) < 17), \
             PRIMARY KEY (a, b)) WITHOUT ROWID",
        )
        .unwrap();
        assert_eq!(t.primary_key_name, None);
        assert_eq!(t.checks[0].expression, "length(e) < 17");
        assert_eq!(t.checks[0].column.as_deref(), Some("e"));
    }

    #[test]
    fn table_options_and_quoted_names_parse() {
        for sql in [
            "CREATE TABLE bigdata(\n  id integer PRIMARY KEY,\n  data text CHECK (data <> '')\n) STRICT, WITHOUT ROWID",
            "CREATE TABLE 'bigdata' (\n  'data' integer CHECK ('data' > 0)\n)",
            "CREATE TABLE `bigdata` (`data` integer CHECK (`data` > 0)) STRICT",
        ] {
            let t = parse_create_table(sql).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(t.checks.len(), 1, "{sql}");
        }
        let t = parse_create_table("CREATE TABLE t (a) STRICT, WITHOUT ROWID").unwrap();
        assert!(t.strict && t.without_rowid);
        let t = parse_create_table("CREATE TABLE t (a) WITHOUT ROWID").unwrap();
        assert!(!t.strict && t.without_rowid);
        let t = parse_create_table("CREATE TABLE \"strict\" (a)").unwrap();
        assert!(!t.strict && !t.without_rowid);
        assert!(parse_create_table("CREATE TABLE t (a, CHECK (").is_err());
    }

    #[test]
    fn a_statement_sqlparser_refuses_is_scanned() {
        let deep = format!("{}a > 0{}", "(".repeat(300), ")".repeat(300));
        let sql = format!(
            "CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, a integer CHECK ({deep}))"
        );
        let t = scan_create_table(&sql).unwrap();
        assert_eq!(t.autoincrement.as_deref(), Some("id"));
        assert_eq!(t.checks.len(), 1);
        assert_eq!(t.checks[0].expression, deep);
    }

    #[test]
    fn column_collations_and_generated_expressions() {
        let extras = column_extras(
            "CREATE TABLE t (a TEXT COLLATE NOCASE CHECK (a COLLATE BINARY > ''), \
             \"B\" INT GENERATED ALWAYS AS (length(a) + 1) STORED, c AS (a || 'x'), \
             CONSTRAINT k CHECK (c COLLATE RTRIM <> ''))",
        )
        .unwrap();
        assert_eq!(extras["a"].collation.as_deref(), Some("NOCASE"));
        assert_eq!(extras["a"].generated, None);
        assert_eq!(
            extras["b"].generated,
            Some(("length(a) + 1".to_string(), true))
        );
        assert_eq!(extras["c"].generated, Some(("a || 'x'".to_string(), false)));
        assert_eq!(extras.len(), 3);
    }

    #[test]
    fn index_parts_and_predicate_text() {
        let i = parse_create_index(
            "CREATE UNIQUE INDEX \"ix\" ON \"t\" (lower(\"é\"), b DESC, (a + 1) ASC) WHERE a > 0 AND b <> 'x'",
        )
        .unwrap();
        assert_eq!(i.parts, ["lower(\"é\")", "b", "(a + 1)"]);
        assert_eq!(i.predicate.as_deref(), Some("a > 0 AND b <> 'x'"));
        let plain = parse_create_index("CREATE INDEX ix ON t (a)").unwrap();
        assert_eq!(plain.parts, ["a"]);
        assert_eq!(plain.predicate, None);
    }
}
