//! A small SQL tokenizer for comparing what a database stores as text (SQLite's CHECK
//! clauses, index expressions and predicates, views, triggers): two texts that differ only
//! in white space, comments, letter case of words or quotes around plain identifiers are
//! the same to the database, and normalize to the same string. String literals are kept
//! as written.

/// One token: a word (lower case, unquoted when plain), a literal, or one punctuation char.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    /// A keyword or identifier, lower case; quoted identifiers that are not plain words
    /// keep double quotes.
    Word(String),
    /// A string, blob or number literal, as written.
    Lit(String),
    /// Any other character.
    Punct(char),
}

impl Tok {
    fn text(&self) -> String {
        match self {
            Tok::Word(w) | Tok::Lit(w) => w.clone(),
            Tok::Punct(c) => c.to_string(),
        }
    }

    /// Whether this is the word `w` (lower case).
    pub fn is(&self, w: &str) -> bool {
        matches!(self, Tok::Word(x) if x == w)
    }
}

fn plain(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Tokens of `sql`, without white space and comments.
pub fn tokens(sql: &str) -> Vec<Tok> {
    let chars: Vec<char> = sql.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let quoted_until = |i: usize, close: char| -> (String, usize) {
        let mut s = String::new();
        let mut j = i + 1;
        while j < chars.len() {
            if chars[j] == close {
                if close != ']' && chars.get(j + 1) == Some(&close) {
                    s.push(close);
                    j += 2;
                    continue;
                }
                return (s, j + 1);
            }
            s.push(chars[j]);
            j += 1;
        }
        (s, j)
    };
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1) == Some(&'-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '\'' {
            let (s, next) = quoted_until(i, '\'');
            out.push(Tok::Lit(format!("'{}'", s.replace('\'', "''"))));
            i = next;
        } else if c == '"' || c == '`' || c == '[' {
            let (s, next) = quoted_until(i, if c == '[' { ']' } else { c });
            out.push(Tok::Word(if plain(&s) {
                s.to_ascii_lowercase()
            } else {
                format!("\"{}\"", s.replace('"', "\"\""))
            }));
            i = next;
        } else if (c == 'x' || c == 'X') && chars.get(i + 1) == Some(&'\'') {
            let (s, next) = quoted_until(i + 1, '\'');
            out.push(Tok::Lit(format!("x'{}'", s.to_ascii_lowercase())));
            i = next;
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
            out.push(Tok::Lit(chars[start..i].iter().collect()));
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$')
            {
                i += 1;
            }
            out.push(Tok::Word(
                chars[start..i].iter().collect::<String>().to_lowercase(),
            ));
        } else {
            out.push(Tok::Punct(c));
            i += 1;
        }
    }
    out
}

/// The tokens joined by single spaces, without a final `;`.
pub fn join(tokens: &[Tok]) -> String {
    let mut t = tokens;
    while let [head @ .., Tok::Punct(';')] = t {
        t = head;
    }
    t.iter().map(Tok::text).collect::<Vec<_>>().join(" ")
}

/// `sql` normalized: see the module's documentation.
pub fn normalize(sql: &str) -> String {
    join(&tokens(sql))
}

/// Index of the `)` closing the `(` at `open`.
pub fn matching(tokens: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => {
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

/// The items of the parenthesized list starting at `open`, split at top-level commas.
pub fn list_items(tokens: &[Tok], open: usize) -> Vec<&[Tok]> {
    let Some(close) = matching(tokens, open) else {
        return Vec::new();
    };
    let mut items = Vec::new();
    let mut start = open + 1;
    let mut depth = 0usize;
    for i in open + 1..close {
        match tokens[i] {
            Tok::Punct('(') => depth += 1,
            Tok::Punct(')') => depth = depth.saturating_sub(1),
            Tok::Punct(',') if depth == 0 => {
                items.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&tokens[start..close]);
    items
}

/// The bodies of every `CHECK ( … )` in the tokens, normalized.
pub fn check_bodies(tokens: &[Tok]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.is("check")
            && tokens.get(i + 1) == Some(&Tok::Punct('('))
            && let Some(close) = matching(tokens, i + 1)
        {
            out.push(join(&tokens[i + 2..close]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_case_and_space_do_not_count_but_literals_do() {
        assert_eq!(
            normalize("CREATE VIEW \"v\" AS select  id FROM [users] -- x\n WHERE `Age` = 'A'"),
            normalize("create view v as SELECT id from users where age='A';")
        );
        assert_ne!(normalize("a = 'A'"), normalize("a = 'a'"));
        assert_ne!(normalize("\"a b\""), normalize("a_b"));
        let t = tokens("CHECK (a > (1)), CHECK(b)");
        assert_eq!(check_bodies(&t), ["a > ( 1 )", "b"]);
    }
}
