//! Untrusted text (names, comments, defaults, messages) made safe for each place autogen
//! writes it, one function per context.
//!
//! A database object's name can hold any character, newlines and terminal escape
//! sequences included. Written raw after `-- ` in a SQL script, a newline in a table name
//! turns the rest of the name into an executable statement; written raw to a terminal, an
//! escape sequence rewrites the screen. Every renderer goes through these functions:
//!
//! | context | function |
//! |---|---|
//! | SQL line comment (`-- …`) | [`sql_comment`] |
//! | Rust line or doc comment (`// …`, `//! …`) | [`rust_comment`] |
//! | Rust string literal | [`rust_str`] |
//! | Rust identifier (an entity's module, a `Column` variant) | [`rust_module_ident`], [`rust_variant_ident`] |
//! | terminal, CI log, text report | [`terminal`] |
//!
//! SQL identifiers and string literals are quoted by the dialects
//! ([`crate::Dialect::quote_ident`]), not here.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not appear raw in one line of text a person or a parser reads: control
/// characters (C0, DEL, C1 — NEL included), the Unicode line and paragraph separators,
/// and the bidirectional controls that reorder what a reviewer sees ("Trojan Source";
/// rustc rejects them in comments and literals).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{061C}' | '\u{200E}' | '\u{200F}' // bidi marks
            | '\u{202A}'..='\u{202E}' // bidi embeddings and overrides
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{FEFF}' // byte order mark, zero width
        )
}

/// `s` on one line with every [`is_unsafe_char`] written as an escape: `\n`, `\r`, `\t`,
/// `\x1b`, `\u{2028}`. Borrowed when nothing needs escaping. Backslashes are kept as they
/// are: the result is for reading, not for decoding.
fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_char(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text to write after `-- ` in a SQL script: nothing in it can end the comment (no line
/// terminator of any of the three dialects' lexers, nor of an editor that shows the
/// script), and no control character reaches the reviewer's terminal.
pub fn sql_comment(s: &str) -> Cow<'_, str> {
    one_line(s)
}

/// Text to write after `// ` or `//! ` in Rust source: one line, without the bare carriage
/// returns and bidirectional controls rustc rejects there.
pub fn rust_comment(s: &str) -> Cow<'_, str> {
    one_line(s)
}

/// A Rust string literal, quotes included, that evaluates to exactly `s`: quotes,
/// backslashes, control and invisible characters escaped (Rust's `{:?}` of a `str`, whose
/// escapes are all valid in source).
pub fn rust_str(s: &str) -> String {
    let debug = format!("{s:?}");
    if !debug.chars().any(is_unsafe_char) {
        return debug;
    }
    // `{:?}` leaves some invisible characters raw (which ones depends on the Unicode
    // tables of the compiler); `\u{…}` is valid in any Rust string literal.
    let mut out = String::with_capacity(debug.len() + 8);
    for c in debug.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:04x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// `s` as a Rust raw string literal (`r#"…"#`), for multi-line text a reviewer reads
/// (SQL in a migration): line breaks stay line breaks, and the number of `#` is one more
/// than the longest run of `#` after a `"` in `s`, so no content can close it. Text with
/// any other [`is_unsafe_char`] (a tab, a carriage return, a bidi override) is written
/// by [`rust_str`] instead: a raw string cannot show it.
pub fn rust_raw_str(s: &str) -> String {
    if s.chars().any(|c| c != '\n' && is_unsafe_char(c)) {
        return rust_str(s);
    }
    let mut longest = 0;
    for (i, _) in s.match_indices('"') {
        let run = s[i + 1..].bytes().take_while(|b| *b == b'#').count();
        longest = longest.max(run);
    }
    let hashes = "#".repeat(longest + 1);
    format!("r{hashes}\"{s}\"{hashes}")
}

/// Rust keywords, which an identifier can only be as a raw identifier (`r#type`).
const RUST_KEYWORDS: [&str; 50] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where",
];

/// A valid Rust identifier from a case-converted database name: characters an
/// identifier cannot hold become `_`, a leading digit gets a `_` before it, a keyword
/// becomes a raw identifier (`r#type`), and those that cannot be raw (`self`, `crate`…)
/// get a `_` after them.
fn rust_ident(converted: String) -> String {
    let mut out: String = converted
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    // `_` alone is no name, and these four cannot be raw identifiers.
    if matches!(out.as_str(), "_" | "self" | "Self" | "super" | "crate") {
        out.push('_');
    } else if RUST_KEYWORDS.contains(&out.as_str()) {
        out.insert_str(0, "r#");
    }
    out
}

/// The module sea-orm-codegen writes a table's entity in (`snake_case` of the table
/// name), as a valid Rust identifier.
pub fn rust_module_ident(table: &str) -> String {
    rust_ident(heck::ToSnakeCase::to_snake_case(table))
}

/// The `Column` enum variant SeaORM's derive gives a column (`UpperCamelCase` of its
/// name), as a valid Rust identifier.
pub fn rust_variant_ident(column: &str) -> String {
    rust_ident(heck::ToUpperCamelCase::to_upper_camel_case(column))
}

/// Text for a terminal or a CI log: control characters (escape sequences included) and
/// line terminators shown escaped, so a name is printed as one visible line.
pub fn terminal(s: &str) -> Cow<'_, str> {
    one_line(s)
}

/// [`terminal`] applied to each line of `text`, keeping its `\n` line ends: for multi-line
/// reports (unified diffs, summaries) whose line structure is autogen's own.
pub fn terminal_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && is_unsafe_char(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for piece in text.split_inclusive('\n') {
        let (line, end) = match piece.strip_suffix('\n') {
            Some(line) => (line, "\n"),
            None => (piece, ""),
        };
        out.push_str(&one_line(line));
        out.push_str(end);
    }
    Cow::Owned(out)
}

