//! The README's command lines, read from README.md itself: the tour's autogen lines run in
//! a copy of the example (the model edit made in the models' JSON) and print what the
//! README shows; synopsis lines and inline references name existing commands, flags and
//! values. A flag renamed in the CLI or a command changed in the README fails here.

mod example;

use std::path::Path;

use autogen_schema::{Column, ColumnType, Schema};
use example::{autogen, example_copy, text, workspace};

/// Splits a shell command line into words: blanks separate, double quotes group.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut started) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    out.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        out.push(word);
    }
    out
}

/// One thing the README shows, in the order it shows it.
#[derive(Debug)]
enum Shown {
    /// A command line from a `sh` block or an inline code span, with the `# …` lines that
    /// follow it in its block (its documented output).
    Command { line: String, output: Vec<String> },
    /// A Rust block: the tour's model edit.
    Rust(String),
    /// An inline `autogen …` span in prose, naming a command rather than one to type: its
    /// command and flags must exist.
    Reference(String),
}

/// The README's `sh` and `rust` blocks and its inline `cargo run …`/`autogen …` spans.
fn readme() -> Vec<Shown> {
    let text = std::fs::read_to_string(workspace().join("README.md")).expect("README.md");
    let mut shown = Vec::new();
    let mut block: Option<(String, Vec<String>)> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            match block.take() {
                None => block = Some((lang.to_string(), Vec::new())),
                Some((lang, lines)) => shown.extend(block_items(&lang, &lines)),
            }
            continue;
        }
        match &mut block {
            Some((_, lines)) => lines.push(trimmed.to_string()),
            None => {
                for span in line.split('`').skip(1).step_by(2) {
                    if span.starts_with("autogen ") {
                        shown.push(Shown::Reference(span.to_string()));
                    } else if span.starts_with("cargo run -- ")
                        || span.starts_with("cargo run -p autogen -- ")
                    {
                        shown.push(Shown::Command {
                            line: span.to_string(),
                            output: Vec::new(),
                        });
                    }
                }
            }
        }
    }
    shown
}

fn block_items(lang: &str, lines: &[String]) -> Vec<Shown> {
    match lang {
        "rust" => vec![Shown::Rust(lines.join("\n"))],
        "sh" => {
            let mut items: Vec<Shown> = Vec::new();
            for line in lines.iter().filter(|l| !l.is_empty()) {
                if let Some(out) = line.strip_prefix('#') {
                    if let Some(Shown::Command { output, .. }) = items.last_mut() {
                        output.push(out.trim().to_string());
                    }
                    continue;
                }
                // Synopsis lines continue on indented lines starting with `[`.
                if line.starts_with('[')
                    && let Some(Shown::Command { line: previous, .. }) = items.last_mut()
                {
                    previous.push(' ');
                    previous.push_str(line);
                    continue;
                }
                let command = line.split(" # ").next().unwrap_or(line).trim();
                items.push(Shown::Command {
                    line: command.to_string(),
                    output: Vec::new(),
                });
            }
            items
        }
        _ => Vec::new(),
    }
}

/// The autogen arguments of a documented line, or `None` for another program's line.
fn autogen_args(line: &str) -> Option<Vec<String>> {
    let w = words(line);
    let rest = if w.starts_with(&["cargo".into(), "run".into(), "--".into()]) {
        &w[3..]
    } else if w.starts_with(&[
        "cargo".into(),
        "run".into(),
        "-p".into(),
        "autogen".into(),
        "--".into(),
    ]) {
        &w[5..]
    } else if w.first().map(String::as_str) == Some("autogen") {
        &w[1..]
    } else {
        return None;
    };
    Some(rest.to_vec())
}

