//! SQL text helpers, all built on one tokenizer ([`lexer`]): outer parentheses, top-level
//! casts and commas, white space, identifier renames, and the canonical spelling of
//! expressions per dialect ([`expression`]).
//!
//! Every function here is linear in the length of its input and uses no recursion, so
//! that an expression nested a million levels deep costs what a flat one of the same
//! length costs (see `docs/robustness.md`).

pub mod expression;
pub mod keywords;
pub mod lexer;

use lexer::{Flavor, Kind, Token, match_brackets, tokenize};

/// Byte offset of each token in the text it came from.
pub(crate) fn offsets(tokens: &[Token<'_>]) -> Vec<usize> {
    let mut at = 0;
    tokens
        .iter()
        .map(|t| {
            let start = at;
            at += t.text.len();
            start
        })
        .collect()
}

/// Removes parentheses that enclose the whole text, as often as they do: `((a))` → `a`.
pub fn strip_outer_parens(s: &str) -> &str {
    let s = s.trim();
    let tokens = tokenize(s, Flavor::Standard);
    let matches = match_brackets(&tokens);
    let starts = offsets(&tokens);
    let (mut lo, mut hi) = (0, tokens.len());
    loop {
        while lo < hi && tokens[lo].kind == Kind::Space {
            lo += 1;
        }
        while hi > lo && tokens[hi - 1].kind == Kind::Space {
            hi -= 1;
        }
        if hi - lo >= 2 && tokens[lo].text == "(" && matches[lo] == Some(hi - 1) {
            lo += 1;
            hi -= 1;
        } else {
            break;
        }
    }
    if lo >= hi {
        return "";
    }
    &s[starts[lo]..starts[hi - 1] + tokens[hi - 1].text.len()]
}

/// Splits a trailing top-level PostgreSQL cast: `'x'::character varying` → (`'x'`,
/// `character varying`), `'it''s'::"mood'x"` → (`'it''s'`, `"mood'x"`). The target must
/// read as a type name: words, quoted names, dots, a parenthesized modifier, `[]`.
pub fn split_top_level_cast(s: &str) -> Option<(&str, &str)> {
    let tokens = tokenize(s, Flavor::Standard);
    let matches = match_brackets(&tokens);
    let starts = offsets(&tokens);
    let mut depth = 0usize;
    let mut last = None;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth = depth.saturating_sub(1),
            Kind::Cast if depth == 0 => last = Some(i),
            _ => {}
        }
    }
    let at = last?;
    if !is_type_name(&tokens[at + 1..], &matches[at + 1..], at + 1) {
        return None;
    }
    let ty = s[starts[at] + 2..].trim();
    Some((s[..starts[at]].trim(), ty))
}

/// Whether `tokens` (starting at index `base` of the whole list) spell a type name.
fn is_type_name(tokens: &[Token<'_>], matches: &[Option<usize>], base: usize) -> bool {
    let mut seen_name = false;
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        match t.kind {
            Kind::Space | Kind::Dot => {}
            Kind::Word | Kind::Quoted => seen_name = true,
            Kind::Open if seen_name => {
                let Some(close) = matches[i] else {
                    return false;
                };
                let close = close - base;
                let inside_ok = tokens[i + 1..close]
                    .iter()
                    .all(|t| matches!(t.kind, Kind::Number | Kind::Comma | Kind::Space));
                if !inside_ok {
                    return false;
                }
                i = close;
            }
            _ => return false,
        }
        i += 1;
    }
    seen_name
}

/// Splits at top-level commas: `a, f(b, c), 'x,y'` → [`a`, `f(b, c)`, `'x,y'`].
pub fn split_top_level_commas(s: &str) -> Vec<&str> {
    let tokens = tokenize(s, Flavor::Standard);
    let starts = offsets(&tokens);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Open => depth += 1,
            Kind::Close => depth = depth.saturating_sub(1),
            Kind::Comma if depth == 0 => {
                parts.push(s[start..starts[i]].trim());
                start = starts[i] + 1;
            }
            _ => {}
        }
    }
    let last = s[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last);
    }
    parts
}

/// Collapses runs of white space outside quotes to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for t in tokenize(s.trim(), Flavor::Standard) {
        if t.kind == Kind::Space {
            out.push(' ');
        } else {
            out.push_str(t.text);
        }
    }
    out
}

