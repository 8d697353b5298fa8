//! The canonical spelling of an expression (check, index expression or predicate), per
//! dialect: the one form that both a model's text and the database's print-back of it
//! become, so that they compare equal, and that is valid SQL of the dialect, so that it
//! can be written back.
//!
//! From the tokens of [`super::lexer`], in linear passes without recursion:
//!
//! - comments are dropped and white space follows one rule ([`render`]);
//! - SQL operator keywords are upper case (`and` → `AND`);
//! - a quoted identifier (`"x"`, `` `x` ``, SQLite's `[x]`) is written bare when the
//!   dialect reads it bare as the same name (lower case on PostgreSQL, not a reserved
//!   word), and otherwise with the dialect's own quotes ([`Dialect::quote_ident`]). So
//!   a model's `"group" <> 'x'` is `` `group` <> 'x' `` on MySQL, where `"…"` would be a
//!   string;
//! - string literals are written the dialect's one way (MySQL: `'it\'s'` → `'it''s'`,
//!   character set introducers dropped);
//! - `x IN ('a')` is `x = 'a'` (both PostgreSQL and MariaDB print it so);
//! - PostgreSQL: the casts it adds are removed (`name::text` on a `varchar` column,
//!   `'x'::text`, `'a'::character varying`, `0::numeric`, `ARRAY[…]::text[]`), and its
//!   operator forms are read back (`= ANY (ARRAY[…])` → `IN (…)`, `<> ALL (ARRAY[…])` →
//!   `NOT IN (…)`, `~~` → `LIKE`, `~~*` → `ILIKE`).

use super::keywords;
use super::lexer::{Flavor, Kind, string_value, tokenize, unquote_name};
use crate::Dialect;

/// An owned token of the working list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Tok {
    kind: Kind,
    text: String,
}

impl Tok {
    fn new(kind: Kind, text: impl Into<String>) -> Tok {
        Tok {
            kind,
            text: text.into(),
        }
    }

    fn is(&self, kind: Kind, text: &str) -> bool {
        self.kind == kind && self.text.eq_ignore_ascii_case(text)
    }
}

/// SQL words that act as operators: upper-cased, and followed by a space before `(`.
const OPERATOR_WORDS: [&str; 31] = [
    "all", "and", "any", "array", "as", "between", "case", "collate", "distinct", "else", "end",
    "escape", "exists", "from", "ilike", "in", "is", "isnull", "like", "not", "notnull", "null",
    "or", "overlaps", "regexp", "rlike", "similar", "some", "then", "when", "xor",
];

fn is_operator_word(t: &Tok) -> bool {
    t.kind == Kind::Word && OPERATOR_WORDS.contains(&t.text.to_ascii_lowercase().as_str())
}

/// The canonical spelling of `sql` for `dialect`. `text_column` says whether a name is a
/// column of a character type (`varchar`, `text`) of the expression's table, whose
/// `::text` casts PostgreSQL adds. Idempotent; linear in the length of `sql`.
pub fn canonical(sql: &str, dialect: Dialect, text_column: &dyn Fn(&str) -> bool) -> String {
    canonical_in(sql, dialect, text_column, true)
}

/// [`canonical`] for an index key expression, whose value (not only its truth) counts:
/// numeric casts stay, because `n * 2::numeric` and `n * 2` differ in type.
pub fn canonical_value(sql: &str, dialect: Dialect, text_column: &dyn Fn(&str) -> bool) -> String {
    canonical_in(sql, dialect, text_column, false)
}

fn canonical_in(
    sql: &str,
    dialect: Dialect,
    text_column: &dyn Fn(&str) -> bool,
    numeric_casts: bool,
) -> String {
    let cast_rules = CastRules {
        text_column,
        numeric: numeric_casts,
    };
    let text_column = &cast_rules;
    let mut toks = read(sql, Some(dialect));
    if dialect == Dialect::Postgres {
        toks = strip_postgres_casts(toks, text_column);
        toks = postgres_operators(toks);
    }
    toks = single_element_in(toks);
    if dialect == Dialect::Postgres {
        // `IN ('x')::text` became `= 'x'::text`: a cast on a literal again.
        toks = strip_postgres_casts(toks, text_column);
    }
    render(&toks)
}

/// The dialect-neutral spelling: comments dropped, white space by one rule, operator
/// keywords upper case. Quotes and literals are left as they are.
pub fn tidy(sql: &str) -> String {
    render(&read(sql, None))
}