/// Text for Markdown (a pull-request comment): [`terminal`], then the characters that
/// open a link, an image, HTML, an entity, emphasis, a table cell or a heading
/// backslash-escaped, so that a name renders as the literal text it is. Backticks are left
/// alone: a code span is inert, and autogen's own messages use them.
pub fn markdown(s: &str) -> String {
    let visible = terminal(s);
    let mut out = String::with_capacity(visible.len() + 8);
    for c in visible.chars() {
        if matches!(
            c,
            '\\' | '[' | ']' | '<' | '>' | '!' | '&' | '*' | '_' | '|' | '~' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The backtick fence for a Markdown code block holding `body`: longer than any run of
/// backticks in it (three at least), so that nothing in the body can close the block.
pub fn markdown_fence(body: &str) -> String {
    let longest = body.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// The message of a GitHub Actions workflow command (`::warning file=…::MESSAGE`): `%`,
/// carriage return and line feed percent-encoded as the runner decodes them, so a name
/// cannot end the command or start another; other control characters shown escaped.
pub fn github_message(s: &str) -> String {
    let encoded = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    one_line(&encoded).into_owned()
}

/// A property value of a GitHub Actions workflow command (`file=VALUE,line=…`):
/// [`github_message`], and `:` and `,` encoded, which would end the value.
pub fn github_property(s: &str) -> String {
    github_message(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str =
        "a\nb\rc\u{0b}d\u{0c}e\u{85}f\u{2028}g\u{2029}h\u{1b}[31mi\0j\u{202e}k\u{7f}l\tm";

    #[test]
    fn no_line_terminator_or_control_character_survives() {
        for f in [sql_comment, rust_comment, terminal] {
            let out = f(HOSTILE);
            assert_eq!(out.lines().count(), 1, "{out}");
            assert!(!out.chars().any(is_unsafe_char), "{out:?}");
            assert_eq!(
                out,
                "a\\nb\\rc\\x0bd\\x0ce\\x85f\\u{2028}g\\u{2029}h\\x1b[31mi\\x00j\\u{202e}k\\x7fl\\tm"
            );
        }
        assert!(matches!(terminal("plain ünïcode `\"'[]"), Cow::Borrowed(_)));
    }

    #[test]
    fn terminal_lines_keeps_the_line_structure() {
        assert_eq!(terminal_lines("a\u{1b}b\nc\rd\n"), "a\\x1bb\nc\\rd\n");
        assert!(matches!(terminal_lines("a\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn rust_str_escapes_what_source_cannot_hold() {
        let lit = rust_str(HOSTILE);
        assert!(lit.starts_with('"') && lit.ends_with('"'));
        assert!(!lit.chars().any(is_unsafe_char), "{lit}");
        assert_eq!(rust_str("\"\\"), r#""\"\\""#);
    }

    #[test]
    fn rust_idents_are_valid_whatever_the_name() {
        assert_eq!(rust_module_ident("users"), "users");
        assert_eq!(rust_module_ident("UserProfiles"), "user_profiles");
        assert_eq!(rust_variant_ident("dayOfWeek"), "DayOfWeek");
        assert_eq!(rust_variant_ident("a_id"), "AId");
        assert_eq!(rust_module_ident("type"), "r#type");
        assert_eq!(rust_module_ident("self"), "self_");
        assert_eq!(rust_module_ident("1st"), "_1st");
        assert_eq!(rust_variant_ident("Self"), "Self_");
        for hostile in [HOSTILE, "", "-", "\u{202e}x", "a b;c"] {
            for ident in [rust_module_ident(hostile), rust_variant_ident(hostile)] {
                let bare = ident.strip_prefix("r#").unwrap_or(&ident);
                assert!(
                    bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        && !bare.starts_with(|c: char| c.is_ascii_digit()),
                    "{ident:?}"
                );
            }
        }
    }

    #[test]
    fn rust_raw_str_cannot_be_closed_by_its_content() {
        assert_eq!(rust_raw_str("SELECT 1"), "r#\"SELECT 1\"#");
        assert_eq!(rust_raw_str("a\"#b"), "r##\"a\"#b\"##");
        assert_eq!(rust_raw_str("x\"###"), "r####\"x\"###\"####");
        assert_eq!(rust_raw_str("two\nlines"), "r#\"two\nlines\"#");
        // What a raw string cannot show falls back to an escaped literal.
        assert_eq!(rust_raw_str("a\tb"), rust_str("a\tb"));
        assert_eq!(rust_raw_str("a\rb"), rust_str("a\rb"));
    }

    #[test]
    fn github_commands_cannot_be_ended_by_a_name() {
        assert_eq!(github_message("a\n::error::x%"), "a%0A::error::x%25");
        assert_eq!(github_property("dir,x:y\r"), "dir%2Cx%3Ay%0D");
        assert!(!github_message(HOSTILE).chars().any(is_unsafe_char));
    }

    #[test]
    fn markdown_text_cannot_make_links_html_or_close_a_fence() {
        let name = "x](https://evil.example) ![i](y) <img src=z> **b** a_b\n# h";
        assert_eq!(
            markdown(name),
            r"x\](https://evil.example) \!\[i\](y) \<img src=z\> \*\*b\*\* a\_b\\n\# h"
        );
        assert_eq!(markdown("users.email"), "users.email");
        let body = "a ``` b\n`````\n";
        let fence = markdown_fence(body);
        assert_eq!(fence.len(), 6);
        assert_eq!(markdown_fence("plain"), "```");
    }
}
