//! `src/lib.rs` of a migration crate: its `mod m…;` lines and the `Box::new(m…::Migration)`
//! entries of `migrations()`, read and edited in place, everything else preserved.

use std::path::{Path, PathBuf};

use crate::error::RevisionError;
use crate::header::is_module_name;

/// A `mod` line or a `migrations()` entry naming a migration module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibItem {
    /// The module name.
    pub module: String,
    /// 1-based line.
    pub line: usize,
    start: usize,
    end: usize,
}

/// The parsed `lib.rs`.
#[derive(Debug, Clone)]
pub struct LibFile {
    /// Its path.
    pub path: PathBuf,
    /// Its text as read.
    pub text: String,
    /// `mod m…;` declarations in file order.
    pub mods: Vec<LibItem>,
    /// `Box::new(m…::Migration)` entries of `migrations()` in order.
    pub entries: Vec<LibItem>,
    /// Byte offsets of `[` and `]` of the `vec![…]` in `migrations()`, when found.
    vec_span: Option<(usize, usize)>,
}

/// Byte offset of each line start, and the line's text without its newline.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    out
}

/// The part of a line before a `//` comment.
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

impl LibFile {
    /// Parses `lib.rs`. Never fails: a missing `migrations()` is reported when editing.
    pub fn parse(path: &Path, text: String) -> LibFile {
        let mut mods = Vec::new();
        for (n, (start, line)) in lines(&text).into_iter().enumerate() {
            let c = code(line).trim();
            let c = c
                .strip_prefix("pub ")
                .or_else(|| c.strip_prefix("pub(crate) "))
                .unwrap_or(c);
            if let Some(rest) = c.strip_prefix("mod ") {
                let name = rest.trim().trim_end_matches(';').trim();
                if rest.trim_end().ends_with(';') && is_module_name(name) {
                    mods.push(LibItem {
                        module: name.to_string(),
                        line: n + 1,
                        start,
                        end: start + line.len(),
                    });
                }
            }
        }
        let vec_span = find_vec(&text);
        let mut entries = Vec::new();
        if let Some((open, close)) = vec_span {
            let mut offset = open + 1;
            // Counted as the pieces go: one count per entry from the start would be
            // quadratic in a long `lib.rs`.
            let first_line = line_of(&text, offset);
            for (line, piece) in (first_line..).zip(text[open + 1..close].split_inclusive('\n')) {
                let c = code(piece);
                let mut from = 0;
                while let Some(i) = c[from..].find("Box::new(") {
                    let s = from + i;
                    let after = &c[s + "Box::new(".len()..];
                    let Some(close_paren) = after.find(')') else {
                        break;
                    };
                    let inner = after[..close_paren].trim();
                    let mut end = s + "Box::new(".len() + close_paren + 1;
                    if c[end..].trim_start().starts_with(',') {
                        end += c[end..].find(',').expect("checked") + 1;
                    }
                    if let Some(module) = inner.strip_suffix("::Migration").map(str::trim)
                        && is_module_name(module)
                    {
                        entries.push(LibItem {
                            module: module.to_string(),
                            line,
                            start: offset + s,
                            end: offset + end,
                        });
                    }
                    from = end;
                }
                offset += piece.len();
            }
        }
        LibFile {
            path: path.to_path_buf(),
            text,
            mods,
            entries,
            vec_span,
        }
    }

    /// Whether `migrations()` and its `vec![…]` were found.
    pub fn has_migrations_fn(&self) -> bool {
        self.vec_span.is_some()
    }

    /// The text with `module` declared and registered. `order` is the graph order of all
    /// modules, `module` included: the `mod` line goes after the nearest earlier declared
    /// module, the entry after the nearest earlier listed one.
    pub fn with_module(&self, module: &str, order: &[String]) -> Result<String, RevisionError> {
        let Some((open, close)) = self.vec_span else {
            return Err(self.unparsable("cannot find `fn migrations()` returning `vec![…]`"));
        };
        let rank = |m: &str| order.iter().position(|o| o == m);
        let me = rank(module).unwrap_or(order.len());
        let before = |m: &str| rank(m).is_some_and(|r| r < me);

        // Edits as (offset, text), applied from the end.
        let mut edits: Vec<(usize, usize, String)> = Vec::new();
        let mod_line = format!("mod {module};\n");
        if let Some(prev) = self.mods.iter().rev().find(|m| before(&m.module)) {
            let at = self.line_end(prev.end);
            edits.push((at, at, mod_line));
        } else if let Some(first) = self.mods.first() {
            edits.push((first.start, first.start, mod_line));
        } else {
            let at = self.first_item_start().ok_or_else(|| {
                self.unparsable("cannot find `struct Migrator` to place the `mod` line before")
            })?;
            edits.push((at, at, format!("{mod_line}\n")));
        }

        let base = indent_at(&self.text, self.line_start(open));
        let entry_indent = format!("{base}    ");
        let new_entry = format!("Box::new({module}::Migration),");
        let one_per_line = !self.entries.is_empty()
            && self.entries.iter().all(|e| {
                let ls = self.line_start(e.start);
                let le = self.line_end(e.end);
                self.text[ls..e.start].trim().is_empty()
                    && code(&self.text[e.end..le]).trim().is_empty()
                    && ls > open
                    && le <= self.line_start(close)
            });
        if one_per_line {
            if let Some(prev) = self.entries.iter().rev().find(|e| before(&e.module)) {
                if !self.text[prev.start..prev.end].ends_with(',') {
                    edits.push((prev.end, prev.end, ",".to_string()));
                }
                let at = self.line_end(prev.end);
                let indent = indent_at(&self.text, self.line_start(prev.start));
                edits.push((at, at, format!("{indent}{new_entry}\n")));
            } else {
                let first = &self.entries[0];
                let at = self.line_start(first.start);
                let indent = indent_at(&self.text, at);
                edits.push((at, at, format!("{indent}{new_entry}\n")));
            }
        } else {
            let mut list: Vec<&str> = self.entries.iter().map(|e| e.module.as_str()).collect();
            let pos = list.iter().rposition(|m| before(m)).map_or(0, |p| p + 1);
            list.insert(pos, module);
            let mut body = String::from("\n");
            for m in list {
                body.push_str(&format!("{entry_indent}Box::new({m}::Migration),\n"));
            }
            body.push_str(&base);
            edits.push((open + 1, close, body));
        }

        edits.sort_by_key(|e| std::cmp::Reverse((e.0, e.1)));
        let mut text = self.text.clone();
        for (from, to, insert) in edits {
            text.replace_range(from..to, &insert);
        }
        Ok(text)
    }