/// Tokens without white space and comments; with a dialect, quoted identifiers and
/// string literals in its canonical spelling.
fn read(sql: &str, dialect: Option<Dialect>) -> Vec<Tok> {
    let flavor = match dialect {
        Some(Dialect::Mysql) => Flavor::Mysql,
        Some(Dialect::Sqlite) => Flavor::Sqlite,
        _ => Flavor::Standard,
    };
    let mut out = Vec::new();
    for t in tokenize(sql, flavor) {
        let tok = match (t.kind, dialect) {
            (Kind::Space | Kind::Comment, _) => continue,
            (Kind::Word, _) => {
                let mut tok = Tok::new(Kind::Word, t.text);
                if is_operator_word(&tok) {
                    tok.text = tok.text.to_ascii_uppercase();
                }
                tok
            }
            (Kind::Quoted, Some(d)) => {
                let name = unquote_name(t.text);
                if reads_bare(d, &name) {
                    Tok::new(Kind::Word, name)
                } else {
                    Tok::new(Kind::Quoted, d.quote_ident(&name))
                }
            }
            (Kind::String, Some(Dialect::Mysql)) => {
                // `_utf8mb4'x'`: the introducer only names the character set of the text.
                let text = match t.text.find('\'') {
                    Some(q) if t.text.starts_with('_') => &t.text[q..],
                    _ => t.text,
                };
                match string_value(text, true) {
                    Some(v) => Tok::new(Kind::String, crate::dialect::mysql::quote_string(&v)),
                    None => Tok::new(Kind::String, text),
                }
            }
            (Kind::String, Some(_)) => match string_value(t.text, false) {
                Some(v) => Tok::new(Kind::String, super::quote_literal(&v)),
                None => Tok::new(Kind::String, t.text),
            },
            (kind, _) => Tok::new(kind, t.text),
        };
        out.push(tok);
    }
    out
}

/// Whether `dialect` reads `name` written bare as the same identifier.
fn reads_bare(dialect: Dialect, name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let plain = |c: char| c.is_ascii_lowercase() || c == '_';
    let plain_rest = |c: char| plain(c) || c.is_ascii_digit();
    match dialect {
        // PostgreSQL folds bare names to lower case.
        Dialect::Postgres => {
            plain(first) && chars.all(plain_rest) && !keywords::contains(keywords::POSTGRES, name)
        }
        Dialect::Mysql => {
            (plain(first) || first.is_ascii_uppercase())
                && chars.all(|c| plain_rest(c) || c.is_ascii_uppercase())
                && !keywords::contains(keywords::MYSQL, name)
        }
        Dialect::Sqlite => {
            (plain(first) || first.is_ascii_uppercase())
                && chars.all(|c| plain_rest(c) || c.is_ascii_uppercase())
                && !keywords::contains(keywords::SQLITE, name)
        }
    }
}

const TEXT_TYPES: [&str; 6] = [
    "text",
    "character varying",
    "varchar",
    "bpchar",
    "character",
    "char",
];

const NUMERIC_TYPES: [&str; 8] = [
    "numeric",
    "decimal",
    "integer",
    "int",
    "bigint",
    "smallint",
    "real",
    "double precision",
];

/// Which casts may go: `::text` on the columns `text_column` accepts, and with `numeric`
/// the numeric casts of literals.
struct CastRules<'a> {
    text_column: &'a dyn Fn(&str) -> bool,
    numeric: bool,
}

/// A cast target read after `::`: its base name (lower case, words joined by a space),
/// whether it is an array, and the index after it.
struct CastType {
    base: String,
    array: bool,
    end: usize,
}

fn read_cast_type(toks: &[Tok], mut i: usize) -> Option<CastType> {
    let first = toks.get(i).filter(|t| t.kind == Kind::Word)?;
    let mut base = first.text.to_ascii_lowercase();
    i += 1;
    let word = |i: usize| {
        toks.get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text.to_ascii_lowercase())
    };
    match (base.as_str(), word(i).as_deref()) {
        ("character" | "bit", Some("varying")) | ("double", Some("precision")) => {
            base.push_str(if base == "double" {
                " precision"
            } else {
                " varying"
            });
            i += 1;
        }
        ("time" | "timestamp", Some(w @ ("with" | "without")))
            if word(i + 1).as_deref() == Some("time") && word(i + 2).as_deref() == Some("zone") =>
        {
            base = format!("{base} {w} time zone");
            i += 3;
        }
        _ => {}
    }
    // A modifier, `(10,2)`.
    if toks.get(i).is_some_and(|t| t.text == "(") {
        let mut j = i + 1;
        while toks
            .get(j)
            .is_some_and(|t| matches!(t.kind, Kind::Number | Kind::Comma))
        {
            j += 1;
        }
        if toks.get(j).is_some_and(|t| t.text == ")") {
            i = j + 1;
        }
    }
    let mut array = false;
    while toks.get(i).is_some_and(|t| t.text == "[")
        && toks.get(i + 1).is_some_and(|t| t.text == "]")
    {
        array = true;
        i += 2;
    }
    Some(CastType {
        base,
        array,
        end: i,
    })
}