/// Replaces the identifier `old` with `new` wherever it stands as a whole word outside
/// string literals, bare or quoted (`"old"`, `` `old` ``): what databases do to checks and
/// index expressions when a column is renamed. A bare `old` becomes `"new"` when `new`
/// could not stand bare in every dialect (a reserved word, upper case, a space);
/// [`crate::Dialect::expression_sql`] then writes it with the dialect's quotes.
pub fn replace_identifier(sql: &str, old: &str, new: &str) -> String {
    let bare_everywhere = new.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && new
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && [keywords::POSTGRES, keywords::MYSQL, keywords::SQLITE]
            .iter()
            .all(|list| !keywords::contains(list, new));
    let mut out = String::with_capacity(sql.len());
    for t in tokenize(sql, Flavor::Standard) {
        match t.kind {
            Kind::Word if t.text == old && bare_everywhere => out.push_str(new),
            Kind::Word if t.text == old => {
                out.push('"');
                out.push_str(&new.replace('"', "\"\""));
                out.push('"');
            }
            Kind::Quoted if lexer::unquote_name(t.text) == old => {
                let q = t.text.chars().next().unwrap_or('"');
                out.push(q);
                out.push_str(&new.replace(q, &format!("{q}{q}")));
                out.push(q);
            }
            _ => out.push_str(t.text),
        }
    }
    out
}

/// Removes the casts PostgreSQL adds to numeric literals when it prints an expression:
/// `price >= (0)::numeric` → `price >= 0`, `n > '-1'::integer` → `n > -1`. Casts of
/// anything else (columns, strings, dates) stay. White space is made canonical.
pub fn strip_numeric_literal_casts(sql: &str) -> String {
    expression::canonical(sql, crate::Dialect::Postgres, &|_: &str| false)
}

/// Quotes a string literal with doubled single quotes.
pub fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The names among `known` that `sql` mentions as identifiers (bare or quoted, any letter
/// case; string literals and comments do not count), each once, in `known`'s spelling:
/// what a view or trigger reads, for ordering and for rebuilds. A column that happens to
/// share a table's name counts too, which only errs on the side of recreating more.
pub fn names_mentioned<'k>(
    sql: &str,
    flavor: Flavor,
    known: impl IntoIterator<Item = &'k str>,
) -> Vec<String> {
    let words: std::collections::HashSet<String> = tokenize(sql, flavor)
        .iter()
        .filter_map(|t| match t.kind {
            Kind::Word => Some(t.text.to_lowercase()),
            Kind::Quoted if t.text.len() >= 2 => {
                let inner = &t.text[1..t.text.len() - 1];
                let close = &t.text[t.text.len() - 1..];
                Some(
                    inner
                        .replace(&format!("{close}{close}"), close)
                        .to_lowercase(),
                )
            }
            _ => None,
        })
        .collect();
    let mut out: Vec<String> = known
        .into_iter()
        .filter(|k| words.contains(&k.to_lowercase()))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parens() {
        assert_eq!(strip_outer_parens("((a > 0))"), "a > 0");
        assert_eq!(strip_outer_parens("(a) + (b)"), "(a) + (b)");
        assert_eq!(strip_outer_parens("(')')"), "')'");
        assert_eq!(strip_outer_parens(" ( ( a ) ) "), "a");
        assert_eq!(strip_outer_parens("()"), "");
        assert_eq!(strip_outer_parens("(a"), "(a");
    }

    #[test]
    fn casts() {
        assert_eq!(
            split_top_level_cast("'a::b'::character varying"),
            Some(("'a::b'", "character varying"))
        );
        assert_eq!(split_top_level_cast("'a::b'"), None);
        assert_eq!(
            split_top_level_cast("(0)::numeric(10,2)"),
            Some(("(0)", "numeric(10,2)"))
        );
        assert_eq!(
            split_top_level_cast("'it''s'::\"mood'x\""),
            Some(("'it''s'", "\"mood'x\""))
        );
        assert_eq!(
            split_top_level_cast("'{}'::text[]"),
            Some(("'{}'", "text[]"))
        );
        assert_eq!(split_top_level_cast("a::b + 1"), None);
    }

    #[test]
    fn numeric_literal_casts() {
        assert_eq!(
            strip_numeric_literal_casts("price >= (0)::numeric"),
            "price >= 0"
        );
        assert_eq!(strip_numeric_literal_casts("n > '-1'::integer"), "n > -1");
        assert_eq!(
            strip_numeric_literal_casts("p < 1.5::numeric(10,2)"),
            "p < 1.5"
        );
        assert_eq!(
            strip_numeric_literal_casts("d > '2020-01-01'::date AND (x)::numeric > 0"),
            "d > '2020-01-01'::date AND (x)::numeric > 0"
        );
        assert_eq!(strip_numeric_literal_casts("a::integers"), "a::integers");
    }

    #[test]
    fn commas_and_spaces() {
        assert_eq!(
            split_top_level_commas("a, f(b, c), 'x,y'"),
            vec!["a", "f(b, c)", "'x,y'"]
        );
        assert_eq!(collapse_whitespace("  a   'b  c'\n d "), "a 'b  c' d");
        assert_eq!(
            replace_identifier("c1 >= 0 AND c10 <> 'c1' AND \"c1\" > 1", "c1", "m"),
            "m >= 0 AND c10 <> 'c1' AND \"m\" > 1"
        );
        assert_eq!(
            replace_identifier("c1 >= 0 AND `c1` > 1", "c1", "group"),
            "\"group\" >= 0 AND `group` > 1"
        );
    }
}
