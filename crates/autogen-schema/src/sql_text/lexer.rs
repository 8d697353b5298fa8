//! The one SQL tokenizer of autogen: expressions (checks, index expressions and predicates,
//! defaults) are split into tokens once, in one pass, with no recursion, whatever their
//! size or nesting. Every helper of [`crate::sql_text`] works on its tokens.

/// How string literals and quoted identifiers are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// PostgreSQL and SQLite: `''` doubles a quote; a backslash is an ordinary character
    /// (except in PostgreSQL's `E'…'`); `[name]` is an identifier in SQLite only.
    Standard,
    /// SQLite: as [`Flavor::Standard`], and `[name]` is a quoted identifier.
    Sqlite,
    /// MySQL and MariaDB: a backslash escapes the next character inside a string.
    Mysql,
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A run of white space.
    Space,
    /// A comment (`-- …` to the end of the line, or `/* … */`).
    Comment,
    /// A bare word: identifier, keyword, function or type name.
    Word,
    /// A numeric literal.
    Number,
    /// A quoted identifier: `"a b"`, `` `a` ``, `[a]` (SQLite).
    Quoted,
    /// A string literal, with its prefix if any: `'x'`, `E'x'`, `N'x'`, `_utf8mb4'x'`,
    /// PostgreSQL's `$$x$$`.
    String,
    /// `(` or `[`.
    Open,
    /// `)` or `]`.
    Close,
    /// `,`.
    Comma,
    /// `.`.
    Dot,
    /// `::`.
    Cast,
    /// A run of operator characters (`<>`, `>=`, `~~*`, `||`, `-`, …).
    Operator,
    /// Anything else, one character.
    Other,
}

/// One token: its kind and its exact text in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: Kind,
    /// The source text, quotes and prefixes included.
    pub text: &'a str,
}

impl<'a> Token<'a> {
    /// Whether this is the bare word `word`, in any case.
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    /// Whether this token is the punctuation or operator `text`.
    pub fn is(&self, text: &str) -> bool {
        self.kind != Kind::String && self.kind != Kind::Quoted && self.text == text
    }
}

const OPERATOR_CHARS: &[u8] = b"+-*/<>=~!@#%^&|?:";

/// Splits `sql` into tokens. Never fails: an unterminated string, identifier or comment
/// runs to the end of the text, and a character that starts nothing is [`Kind::Other`].
/// The concatenated token texts are exactly `sql`.
pub fn tokenize(sql: &str, flavor: Flavor) -> Vec<Token<'_>> {
    let bytes = sql.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        let kind = match b {
            _ if b.is_ascii_whitespace() => {
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                Kind::Space
            }
            b'-' if bytes.get(i + 1) == Some(&b'-') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                Kind::Comment
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = match sql[i + 2..].find("*/") {
                    Some(end) => i + 2 + end + 2,
                    None => bytes.len(),
                };
                Kind::Comment
            }
            b'\'' => {
                let (end, closed) = string_end(bytes, i, flavor == Flavor::Mysql);
                i = end;
                if closed { Kind::String } else { Kind::Other }
            }
            b'"' | b'`' => {
                let (end, closed) = quoted_end(bytes, i, b);
                i = end;
                if closed { Kind::Quoted } else { Kind::Other }
            }
            b'[' if flavor == Flavor::Sqlite => match sql[i + 1..].find(']') {
                Some(end) => {
                    i += end + 2;
                    Kind::Quoted
                }
                None => {
                    i = bytes.len();
                    Kind::Other
                }
            },
            b'$' if flavor == Flavor::Standard => match dollar_quote_end(sql, i) {
                Some(end) => {
                    i = end;
                    Kind::String
                }
                None => {
                    i += 1;
                    Kind::Other
                }
            },
            b'0'..=b'9' => {
                i = number_end(bytes, i);
                Kind::Number
            }
            b'.' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                i = number_end(bytes, i);
                Kind::Number
            }
            b'(' | b'[' => {
                i += 1;
                Kind::Open
            }
            b')' | b']' => {
                i += 1;
                Kind::Close
            }
            b',' => {
                i += 1;
                Kind::Comma
            }
            b'.' => {
                i += 1;
                Kind::Dot
            }
            b':' if bytes.get(i + 1) == Some(&b':') => {
                i += 2;
                Kind::Cast
            }
            _ if OPERATOR_CHARS.contains(&b) => {
                i += 1;
                // A comment start ends the operator; `::` is a cast of its own.
                while i < bytes.len()
                    && OPERATOR_CHARS.contains(&bytes[i])
                    && !sql[i..].starts_with("--")
                    && !sql[i..].starts_with("/*")
                    && !sql[i..].starts_with("::")
                {
                    i += 1;
                }
                // As PostgreSQL reads `a>-1`: an operator ends in `+` or `-` only when it
                // also holds one of `~!@#%^&|?`; otherwise the sign starts the operand.
                while i - start > 1
                    && matches!(bytes[i - 1], b'+' | b'-')
                    && !bytes[start..i].iter().any(|c| b"~!@#%^&|?".contains(c))
                {
                    i -= 1;
                }
                Kind::Operator
            }
            _ if is_word_start(sql, i) => {
                i = word_end(sql, i);
                // A prefix glued to a string is part of it: E'…', N'…', _utf8mb4'…'.
                if bytes.get(i) == Some(&b'\'') && is_string_prefix(&sql[start..i]) {
                    let escapes =
                        flavor == Flavor::Mysql || sql[start..i].eq_ignore_ascii_case("e");
                    let (end, closed) = string_end(bytes, i, escapes);
                    i = end;
                    if closed { Kind::String } else { Kind::Other }
                } else {
                    Kind::Word
                }
            }
            _ => {
                i += sql[i..].chars().next().map_or(1, char::len_utf8);
                Kind::Other
            }
        };
        tokens.push(Token {
            kind,
            text: &sql[start..i],
        });
    }
    tokens
}