    fn unparsable(&self, reason: &str) -> RevisionError {
        RevisionError::LibUnparsable {
            path: self.path.clone(),
            reason: reason.to_string(),
        }
    }

    fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Offset just past the newline ending the line that holds `offset`.
    fn line_end(&self, offset: usize) -> usize {
        self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i + 1)
    }

    /// Start of the first line of `struct Migrator` (with its attributes and doc comments)
    /// or, failing that, of `impl MigratorTrait`.
    fn first_item_start(&self) -> Option<usize> {
        let all = lines(&self.text);
        let idx = all
            .iter()
            .position(|(_, l)| code(l).contains("struct Migrator"))
            .or_else(|| {
                all.iter()
                    .position(|(_, l)| code(l).contains("impl MigratorTrait"))
            })?;
        let mut first = idx;
        while first > 0 {
            let prev = all[first - 1].1.trim_start();
            if prev.starts_with("#[") || prev.starts_with("///") {
                first -= 1;
            } else {
                break;
            }
        }
        Some(all[first].0)
    }
}

fn indent_at(text: &str, line_start: usize) -> String {
    text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

/// `[` and its matching `]` of the first `vec![` after `fn migrations`.
fn find_vec(text: &str) -> Option<(usize, usize)> {
    let mut fn_at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(i) = code(line).find("fn migrations") {
            fn_at = Some(offset + i);
            break;
        }
        offset += line.len();
    }
    let from = fn_at?;
    let open = from + text[from..].find("vec![")? + "vec!".len();
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some((open, i));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "pub use sea_orm_migration::prelude::*;\n\nmod m20220101_000001_create_table;\n\npub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {\n        vec![Box::new(m20220101_000001_create_table::Migration)]\n    }\n}\n";

    #[test]
    fn reads_and_edits_the_sea_orm_cli_template() {
        let lib = LibFile::parse(Path::new("lib.rs"), TEMPLATE.to_string());
        assert_eq!(lib.mods.len(), 1);
        assert_eq!(lib.entries[0].module, "m20220101_000001_create_table");
        assert_eq!(lib.entries[0].line, 10);
        let order = vec![
            "m20220101_000001_create_table".to_string(),
            "m20260101_000000_x".to_string(),
        ];
        let text = lib.with_module("m20260101_000000_x", &order).unwrap();
        assert!(text.contains("mod m20220101_000001_create_table;\nmod m20260101_000000_x;\n"));
        assert!(text.contains("        vec![\n            Box::new(m20220101_000001_create_table::Migration),\n            Box::new(m20260101_000000_x::Migration),\n        ]\n"));
        // The result is one per line: the next insertion adds a line.
        let lib = LibFile::parse(Path::new("lib.rs"), text);
        let mut order = order;
        order.insert(1, "m20250101_000000_y".to_string());
        let text = lib.with_module("m20250101_000000_y", &order).unwrap();
        assert!(text.contains("::Migration),\n            Box::new(m20250101_000000_y::Migration),\n            Box::new(m20260101_000000_x"));
    }

    #[test]
    fn first_module_in_an_empty_migrator() {
        let text = "pub use sea_orm_migration::prelude::*;\n\npub struct Migrator;\n\n#[async_trait::async_trait]\nimpl MigratorTrait for Migrator {\n    fn migrations() -> Vec<Box<dyn MigrationTrait>> {\n        vec![]\n    }\n}\n";
        let lib = LibFile::parse(Path::new("lib.rs"), text.to_string());
        let out = lib
            .with_module("m20260101_000000_x", &["m20260101_000000_x".to_string()])
            .unwrap();
        assert!(
            out.contains("prelude::*;\n\nmod m20260101_000000_x;\n\npub struct Migrator;"),
            "{out}"
        );
        assert!(
            out.contains(
                "        vec![\n            Box::new(m20260101_000000_x::Migration),\n        ]\n"
            ),
            "{out}"
        );
    }
}
