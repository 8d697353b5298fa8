//! Reading the key parts of `pg_get_indexdef`'s text: PostgreSQL prints each part's
//! collation, operator class and operator class parameters only there (and only where they
//! are not the column's defaults), so their spelling is taken from it as printed.

use autogen_schema::IndexTarget;

/// The key parts of `CREATE … INDEX … USING am (part, part) …`, one text each.
pub(super) fn key_parts(def: &str, am: &str) -> Option<Vec<String>> {
    let marker = format!(" USING {am} (");
    let start = def.find(&marker)? + marker.len();
    let body = &def[start..];
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                current.push(c);
                // A doubled quote inside reads as the end and the start again: same result.
                for d in chars.by_ref() {
                    current.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '(' => {
                depth += 1;
                current.push(c);
            }
            ')' if depth == 0 => {
                parts.push(current.trim().to_string());
                return Some(parts);
            }
            ')' => {
                depth -= 1;
                current.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut current).trim().to_string()),
            _ => current.push(c),
        }
    }
    None
}

/// A part's own collation (without quotes) and operator class (with its parameters, as
/// printed), from the text after its column or expression.
pub(super) fn collation_and_opclass(
    part: &str,
    target: &IndexTarget,
) -> (Option<String>, Option<String>) {
    let rest = after_target(part, target).trim();
    let (collation, rest) = match rest.strip_prefix("COLLATE ") {
        Some(r) => {
            let (name, after) = identifier(r.trim_start());
            (Some(name), after)
        }
        None => (None, rest),
    };
    let mut rest = rest.trim();
    for suffix in [" NULLS FIRST", " NULLS LAST", "NULLS FIRST", "NULLS LAST"] {
        if let Some(r) = rest.strip_suffix(suffix) {
            rest = r.trim_end();
            break;
        }
    }
    for suffix in [" DESC", "DESC"] {
        if let Some(r) = rest.strip_suffix(suffix) {
            rest = r.trim_end();
            break;
        }
    }
    let opclass = (!rest.is_empty()).then(|| rest.to_string());
    (collation, opclass)
}

/// The text after the part's column or expression: a parenthesized expression, or a name
/// with the arguments of a call after it.
fn after_target<'a>(part: &'a str, target: &IndexTarget) -> &'a str {
    if let IndexTarget::Expression(e) = target
        && let Some(rest) = part.strip_prefix(e.as_str())
    {
        return rest;
    }
    if part.starts_with('(') {
        return skip_parens(part);
    }
    let (_, after) = identifier(part);
    let after_dot = after.strip_prefix('.').map(|r| identifier(r).1);
    let after = after_dot.unwrap_or(after);
    if after.starts_with('(') {
        skip_parens(after)
    } else {
        after
    }
}

/// `"Quoted ""name"""` or `plain` at the start of `s`: the name and what follows.
fn identifier(s: &str) -> (String, &str) {
    if let Some(body) = s.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = body.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '"' {
                if chars.peek().is_some_and(|(_, d)| *d == '"') {
                    chars.next();
                    name.push('"');
                } else {
                    return (name, &body[i + 1..]);
                }
            } else {
                name.push(c);
            }
        }
        (name, "")
    } else {
        let end = s
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .unwrap_or(s.len());
        (s[..end].to_string(), &s[end..])
    }
}

/// `s` after the balanced parentheses it starts with.
fn skip_parens(s: &str) -> &str {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &s[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEF: &str = "CREATE INDEX i ON t USING btree (a varchar_pattern_ops DESC NULLS LAST, \
        b COLLATE \"POSIX\" text_pattern_ops NULLS FIRST, lower(a) COLLATE \"C\", (a || b)) \
        INCLUDE (c) WITH (fillfactor='70') WHERE a <> ''::text";

    #[test]
    fn parts_are_split_at_top_level_commas() {
        let parts = key_parts(DEF, "btree").unwrap();
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[2], "lower(a) COLLATE \"C\"");
        assert_eq!(parts[3], "(a || b)");
    }

    #[test]
    fn collation_and_opclass_are_read() {
        let col = |c: &str| IndexTarget::Column(c.into());
        assert_eq!(
            collation_and_opclass("a varchar_pattern_ops DESC NULLS LAST", &col("a")),
            (None, Some("varchar_pattern_ops".into()))
        );
        assert_eq!(
            collation_and_opclass(
                "b COLLATE \"POSIX\" text_pattern_ops NULLS FIRST",
                &col("b")
            ),
            (Some("POSIX".into()), Some("text_pattern_ops".into()))
        );
        assert_eq!(
            collation_and_opclass(
                "lower(a) COLLATE \"C\"",
                &IndexTarget::Expression("lower(a)".into())
            ),
            (Some("C".into()), None)
        );
        assert_eq!(
            collation_and_opclass("\"A b\" gist_trgm_ops (siglen='32')", &col("A b")),
            (None, Some("gist_trgm_ops (siglen='32')".into()))
        );
        assert_eq!(collation_and_opclass("(a || b)", &col("x")), (None, None));
    }
}
