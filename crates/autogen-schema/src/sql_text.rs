//! Small helpers for SQL text: quotes, parentheses and casts at the top level.

/// Walks `s` and calls `f(byte_index, byte, depth)` for every byte outside quotes.
/// Single quotes, double quotes and backticks are skipped as strings and identifiers.
fn for_each_top_level(s: &str, mut f: impl FnMut(usize, u8, i32) -> bool) {
    let bytes = s.as_bytes();
    let mut depth = 0i32;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\'' | b'"' | b'`' => {
                let quote = b;
                i += 1;
                while i < bytes.len() {
                    if bytes[i] == quote {
                        if bytes.get(i + 1) == Some(&quote) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            b'(' => {
                depth += 1;
                if !f(i, b, depth) {
                    return;
                }
            }
            b')' => {
                if !f(i, b, depth) {
                    return;
                }
                depth -= 1;
            }
            _ => {
                if !f(i, b, depth) {
                    return;
                }
            }
        }
        i += 1;
    }
}

/// Removes parentheses that enclose the whole text, as often as they do: `((a))` → `a`.
pub fn strip_outer_parens(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        if !(s.starts_with('(') && s.ends_with(')')) {
            return s;
        }
        // The opening parenthesis must close at the very end.
        let mut closes_at_end = false;
        for_each_top_level(s, |i, b, depth| {
            if b == b')' && depth == 1 {
                closes_at_end = i == s.len() - 1;
                return false;
            }
            true
        });
        if !closes_at_end {
            return s;
        }
        s = s[1..s.len() - 1].trim();
    }
}

/// Splits a trailing top-level PostgreSQL cast: `'x'::character varying` → (`'x'`, `character varying`).
pub fn split_top_level_cast(s: &str) -> Option<(&str, &str)> {
    let bytes = s.as_bytes();
    let mut last = None;
    for_each_top_level(s, |i, b, depth| {
        if depth == 0 && b == b':' && bytes.get(i + 1) == Some(&b':') {
            last = Some(i);
        }
        true
    });
    let i = last?;
    let ty = s[i + 2..].trim();
    // A cast target is a type name: letters, digits, spaces, quotes, brackets, parens.
    if ty.is_empty()
        || !ty
            .chars()
            .all(|c| c.is_alphanumeric() || " _.\"[](),".contains(c))
    {
        return None;
    }
    Some((s[..i].trim(), ty))
}

/// Splits at top-level commas: `a, f(b, c), 'x,y'` → [`a`, `f(b, c)`, `'x,y'`].
pub fn split_top_level_commas(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for_each_top_level(s, |i, b, depth| {
        if depth == 0 && b == b',' {
            parts.push(s[start..i].trim());
            start = i + 1;
        }
        true
    });
    let last = s[start..].trim();
    if !last.is_empty() || !parts.is_empty() {
        parts.push(last);
    }
    parts
}

/// Collapses runs of white space outside quotes to one space and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut quote: Option<char> = None;
    let mut pending_space = false;
    for c in s.trim().chars() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if c == '\'' || c == '"' || c == '`' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}

