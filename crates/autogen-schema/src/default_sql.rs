//! Parsing default expressions as databases print them, so equal defaults compare equal.

use crate::ir::DefaultValue;
use crate::sql_text::lexer::{Flavor, Kind, match_brackets, tokenize};
use crate::sql_text::offsets;

impl DefaultValue {
    /// Parses a default as a database prints it: `'active'::character varying`,
    /// `CURRENT_TIMESTAMP(0)`, `now()`, `(datetime('now'))`, `uuid_generate_v4()`, `10`, `false`.
    ///
    /// Casts and outer parentheses are removed; what is not a literal or a known function
    /// becomes [`DefaultValue::Expression`] with the original text.
    pub fn parse_sql(text: &str) -> DefaultValue {
        let original = text.trim();
        let s = peel(original);
        if let Some(literal) = parse_string_literal(s) {
            return DefaultValue::String(literal);
        }
        let lower = s.to_ascii_lowercase();
        match lower.as_str() {
            "null" => return DefaultValue::Null,
            "true" => return DefaultValue::Bool(true),
            "false" => return DefaultValue::Bool(false),
            "current_timestamp" | "current_timestamp()" | "now()" | "localtimestamp" => {
                return DefaultValue::CurrentTimestamp { precision: None };
            }
            "current_date" | "current_date()" | "curdate()" => return DefaultValue::CurrentDate,
            "current_time" | "current_time()" | "curtime()" => return DefaultValue::CurrentTime,
            _ => {}
        }
        if let Some(number) = canonical_number(s) {
            return DefaultValue::Number(number);
        }
        if let Some(p) = lower
            .strip_prefix("current_timestamp(")
            .and_then(|r| r.strip_suffix(')'))
            .and_then(|p| p.trim().parse::<u32>().ok())
        {
            return DefaultValue::CurrentTimestamp { precision: Some(p) };
        }
        if let Some(name) = lower.strip_suffix("()")
            && !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        {
            return DefaultValue::Function(name.to_string());
        }
        DefaultValue::Expression(original.to_string())
    }
}

/// Removes enclosing parentheses and trailing casts, as often as they occur:
/// `(('a'::text))::character varying` → `'a'`, `'x'::"mood'x"` → `'x'`. One pass over the
/// tokens, whatever the nesting.
fn peel(s: &str) -> &str {
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
            continue;
        }
        // A trailing cast: a type name read backwards (words, quoted names, dots, a
        // modifier of numbers, `[]`), then `::`.
        let mut j = hi;
        let mut named = false;
        while j > lo {
            let t = &tokens[j - 1];
            match t.kind {
                Kind::Space | Kind::Dot => j -= 1,
                Kind::Word | Kind::Quoted => {
                    named = true;
                    j -= 1;
                }
                Kind::Close => {
                    let Some(open) = matches[j - 1].filter(|&o| o >= lo) else {
                        break;
                    };
                    let modifier = tokens[open + 1..j - 1]
                        .iter()
                        .all(|t| matches!(t.kind, Kind::Number | Kind::Comma | Kind::Space));
                    if !modifier {
                        break;
                    }
                    j = open;
                }
                _ => break,
            }
        }
        if named && j > lo && tokens[j - 1].kind == Kind::Cast {
            hi = j - 1;
            continue;
        }
        break;
    }
    if lo >= hi {
        return "";
    }
    &s[starts[lo]..starts[hi - 1] + tokens[hi - 1].text.len()]
}

/// `'it''s'` → `it's`. Returns `None` unless the whole text is one quoted literal.
/// An `E` or `N` prefix is accepted; backslash escapes are kept as written.
pub fn parse_string_literal(s: &str) -> Option<String> {
    let s = s
        .strip_prefix(['E', 'e', 'N', 'n'])
        .filter(|r| r.starts_with('\''))
        .unwrap_or(s);
    let body = s.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            // Inside the body a quote must be doubled; a lone one means two literals.
            if chars.next() != Some('\'') {
                return None;
            }
        }
        out.push(c);
    }
    Some(out)
}

/// Canonical text of a numeric literal (`+1` → `1`, `-1`, `1.50`), or `None`.
pub fn canonical_number(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    let digits = t.strip_prefix('-').unwrap_or(t);
    let mut seen_digit = false;
    let mut seen_dot = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => seen_digit = true,
            '.' if !seen_dot => seen_dot = true,
            _ => return None,
        }
    }
    seen_digit.then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use DefaultValue::*;

    #[test]
    fn postgres_casts_and_functions() {
        assert_eq!(
            DefaultValue::parse_sql("'active'::character varying"),
            String("active".into())
        );
        assert_eq!(
            DefaultValue::parse_sql("'it''s'::text"),
            String("it's".into())
        );
        assert_eq!(
            DefaultValue::parse_sql("CURRENT_TIMESTAMP(0)"),
            CurrentTimestamp { precision: Some(0) }
        );
        assert_eq!(
            DefaultValue::parse_sql("now()"),
            CurrentTimestamp { precision: None }
        );
        assert_eq!(
            DefaultValue::parse_sql("uuid_generate_v4()"),
            Function("uuid_generate_v4".into())
        );
        assert_eq!(DefaultValue::parse_sql("(-1)"), Number("-1".into()));
        assert_eq!(DefaultValue::parse_sql("false"), Bool(false));
        assert_eq!(DefaultValue::parse_sql("NULL::character varying"), Null);
        assert_eq!(DefaultValue::parse_sql("'{}'::jsonb"), String("{}".into()));
        // An enum whose type name needs quotes.
        assert_eq!(
            DefaultValue::parse_sql("'it''s'::\"mood'x\""),
            String("it's".into())
        );
        assert_eq!(
            DefaultValue::parse_sql("(('a'::text))::character varying(10)"),
            String("a".into())
        );
        assert_eq!(
            DefaultValue::parse_sql("'{}'::text[]::varchar[]"),
            String("{}".into())
        );
        assert_eq!(
            DefaultValue::parse_sql("(1 + 2)"),
            Expression("(1 + 2)".into())
        );
    }

    #[test]
    fn mysql_and_sqlite_forms() {
        assert_eq!(
            DefaultValue::parse_sql("current_timestamp()"),
            CurrentTimestamp { precision: None }
        );
        assert_eq!(
            DefaultValue::parse_sql("current_timestamp(3)"),
            CurrentTimestamp { precision: Some(3) }
        );
        assert_eq!(DefaultValue::parse_sql("'x'"), String("x".into()));
        assert_eq!(
            DefaultValue::parse_sql("(datetime('now'))"),
            Expression("(datetime('now'))".into())
        );
        assert_eq!(DefaultValue::parse_sql("uuid()"), Function("uuid".into()));
        assert_eq!(
            DefaultValue::parse_sql("'a' || 'b'"),
            Expression("'a' || 'b'".into())
        );
    }
}