/// Removes the casts PostgreSQL adds when it prints an expression; see the module.
fn strip_postgres_casts(toks: Vec<Tok>, text_column: &CastRules<'_>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    // For each token of `out`: the index of its opening bracket, for a closing one.
    let mut open_of: Vec<Option<usize>> = Vec::with_capacity(toks.len());
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind == Kind::Cast
            && let Some(ty) = read_cast_type(&toks, i + 1)
            && drop_cast(&mut out, &mut open_of, &ty, text_column)
        {
            i = ty.end;
            continue;
        }
        let t = toks[i].clone();
        match t.kind {
            Kind::Open => {
                stack.push(out.len());
                open_of.push(None);
            }
            Kind::Close => {
                let pair = if t.text == ")" { "(" } else { "[" };
                let open = stack.last().copied().filter(|&o| out[o].text == pair);
                if open.is_some() {
                    stack.pop();
                }
                open_of.push(open);
            }
            _ => open_of.push(None),
        }
        out.push(t);
        i += 1;
    }
    out
}

/// Whether the cast `ty` on the operand that ends `out` is one PostgreSQL added; if so
/// the operand is rewritten as needed (a numeric string becomes a number, `(0)` → `0`).
fn drop_cast(
    out: &mut Vec<Tok>,
    open_of: &mut Vec<Option<usize>>,
    ty: &CastType,
    rules: &CastRules<'_>,
) -> bool {
    let texty = TEXT_TYPES.contains(&ty.base.as_str());
    let numeric = rules.numeric && NUMERIC_TYPES.contains(&ty.base.as_str());
    let Some(last) = out.last() else {
        return false;
    };
    let before = out.len().checked_sub(2).map(|i| &out[i]);
    if ty.array {
        // `ARRAY['a'::character varying, …]::text[]`.
        return texty
            && last.text == "]"
            && open_of
                .last()
                .copied()
                .flatten()
                .and_then(|o| o.checked_sub(1))
                .is_some_and(|w| out[w].is(Kind::Word, "array"));
    }
    match last.kind {
        Kind::String if texty => true,
        Kind::String if numeric => {
            match string_value(&last.text, false)
                .and_then(|v| crate::default_sql::canonical_number(&v))
            {
                Some(n) => {
                    *out.last_mut().expect("last") = Tok::new(Kind::Number, n);
                    true
                }
                None => false,
            }
        }
        Kind::Number => numeric,
        Kind::Word | Kind::Quoted if ty.base == "text" => {
            let name = if last.kind == Kind::Quoted {
                unquote_name(&last.text)
            } else {
                last.text.clone()
            };
            let qualified = before.is_some_and(|b| matches!(b.kind, Kind::Dot | Kind::Cast));
            !qualified && (rules.text_column)(&name)
        }
        Kind::Close if last.text == ")" && numeric => {
            // `(0)::numeric`, `(-1)::integer`: a parenthesized number, not a call's arguments.
            let Some(open) = open_of.last().copied().flatten() else {
                return false;
            };
            let inner = &out[open + 1..out.len() - 1];
            let is_number = match inner {
                [n] => n.kind == Kind::Number,
                [sign, n] => sign.is(Kind::Operator, "-") && n.kind == Kind::Number,
                _ => false,
            };
            let is_call = open
                .checked_sub(1)
                .is_some_and(|p| matches!(out[p].kind, Kind::Word | Kind::Quoted | Kind::Close));
            if !is_number || is_call {
                return false;
            }
            let inner: Vec<Tok> = inner.to_vec();
            out.truncate(open);
            open_of.truncate(open);
            let number: String = inner.iter().map(|t| t.text.as_str()).collect();
            out.push(Tok::new(Kind::Number, number));
            open_of.push(None);
            true
        }
        _ => false,
    }
}

