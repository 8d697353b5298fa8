//! sqldef's YAML test cases (`/work/shared/peers/sqldef`), read for the tests that load
//! databases this project did not design (`oracle.rs`, `adopt_database.rs`).

#![allow(dead_code)]

use std::collections::BTreeMap;

/// Where the sqldef suites are.
pub const PEERS: &str = "/work/shared/peers/sqldef";

/// The cases of a sqldef YAML file, for the subset of YAML these files use: a case per
/// top-level `Name:`, its keys two spaces in, each a `|` block or a one-line value.
pub fn parse_cases(yaml: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut cases: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut block: Option<String> = None;
    for line in yaml.lines() {
        if let (Some(key), Some((_, keys))) = (&block, cases.last_mut()) {
            if line.trim().is_empty() || line.starts_with("    ") {
                let value = keys.get_mut(key).expect("the block's key");
                value.push_str(line.get(4..).unwrap_or(""));
                value.push('\n');
                continue;
            }
            block = None;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            if let Some(name) = line.trim_end().strip_suffix(':') {
                cases.push((name.to_string(), BTreeMap::new()));
            }
            continue;
        }
        let Some((_, keys)) = cases.last_mut() else {
            continue;
        };
        if let Some(rest) = line.strip_prefix("  ")
            && !rest.starts_with(' ')
            && let Some((key, value)) = rest.split_once(':')
        {
            let value = value.trim();
            if value.starts_with('|') {
                keys.insert(key.to_string(), String::new());
                block = Some(key.to_string());
            } else {
                keys.insert(key.to_string(), value.trim_matches(['\'', '"']).to_string());
            }
        }
    }
    cases
}

/// The statements of a `desired` schema when they are all `CREATE TABLE`.
pub fn create_tables_only(sql: &str) -> Option<Vec<String>> {
    let without_comments: String = sql
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .map(|l| format!("{l}\n"))
        .collect();
    let statements: Vec<String> = without_comments
        .split(';')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let creates = |s: &String| {
        let words: Vec<String> = s
            .split_whitespace()
            .take(2)
            .map(str::to_uppercase)
            .collect();
        words == ["CREATE", "TABLE"]
    };
    (!statements.is_empty() && statements.iter().all(creates)).then_some(statements)
}
