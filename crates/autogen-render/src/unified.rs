//! Unified diffs of canonical DDL, for reviews and CI logs.

use similar::{ChangeTag, TextDiff};

/// A unified diff (3 lines of context) of `old` against `new`, with `---`/`+++` labels.
/// With `color`, removed lines are red and added lines green (ANSI), for terminals.
/// Empty when the texts are equal.
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    if diff.ratio() == 1.0 && old == new {
        return String::new();
    }
    let mut out = String::new();
    let paint = |code: &str, line: &str| {
        if color {
            format!("\x1b[{code}m{line}\x1b[0m")
        } else {
            line.to_string()
        }
    };
    out.push_str(&paint("1", &format!("--- {old_label}")));
    out.push('\n');
    out.push_str(&paint("1", &format!("+++ {new_label}")));
    out.push('\n');
    for group in diff.grouped_ops(3) {
        let (first, last) = (&group[0], &group[group.len() - 1]);
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let header = format!(
            "@@ -{},{} +{},{} @@",
            old_range.start + 1,
            old_range.len(),
            new_range.start + 1,
            new_range.len()
        );
        out.push_str(&paint("36", &header));
        out.push('\n');
        for op in &group {
            for change in diff.iter_changes(op) {
                let (sign, code) = match change.tag() {
                    ChangeTag::Delete => ("-", Some("31")),
                    ChangeTag::Insert => ("+", Some("32")),
                    ChangeTag::Equal => (" ", None),
                };
                let text = change.value().trim_end_matches('\n');
                let line = format!("{sign}{text}");
                match code {
                    Some(code) => out.push_str(&paint(code, &line)),
                    None => out.push_str(&line),
                }
                out.push('\n');
            }
        }
    }
    out
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
    }
}