/// A synopsis (`autogen check [--database URL | --no-database]`) rather than a command.
fn is_synopsis(args: &[String]) -> bool {
    args.iter().any(|a| {
        a.contains('[')
            || a.contains('|')
            || (a.len() > 1 && a.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
    })
}

/// Each flag of a synopsis (and each value listed as `a|b|c` after it) appears in the
/// `--help` of its command.
fn assert_synopsis_exists(line: &str, dir: &Path) {
    // `heads | history | show REV | …` documents several commands on one line; a ` | `
    // between flags (`[--database URL | --no-database]`) is one command's alternatives.
    let mut parts: Vec<String> = Vec::new();
    for part in line.split(" | ") {
        match parts.last_mut() {
            Some(previous) if part.starts_with('-') => {
                previous.push(' ');
                previous.push_str(part);
            }
            _ => parts.push(part.to_string()),
        }
    }
    for part in &parts {
        let args = autogen_args(part)
            .or_else(|| autogen_args(&format!("autogen {part}")))
            .expect("words");
        let Some(command) = args
            .first()
            .filter(|c| c.chars().all(|c| c.is_ascii_lowercase()))
        else {
            continue;
        };
        let help = autogen(dir, &[command, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{line}: {}", text(&help));
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        let tokens: Vec<String> = args[1..]
            .iter()
            .map(|a| a.trim_matches(['[', ']']).to_string())
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            if !token.starts_with('-') || token == "--help" {
                continue;
            }
            assert!(
                lists_flag(&help, token),
                "the README documents `{token}` for `autogen {command}`, which --help does not list:\n{help}"
            );
            // `--format text|markdown|json`: each value is one clap accepts.
            if let Some(values) = tokens.get(i + 1).filter(|v| v.contains('|')) {
                for value in values.split('|').filter(|v| !v.is_empty()) {
                    assert!(
                        help.contains(value),
                        "`autogen {command} {token}` has no value `{value}`:\n{help}"
                    );
                }
            }
        }
    }
}

/// Whether `--help` lists `flag` as an option (`-m, --message <MESSAGE>`, `--online`).
fn lists_flag(help: &str, flag: &str) -> bool {
    help.lines().any(|line| {
        line.trim_start().split(", ").any(|piece| {
            piece
                .strip_prefix(flag)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '.']))
        })
    })
}

/// The tour's edit (`pub nickname: Option<String>` with `String(StringLen::N(64))` on
/// accounts), made in the models' JSON.
fn edit_models(root: &Path, rust: &str) {
    assert!(
        rust.contains("pub nickname: Option<String>") && rust.contains("StringLen::N(64)"),
        "the tour's edit changed; update this test's copy of it:\n{rust}"
    );
    let path = root.join("models.json");
    let mut models = Schema::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let accounts = models.tables.get_mut("accounts").expect("accounts");
    accounts
        .columns
        .push(Column::new("nickname", ColumnType::varchar(64)));
    std::fs::write(&path, models.to_json()).unwrap();
}

/// The documented output line as a pattern: ids, times and the absolute prefix vary.
fn matches_documented(actual: &str, documented: &str) -> bool {
    let chars: Vec<char> = documented.chars().collect();
    let mut pattern = String::from("^");
    let mut literal = String::new();
    let mut i = 0;
    let hex = |c: &char| c.is_ascii_digit() || ('a'..='f').contains(c);
    let boundary = |j: usize| j >= chars.len() || !chars[j].is_ascii_alphanumeric();
    while i < chars.len() {
        let before_ok = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        let is_id = before_ok
            && chars.len() >= i + 12
            && chars[i..i + 12].iter().all(hex)
            && chars[i..i + 12].iter().any(char::is_ascii_digit)
            && boundary(i + 12);
        let is_time = chars.len() >= i + 15
            && chars[i..i + 8].iter().all(char::is_ascii_digit)
            && chars[i + 8] == '_'
            && chars[i + 9..i + 15].iter().all(char::is_ascii_digit);
        let replacement = if chars[i] == '…' {
            Some((".*", 1))
        } else if is_id {
            Some(("[0-9a-f]{12}", 12))
        } else if is_time {
            Some(("[0-9]{8}_[0-9]{6}", 15))
        } else {
            None
        };
        match replacement {
            Some((piece, len)) => {
                pattern.push_str(&regex_escape(&literal));
                literal.clear();
                pattern.push_str(piece);
                i += len;
            }
            None => {
                literal.push(chars[i]);
                i += 1;
            }
        }
    }
    pattern.push_str(&regex_escape(&literal));
    pattern.push('$');
    simple_match(&pattern, actual)
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if "\\.+*?()|[]{}^$".contains(c) {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

/// A tiny matcher for the patterns above (`.*`, `[0-9a-f]{12}`, `[0-9]{8}_[0-9]{6}`,
/// escaped literals): no regex dependency for one test.
fn simple_match(pattern: &str, text: &str) -> bool {
    #[derive(Debug)]
    enum Piece {
        Literal(char),
        Any,
        Class(fn(char) -> bool, usize),
    }
    let mut pieces = Vec::new();
    let mut rest = pattern.trim_start_matches('^').trim_end_matches('$');
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix(".*") {
            pieces.push(Piece::Any);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[0-9a-f]{12}") {
            pieces.push(Piece::Class(|c| c.is_ascii_hexdigit(), 12));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[0-9]{8}_[0-9]{6}") {
            pieces.push(Piece::Class(|c| c.is_ascii_digit(), 8));
            pieces.push(Piece::Literal('_'));
            pieces.push(Piece::Class(|c| c.is_ascii_digit(), 6));
            rest = r;
        } else {
            let mut chars = rest.chars();
            let mut c = chars.next().unwrap();
            if c == '\\' {
                c = chars.next().unwrap();
            }
            pieces.push(Piece::Literal(c));
            rest = chars.as_str();
        }
    }
    fn go(pieces: &[Piece], text: &[char]) -> bool {
        match pieces.split_first() {
            None => text.is_empty(),
            Some((Piece::Literal(c), more)) => text.first() == Some(c) && go(more, &text[1..]),
            Some((Piece::Class(f, n), more)) => {
                text.len() >= *n && text[..*n].iter().all(|c| f(*c)) && go(more, &text[*n..])
            }
            Some((Piece::Any, more)) => (0..=text.len()).any(|i| go(more, &text[i..])),
        }
    }
    let text: Vec<char> = text.chars().collect();
    go(&pieces, &text)
}

/// Lines the README shows that this test does not run, and why.
fn not_run(line: &str) -> Option<&'static str> {
    if line.starts_with("cargo test") || line.starts_with("bash .ci/run") {
        Some("the test suite itself")
    } else if line.contains("cargo run -p migration") {
        Some(
            "sea-orm-migration's own CLI (migrations/tests/example.rs runs the example's migrations)",
        )
    } else if line.contains("--database") && !line.contains('[') {
        // The tour's `check --database` needs the database the skipped upgrade creates.
        Some("needs the database the (not run) upgrade creates")
    } else if line.starts_with("target/release/autogen-bench") || line.starts_with("bash bench/") {
        Some("a benchmark")
    } else {
        None
    }
}

