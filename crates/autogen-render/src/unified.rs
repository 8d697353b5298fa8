//! Unified diffs of canonical DDL, for reviews and CI logs.

use autogen_schema::escape::terminal;
use similar::{ChangeTag, TextDiff};

/// ANSI colors for a unified diff made without them: removed lines red, added green,
/// hunk headers cyan, file headers bold.
pub fn colorize(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    for line in diff.lines() {
        let code = if line.starts_with("---") || line.starts_with("+++") {
            "1"
        } else if line.starts_with('-') {
            "31"
        } else if line.starts_with('+') {
            "32"
        } else if line.starts_with('@') {
            "36"
        } else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        out.push_str(&format!("\x1b[{code}m{line}\x1b[0m\n"));
    }
    out
}

/// A unified diff (3 lines of context) of `old` against `new`, with `---`/`+++` labels.
/// With `color`, removed lines are red and added lines green (ANSI), for terminals.
/// Empty when the texts are equal. Control characters inside a line (a name's escape
/// sequence) are shown escaped, so the only escape sequences are the colors.
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    if diff.ratio() == 1.0 && old == new {
        return String::new();
    }
    let mut out = format!("--- {}\n+++ {}\n", terminal(old_label), terminal(new_label));
    for group in diff.grouped_ops(3) {
        let (first, last) = (&group[0], &group[group.len() - 1]);
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            old_range.start + 1,
            old_range.len(),
            new_range.start + 1,
            new_range.len()
        ));
        for op in &group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                out.push(sign);
                out.push_str(&terminal(change.value().trim_end_matches('\n')));
                out.push('\n');
            }
        }
    }
    if color { colorize(&out) } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let old = "a\nb\nc\n";
        let new = "a\nB\nc\nd\n";
        let d = unified_diff(old, new, "head", "models", false);
        assert_eq!(
            d,
            "--- head\n+++ models\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n"
        );
        assert_eq!(unified_diff(old, old, "x", "y", false), "");
        assert!(unified_diff(old, new, "x", "y", true).contains("\x1b[31m-b\x1b[0m"));
        let hostile = unified_diff("a\n", "a\u{1b}]0;pwned\u{7}\r\n", "x", "y", false);
        assert_eq!(
            hostile,
            "--- x\n+++ y\n@@ -1,1 +1,1 @@\n-a\n+a\\x1b]0;pwned\\x07\\r\n"
        );
    }
}