/// `= ANY (ARRAY[…])` → `IN (…)`, `<> ALL (ARRAY[…])` → `NOT IN (…)`, `~~` → `LIKE`,
/// `!~~` → `NOT LIKE`, `~~*` → `ILIKE`, `!~~*` → `NOT ILIKE`.
fn postgres_operators(toks: Vec<Tok>) -> Vec<Tok> {
    let matches = bracket_matches(&toks);
    let mut out = Vec::with_capacity(toks.len());
    // The `]` of each rewritten `ARRAY[…]`: dropped when reached, so that what lies
    // between is rewritten in the same pass (an ANY inside an ANY).
    let mut dropped = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if dropped[i] {
            i += 1;
            continue;
        }
        if t.kind == Kind::Operator {
            let words: &[&str] = match t.text.as_str() {
                "~~" => &["LIKE"],
                "!~~" => &["NOT", "LIKE"],
                "~~*" => &["ILIKE"],
                "!~~*" => &["NOT", "ILIKE"],
                _ => &[],
            };
            if !words.is_empty() {
                out.extend(words.iter().map(|w| Tok::new(Kind::Word, *w)));
                i += 1;
                continue;
            }
            let quantifier = match t.text.as_str() {
                "=" => Some(("ANY", &["IN"][..])),
                "<>" => Some(("ALL", &["NOT", "IN"][..])),
                _ => None,
            };
            if let Some((q, words)) = quantifier
                && toks.get(i + 1).is_some_and(|n| n.is(Kind::Word, q))
                && toks.get(i + 2).is_some_and(|n| n.text == "(")
                && toks.get(i + 3).is_some_and(|n| n.is(Kind::Word, "array"))
                && toks.get(i + 4).is_some_and(|n| n.text == "[")
                && let (Some(close_paren), Some(close_bracket)) = (matches[i + 2], matches[i + 4])
                && close_paren == close_bracket + 1
            {
                out.extend(words.iter().map(|w| Tok::new(Kind::Word, *w)));
                out.push(Tok::new(Kind::Open, "("));
                dropped[close_bracket] = true;
                i += 5;
                continue;
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

/// `x IN ('a')` → `x = 'a'`, `x NOT IN (1)` → `x <> 1`.
fn single_element_in(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.is(Kind::Word, "in")
            && toks.get(i + 1).is_some_and(|n| n.text == "(")
            && toks
                .get(i + 2)
                .is_some_and(|n| matches!(n.kind, Kind::String | Kind::Number))
            && toks.get(i + 3).is_some_and(|n| n.text == ")")
        {
            let negated = out.last().is_some_and(|p| p.is(Kind::Word, "not"));
            if negated {
                out.pop();
            }
            out.push(Tok::new(Kind::Operator, if negated { "<>" } else { "=" }));
            out.push(toks[i + 2].clone());
            i += 4;
            continue;
        }
        out.push(t.clone());
        i += 1;
    }
    out
}

/// Matching brackets of the working list, as [`super::lexer::match_brackets`] does.
fn bracket_matches(toks: &[Tok]) -> Vec<Option<usize>> {
    let mut matches = vec![None; toks.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Kind::Open => stack.push(i),
            Kind::Close => {
                let pair = if t.text == ")" { "(" } else { "[" };
                if let Some(&open) = stack.last()
                    && toks[open].text == pair
                {
                    stack.pop();
                    matches[open] = Some(i);
                    matches[i] = Some(open);
                }
            }
            _ => {}
        }
    }
    matches
}

/// Writes tokens with one space between them, except after an opening bracket, before
/// a closing one or a comma, around `.` and `::`, after a unary sign, and between a
/// function's name and its `(`. Never glues two tokens into one (`- -1`, `/ *`).
fn render(toks: &[Tok]) -> String {
    let mut out = String::with_capacity(toks.iter().map(|t| t.text.len() + 1).sum());
    let mut prev: Option<&Tok> = None;
    let mut prev_unary = false;
    for t in toks {
        if let Some(p) = prev
            && needs_space(p, t, prev_unary)
        {
            out.push(' ');
        }
        out.push_str(&t.text);
        prev_unary = t.kind == Kind::Operator
            && (t.text == "-" || t.text == "+")
            && prev.is_none_or(|p| {
                matches!(
                    p.kind,
                    Kind::Open | Kind::Comma | Kind::Operator | Kind::Cast
                ) || is_operator_word(p)
            });
        prev = Some(t);
    }
    out
}

fn needs_space(p: &Tok, t: &Tok, p_unary: bool) -> bool {
    let glue = |a: char, b: char| p.text.ends_with(a) && t.text.starts_with(b);
    if glue('-', '-') || glue('/', '*') || glue(':', ':') || glue('*', '/') {
        return true;
    }
    if p.kind == Kind::Operator && t.kind == Kind::Operator {
        return true;
    }
    if p_unary {
        return false;
    }
    match (p.kind, t.kind) {
        (Kind::Open, _) => false,
        (_, Kind::Close | Kind::Comma) => false,
        (Kind::Comma, _) => true,
        (Kind::Cast, _) | (_, Kind::Cast) => false,
        (Kind::Word | Kind::Quoted | Kind::Close, Kind::Dot) => false,
        (Kind::Dot, Kind::Word | Kind::Quoted) => false,
        (Kind::Dot, Kind::Operator) => t.text != "*",
        (_, Kind::Open) if t.text == "[" => false,
        (Kind::Word, Kind::Open) => is_operator_word(p),
        (Kind::Quoted, Kind::Open) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests;
