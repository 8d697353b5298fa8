//! Fuzzing of the parsers of untrusted SQL text (defaults, checks, index expressions)
//! with proptest, bounded so that it runs in `cargo test`; and the committed corpus of
//! interesting inputs in `tests/corpus/expressions.txt`, one per line (`\n` escapes a
//! newline). See `docs/fuzzing.md`.
//!
//! Properties: no panic; normalization is idempotent; the canonical spelling for a
//! dialect is stable when read back (what autogen writes, reread, is the same text).

use autogen_schema::normalize::normalize_sql_fragment;
use autogen_schema::sql_text::{self, expression, lexer};
use autogen_schema::{DefaultValue, Dialect, Table};
use proptest::prelude::*;

/// Every parser and normalizer of expression text, with the properties that must hold.
fn exercise(sql: &str) {
    let _ = DefaultValue::parse_sql(sql);
    let _ = sql_text::split_top_level_cast(sql);
    let _ = sql_text::split_top_level_commas(sql);
    let _ = sql_text::replace_identifier(sql, "a", "b\"c");
    for flavor in [
        lexer::Flavor::Standard,
        lexer::Flavor::Sqlite,
        lexer::Flavor::Mysql,
    ] {
        let joined: String = lexer::tokenize(sql, flavor)
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(joined, sql, "tokens must cover the text");
    }
    let stripped = sql_text::strip_outer_parens(sql);
    assert_eq!(sql_text::strip_outer_parens(stripped), stripped);
    let once = normalize_sql_fragment(sql);
    assert_eq!(
        normalize_sql_fragment(&once),
        once,
        "normalize twice: {sql:?}"
    );
    let table = Table::new("t");
    // A string or quoted name left open reads differently with and without MySQL's
    // backslash escapes; such text is not SQL of any dialect, and only the properties
    // above (no panic, each spelling idempotent) hold for it.
    let closed = [lexer::Flavor::Standard, lexer::Flavor::Mysql]
        .iter()
        .all(|&f| {
            lexer::tokenize(sql, f)
                .iter()
                .all(|t| t.kind != lexer::Kind::Other || !t.text.starts_with(['\'', '"', '`']))
        });
    for d in Dialect::ALL {
        let once = d.expression_sql(sql, &table);
        assert_eq!(d.expression_sql(&once, &table), once, "{d} twice: {sql:?}");
        if !closed {
            continue;
        }
        // Through the neutral normalization too, as `Dialect::lower` does.
        let lowered = normalize_sql_fragment(&once);
        assert_eq!(
            normalize_sql_fragment(&d.expression_sql(&lowered, &table)),
            lowered,
            "{d} then normalized: {sql:?}"
        );
    }
    let _ = expression::tidy(sql);
}

#[test]
fn corpus() {
    let text = include_str!("corpus/expressions.txt");
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        exercise(&line.replace("\\n", "\n"));
    }
}

/// A structured expression: nesting, quotes of every kind, casts, lists, comments.
fn expression_strategy() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "[a-zA-Z_][a-zA-Z0-9_]{0,6}",
        "\"[a-zA-Z \"]{0,5}\"".prop_map(|s| s.replace("\"\"\"", "\"")),
        "`[a-z`]{0,4}`",
        "'[a-z'\\\\]{0,5}'",
        "E'[a-z'\\\\]{0,4}'",
        "_utf8mb4'[a-z]{0,3}'",
        "-?[0-9]{1,3}(\\.[0-9]{1,2})?",
        Just("group".to_string()),
        Just("position".to_string()),
        Just("NULL".to_string()),
    ];
    leaf.prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| format!("({e})")),
            (
                inner.clone(),
                "(text|integer|numeric\\(10,2\\)|character varying|\"mood'x\"|text\\[\\])"
            )
                .prop_map(|(e, t)| format!("{e}::{t}")),
            (
                inner.clone(),
                "( = | <> | >= |<|~~|!~~\\*| AND | or | IN |--x\\n|/\\*c\\*/| \\|\\| )",
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a}{op}{b}")),
            proptest::collection::vec(inner.clone(), 1..4)
                .prop_map(|v| format!("x IN ({})", v.join(","))),
            proptest::collection::vec(inner.clone(), 1..3)
                .prop_map(|v| format!("= ANY (ARRAY[{}])", v.join(", "))),
            (inner, "[a-z]{1,5}").prop_map(|(e, f)| format!("{f}({e})")),
        ]
    })
}

proptest! {
    // 256 cases in `cargo test`; `PROPTEST_CASES=N` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_never_breaks_a_property(sql in "\\PC{0,40}") {
        exercise(&sql);
    }

    #[test]
    fn sql_like_text_never_breaks_a_property(sql in "[ ()\\[\\]'\"`:,.;a-zA-Z0-9_<>=!~*|/\\\\$+-]{0,60}") {
        exercise(&sql);
    }

    #[test]
    fn structured_expressions_keep_their_properties(sql in expression_strategy()) {
        exercise(&sql);
    }
}

/// Item 12 of issue 8: expressions nested a million levels deep. Every step is linear and
/// none recurses, so this runs in a thread with a small stack (64 KiB: any recursion per
/// nesting level would overflow it) and finishes at once; a quadratic step would need
/// ~10^12 operations here and never finish.
#[test]
fn a_million_levels_of_nesting_are_linear_and_recursion_free() {
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let depth = 1_000_000;
            let check = format!("{}a > 0{}", "(".repeat(depth), ")".repeat(depth));
            assert_eq!(normalize_sql_fragment(&check), "a > 0");
            let table = Table::new("t");
            for d in Dialect::ALL {
                assert_eq!(d.expression_sql(&check, &table).len(), check.len());
            }
            let default = format!("{}'x'::text{}", "(".repeat(depth), ")::text".repeat(depth));
            assert_eq!(
                DefaultValue::parse_sql(&default),
                DefaultValue::String("x".into())
            );
            let cast_chain = format!("'{}'{}", "y", "::text".repeat(depth));
            assert_eq!(
                DefaultValue::parse_sql(&cast_chain),
                DefaultValue::String("y".into())
            );
            let unbalanced = "(".repeat(depth);
            assert_eq!(sql_text::strip_outer_parens(&unbalanced), unbalanced);
            assert_eq!(normalize_sql_fragment(&unbalanced), unbalanced);
        })
        .expect("thread")
        .join()
        .expect("no overflow, no panic");
}