/// Replaces the identifier `old` with `new` wherever it stands as a whole word outside
/// string literals, bare or quoted (`"old"`, `` `old` ``): what databases do to checks and
/// index expressions when a column is renamed.
pub fn replace_identifier(sql: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let chars: Vec<char> = sql.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Copy the string literal as it is.
            out.push(c);
            i += 1;
            while i < chars.len() {
                out.push(chars[i]);
                if chars[i] == '\'' {
                    if chars.get(i + 1) == Some(&'\'') {
                        out.push('\'');
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        if c == '"' || c == '`' {
            let end = chars[i + 1..]
                .iter()
                .position(|&d| d == c)
                .map(|p| i + 1 + p);
            if let Some(end) = end {
                let ident: String = chars[i + 1..end].iter().collect();
                out.push(c);
                out.push_str(if ident == old { new } else { &ident });
                out.push(c);
                i = end + 1;
                continue;
            }
        }
        if is_word(c) && (i == 0 || !is_word(chars[i - 1])) {
            let end = chars[i..]
                .iter()
                .position(|&d| !is_word(d))
                .map_or(chars.len(), |p| i + p);
            let word: String = chars[i..end].iter().collect();
            out.push_str(if word == old { new } else { &word });
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Removes the quotes (`quote` is `"` or `` ` ``) around plain identifiers outside string
/// literals: `` `c0` >= 0 `` → `c0 >= 0`. Databases print expressions with quotes that
/// models leave out. With `"`, only lower-case identifiers count as plain, because
/// `"Foo"` and `Foo` differ in PostgreSQL.
pub fn unquote_identifiers(expression: &str, quote: char) -> String {
    let mut out = String::with_capacity(expression.len());
    let mut rest = expression;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        if c == '\'' {
            in_string = !in_string;
        }
        if c == quote
            && !in_string
            && let Some(end) = rest[1..].find(quote)
        {
            let ident = &rest[1..1 + end];
            let plain = !ident.is_empty()
                && !ident.starts_with(|ch: char| ch.is_ascii_digit())
                && ident.chars().all(|ch| {
                    ch == '_'
                        || ch.is_ascii_digit()
                        || ch.is_ascii_lowercase()
                        || (quote == '`' && ch.is_ascii_uppercase())
                });
            if plain {
                out.push_str(ident);
                rest = &rest[end + 2..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Numeric types PostgreSQL casts literals to when it prints an expression.
const NUMERIC_CASTS: [&str; 8] = [
    "double precision",
    "numeric",
    "decimal",
    "integer",
    "bigint",
    "smallint",
    "real",
    "int",
];

/// Removes the casts PostgreSQL adds to numeric literals when it prints an expression:
/// `price >= (0)::numeric` → `price >= 0`, `n > '-1'::integer` → `n > -1`. Casts of
/// anything else (columns, strings, dates) stay.
pub fn strip_numeric_literal_casts(sql: &str) -> String {
    let mut out = sql.to_string();
    let mut from = 0;
    while let Some(found) = out[from..].find("::") {
        let at = from + found;
        let after = &out[at + 2..];
        let Some(ty) = NUMERIC_CASTS.iter().find(|t| {
            after.starts_with(*t)
                && !after[t.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
        }) else {
            from = at + 2;
            continue;
        };
        let mut end = at + 2 + ty.len();
        // A typmod such as numeric(10,2) belongs to the cast.
        if out[end..].starts_with('(')
            && let Some(close) = out[end..].find(')')
        {
            end += close + 1;
        }
        let before = &out[..at];
        let (start, literal) = if let Some(inner) = before.strip_suffix(')') {
            let open = inner.rfind('(');
            match open {
                Some(open) => (open, inner[open + 1..].trim().to_string()),
                None => {
                    from = at + 2;
                    continue;
                }
            }
        } else if let Some(inner) = before.strip_suffix('\'') {
            match inner.rfind('\'') {
                Some(open) => (open, inner[open + 1..].to_string()),
                None => {
                    from = at + 2;
                    continue;
                }
            }
        } else {
            let open = before
                .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
                .map_or(0, |i| i + 1);
            (open, before[open..].to_string())
        };
        match crate::default_sql::canonical_number(&literal) {
            Some(number) if !literal.is_empty() => {
                out.replace_range(start..end, &number);
                from = start + number.len();
            }
            _ => from = at + 2,
        }
    }
    out
}

/// Quotes a string literal with doubled single quotes.
pub fn quote_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parens() {
        assert_eq!(strip_outer_parens("((a > 0))"), "a > 0");
        assert_eq!(strip_outer_parens("(a) + (b)"), "(a) + (b)");
        assert_eq!(strip_outer_parens("(')')"), "')'");
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
    }
}