fn is_word_start(sql: &str, i: usize) -> bool {
    sql[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

fn word_end(sql: &str, mut i: usize) -> usize {
    for c in sql[i..].chars() {
        if c.is_alphanumeric() || c == '_' || c == '$' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn is_string_prefix(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "e" | "n" | "x" | "b")
        || (word.starts_with('_') && word.len() > 1)
}

/// The end (exclusive) of the string starting with the quote at `i`, and whether it
/// was closed.
fn string_end(bytes: &[u8], mut i: usize, backslash_escapes: bool) -> (usize, bool) {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if backslash_escapes => i += 2,
            b'\'' if bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b'\'' => return (i + 1, true),
            _ => i += 1,
        }
    }
    (bytes.len(), false)
}

/// The end (exclusive) of the identifier quoted with `quote` starting at `i`, and
/// whether it was closed.
fn quoted_end(bytes: &[u8], mut i: usize, quote: u8) -> (usize, bool) {
    i += 1;
    while i < bytes.len() {
        if bytes[i] == quote {
            if bytes.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return (i + 1, true);
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// PostgreSQL's `$tag$ … $tag$`; `None` when `$` does not open one.
fn dollar_quote_end(sql: &str, i: usize) -> Option<usize> {
    let rest = &sql[i + 1..];
    let tag_len = rest.find('$')?;
    let tag = &rest[..tag_len];
    if !tag.chars().all(|c| c.is_alphanumeric() || c == '_')
        || tag.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let delimiter = &sql[i..i + tag_len + 2];
    let body = i + tag_len + 2;
    Some(match sql[body..].find(delimiter) {
        Some(end) => body + end + delimiter.len(),
        None => sql.len(),
    })
}

fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    if bytes.get(i) == Some(&b'.') && bytes.get(i + 1) != Some(&b'.') {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if bytes.get(j).is_some_and(u8::is_ascii_digit) {
            i = j;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    i
}

/// For each token, the index of the token that closes it (for an opening one) or opens
/// it (for a closing one); `None` for the rest and for unbalanced brackets. `(` pairs
/// with `)` and `[` with `]`. Linear, with an explicit stack.
pub fn match_brackets(tokens: &[Token<'_>]) -> Vec<Option<usize>> {
    let mut matches = vec![None; tokens.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Open => stack.push(i),
            Kind::Close => {
                let pair = if t.text == ")" { "(" } else { "[" };
                match stack.last() {
                    Some(&open) if tokens[open].text == pair => {
                        stack.pop();
                        matches[open] = Some(i);
                        matches[i] = Some(open);
                    }
                    // An unbalanced closer matches nothing; openers below it stay open.
                    _ => {}
                }
            }
            _ => {}
        }
    }
    matches
}

/// The name a quoted identifier token stands for: quotes removed, doubled quotes undone.
pub fn unquote_name(text: &str) -> String {
    let Some(first) = text.chars().next() else {
        return String::new();
    };
    let close = match first {
        '[' => ']',
        c => c,
    };
    let inner = text.strip_prefix(first).unwrap_or(text);
    let inner = inner.strip_suffix(close).unwrap_or(inner);
    if close == ']' {
        return inner.to_string();
    }
    let doubled: String = [close, close].iter().collect();
    inner.replace(&doubled, &close.to_string())
}

/// The value of a plain string literal token (`'it''s'`, or with `backslash_escapes`
/// MySQL's `'it\'s'`); `None` for prefixed, dollar-quoted or unterminated literals.
pub fn string_value(text: &str, backslash_escapes: bool) -> Option<String> {
    let body = text.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                if chars.next() != Some('\'') {
                    return None;
                }
                out.push('\'');
            }
            '\\' if backslash_escapes => match chars.next()? {
                '0' => out.push('\0'),
                'b' => out.push('\u{8}'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'Z' => out.push('\u{1a}'),
                // `\%` and `\_` keep their backslash (they are LIKE escapes).
                c @ ('%' | '_') => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            },
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(sql: &str, flavor: Flavor) -> Vec<(Kind, &str)> {
        tokenize(sql, flavor)
            .into_iter()
            .map(|t| (t.kind, t.text))
            .collect()
    }

    #[test]
    fn tokens_cover_the_text() {
        let sql = "\"a\"\"b\" >= 0::numeric AND `c` <> 'it''s' -- x\n OR E'\\'' /* y */ [z]";
        for flavor in [Flavor::Standard, Flavor::Sqlite, Flavor::Mysql] {
            let joined: String = tokenize(sql, flavor).iter().map(|t| t.text).collect();
            assert_eq!(joined, sql);
        }
        assert_eq!(
            kinds("a'x'", Flavor::Standard),
            vec![(Kind::Word, "a"), (Kind::String, "'x'")]
        );
        assert_eq!(
            kinds("'it\\'s' x", Flavor::Mysql)[0],
            (Kind::String, "'it\\'s'")
        );
        assert_eq!(
            kinds("'a\\' x'", Flavor::Standard)[0],
            (Kind::String, "'a\\'")
        );
        assert_eq!(
            kinds("_utf8mb4'x'", Flavor::Mysql),
            vec![(Kind::String, "_utf8mb4'x'")]
        );
        assert_eq!(kinds("a<>-1", Flavor::Standard)[1], (Kind::Operator, "<>"));
        assert_eq!(
            kinds("1.5e-3", Flavor::Standard),
            vec![(Kind::Number, "1.5e-3")]
        );
        assert_eq!(
            kinds("[a b]", Flavor::Sqlite),
            vec![(Kind::Quoted, "[a b]")]
        );
        assert_eq!(
            kinds("$$a'b$$", Flavor::Standard),
            vec![(Kind::String, "$$a'b$$")]
        );
    }

    #[test]
    fn names_and_values() {
        assert_eq!(unquote_name("\"a\"\"b\""), "a\"b");
        assert_eq!(unquote_name("`a``b`"), "a`b");
        assert_eq!(unquote_name("[a]"), "a");
        assert_eq!(string_value("'it''s'", false).as_deref(), Some("it's"));
        assert_eq!(string_value("'it\\'s'", true).as_deref(), Some("it's"));
        assert_eq!(string_value("'a\\n'", false).as_deref(), Some("a\\n"));
        assert_eq!(string_value("'a", false), None);
    }

    #[test]
    fn brackets_match_linearly() {
        let tokens = tokenize("(a[1]) ) (", Flavor::Standard);
        let m = match_brackets(&tokens);
        assert_eq!(m[0], Some(5));
        assert_eq!(m[2], Some(4));
        assert_eq!(m[7], None);
        assert_eq!(m[9], None);
    }
}
