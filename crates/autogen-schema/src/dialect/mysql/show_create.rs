//! What only `SHOW CREATE TABLE` tells: the `USING BTREE|HASH` written on an index
//! (`information_schema.STATISTICS` reports `BTREE` whatever was written, and the server
//! prints the clause back only where it was written), and the order of keys and checks.

use std::collections::BTreeMap;

use super::algorithm_keyword;
use crate::ir::KeyOrder;

/// The order of the keys (`PRIMARY` left out) and table checks of a `SHOW CREATE TABLE`
/// text.
pub fn key_order(create_table: &str) -> KeyOrder {
    let mut order = KeyOrder::default();
    for line in definition_lines(create_table).map(str::trim) {
        if let Some(rest) = ["UNIQUE KEY ", "KEY ", "FULLTEXT KEY ", "SPATIAL KEY "]
            .iter()
            .find_map(|kind| line.strip_prefix(kind))
            && let Some((name, _)) = backquoted(rest)
        {
            order.keys.push(name);
        } else if let Some(rest) = line.strip_prefix("CONSTRAINT ")
            && let Some((name, rest)) = backquoted(rest)
            && rest.trim_start().starts_with("CHECK")
        {
            order.checks.push(name);
        }
    }
    order
}

/// The algorithm written on each index of a `SHOW CREATE TABLE` text, by index name
/// (`PRIMARY` for the primary key): `BTREE` or `HASH`. Indexes without the clause are not
/// in the map.
pub fn index_algorithms(create_table: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for line in definition_lines(create_table) {
        if let Some((name, algorithm)) = key_line_algorithm(line.trim()) {
            out.insert(name, algorithm.to_string());
        }
    }
    out
}

/// The lines of a `SHOW CREATE TABLE` text, split only at line ends outside backquoted
/// names and quoted strings: a name may hold a line break.
fn definition_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut lines = Vec::new();
    let (mut start, mut quote, mut escaped) = (0, None::<char>, false);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some('\''), _) if escaped => escaped = false,
            (Some('\''), '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (None, '`' | '\'') => quote = Some(c),
            (None, '\n') => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    lines.push(&text[start..]);
    lines.into_iter()
}

/// `KEY `name` (parts) USING BTREE …` → the name and the algorithm.
fn key_line_algorithm(line: &str) -> Option<(String, &'static str)> {
    let (name, rest) = if let Some(rest) = line.strip_prefix("PRIMARY KEY ") {
        ("PRIMARY".to_string(), rest)
    } else {
        let rest = ["UNIQUE KEY ", "KEY ", "FULLTEXT KEY ", "SPATIAL KEY "]
            .iter()
            .find_map(|kind| line.strip_prefix(kind))?;
        backquoted(rest)?
    };
    let rest = skip_parenthesized(rest.trim_start())?;
    let mut words = rest.split_whitespace();
    if !words.next()?.eq_ignore_ascii_case("USING") {
        return None;
    }
    let algorithm = words.next()?.trim_end_matches(',');
    Some((name, algorithm_keyword(algorithm)?))
}

/// A leading `` `name` `` (doubled backquotes inside) and what follows it.
fn backquoted(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('`')?;
    let mut name = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '`' {
            if chars.peek().map(|&(_, c)| c) == Some('`') {
                chars.next();
                name.push('`');
                continue;
            }
            return Some((name, &body[i + 1..]));
        }
        name.push(c);
    }
    None
}

/// What follows the parenthesized group `text` starts with, skipping parentheses inside
/// quoted names and string literals.
fn skip_parenthesized(text: &str) -> Option<&str> {
    if !text.starts_with('(') {
        return None;
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some(q) if c == q => {
                // A doubled quote stays inside the name or literal.
                if chars.peek().map(|&(_, c)| c) == Some(q) {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some('\'') if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None => match c {
                '`' | '\'' | '"' => quote = Some(c),
                '(' => depth += 1,
                ')' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(&text[i + 1..]);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{index_algorithms, key_order};

    #[test]
    fn the_algorithm_is_read_where_it_was_written() {
        let create = "CREATE TABLE `users` (\n  `id` int(11) NOT NULL,\n  `a(b` varchar(20) DEFAULT NULL,\n  PRIMARY KEY (`id`) USING HASH,\n  UNIQUE KEY `u``q` (`a(b`(10)) USING BTREE COMMENT 'using (x',\n  KEY `plain` (`id`),\n  KEY `k` ((`id` + 1)) USING btree\n) ENGINE=InnoDB";
        let map = index_algorithms(create);
        assert_eq!(map.get("PRIMARY").map(String::as_str), Some("HASH"));
        assert_eq!(map.get("u`q").map(String::as_str), Some("BTREE"));
        assert_eq!(map.get("k").map(String::as_str), Some("BTREE"));
        assert_eq!(map.get("plain"), None);
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn keys_and_checks_are_listed_as_printed() {
        let create = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  `KEY ``k``` int(11) CHECK (`id` > 0),\n  PRIMARY KEY (`id`),\n  UNIQUE KEY `u` (`id`),\n  KEY `z` (`id`),\n  KEY `a` (`id`),\n  FULLTEXT KEY `f` (`id`),\n  CONSTRAINT `fk` FOREIGN KEY (`id`) REFERENCES `t` (`id`),\n  CONSTRAINT `c2` CHECK (`id` < 9),\n  CONSTRAINT `c1` CHECK (`id` > 1)\n)";
        let order = super::key_order(create);
        assert_eq!(order.keys, ["u", "z", "a", "f"]);
        assert_eq!(order.checks, ["c2", "c1"]);
    }

    #[test]
    fn a_column_named_like_a_key_is_no_key() {
        let create = "CREATE TABLE `t` (\n  `KEY ``x`` (a) USING BTREE` int(11)\n)";
        assert!(index_algorithms(create).is_empty());
    }

    #[test]
    fn a_name_with_a_line_break_stays_one_key_or_check() {
        let create = "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  KEY `ix\nnl` (`id`) USING HASH,\n  \
                      CONSTRAINT `ck\"q``b\nnl` CHECK (`id` >= 0),\n  CONSTRAINT `ck_reserved` CHECK (`id` > 0)\n) \
                      ENGINE=InnoDB COMMENT='a\\'\nb'";
        let order = key_order(create);
        assert_eq!(order.keys, ["ix\nnl"]);
        assert_eq!(order.checks, ["ck\"q`b\nnl", "ck_reserved"]);
        assert_eq!(index_algorithms(create)["ix\nnl"], "HASH");
    }
}