#[test]
fn the_readme_command_lines_run_as_documented() {
    let (_tmp, root) = example_copy();
    let mut ran = 0;
    let mut synopses = 0;
    let mut edited = false;
    for item in readme() {
        let (line, output) = match item {
            Shown::Rust(rust) => {
                if rust.contains("pub nickname") {
                    edit_models(&root, &rust);
                    edited = true;
                }
                continue;
            }
            Shown::Reference(line) => {
                assert_synopsis_exists(&line, &root);
                synopses += 1;
                continue;
            }
            Shown::Command { line, output } => (line, output),
        };
        if not_run(&line).is_some() {
            continue;
        }
        let Some(args) = autogen_args(&line) else {
            continue;
        };
        if is_synopsis(&args) {
            assert_synopsis_exists(&line, &root);
            synopses += 1;
            continue;
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = autogen(&root, &args);
        // 1 is documented (differences found): only an error fails a documented line.
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "the README's `{line}` failed:\n{}",
            text(&o)
        );
        let stdout = String::from_utf8_lossy(&o.stdout);
        if args.first() == Some(&"revision") && !edited {
            assert!(
                stdout.contains("No changes detected"),
                "`{line}` on a clean checkout:\n{}",
                text(&o)
            );
        }
        for documented in &output {
            assert!(
                stdout.lines().any(|l| matches_documented(l, documented)),
                "the README says `{line}` prints\n  {documented}\nbut it printed:\n{}",
                text(&o)
            );
        }
        ran += 1;
    }
    assert!(edited, "the tour's model edit was not found in README.md");
    assert!(ran >= 4, "only {ran} README command lines ran");
    assert!(
        synopses >= 5,
        "only {synopses} README synopsis lines checked"
    );
}

#[test]
fn documented_output_patterns_match_what_they_stand_for() {
    let documented = "Generated /…/autogen/migrations/src/m20261124_230536_add_accounts_nickname.rs (revision 24284e7b1122, parent 230dfefce38f): 1 operation(s)";
    assert!(matches_documented(
        "Generated /tmp/x/autogen/migrations/src/m20301231_235959_add_accounts_nickname.rs (revision 0123456789ab, parent ba9876543210): 1 operation(s)",
        documented
    ));
    for wrong in [
        "Generated migrations/src/m20301231_235959_add_accounts_nickname.rs (revision 0123456789ab, parent ba9876543210): 1 operation(s)",
        "Generated /tmp/x/autogen/migrations/src/m20301231_235959_add_accounts_nickname.rs (revision 0123456789ab, parent ba9876543210): 2 operation(s)",
    ] {
        assert!(!matches_documented(wrong, documented), "{wrong}");
    }
}
