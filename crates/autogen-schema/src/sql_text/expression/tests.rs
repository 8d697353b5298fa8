//! Unit tests of the canonical expression spelling.
use super::*;

fn pg(sql: &str) -> String {
    canonical(sql, Dialect::Postgres, &|c: &str| {
        ["name", "s", "Up"].contains(&c)
    })
}

fn my(sql: &str) -> String {
    canonical(sql, Dialect::Mysql, &|_: &str| false)
}

fn lite(sql: &str) -> String {
    canonical(sql, Dialect::Sqlite, &|_: &str| false)
}

#[test]
fn identifiers_take_the_dialects_quotes() {
    assert_eq!(my("\"position\" >= 0"), "position >= 0");
    assert_eq!(my("`group` <> 'x'"), "`group` <> 'x'");
    assert_eq!(my("\"group\" <> 'x'"), "`group` <> 'x'");
    assert_eq!(my("`Up` > 1 and `a b` < 2"), "Up > 1 AND `a b` < 2");
    assert_eq!(pg("\"position\" >= 0"), "\"position\" >= 0");
    assert_eq!(pg("`group` <> 'x'"), "\"group\" <> 'x'");
    assert_eq!(pg("\"Up\" > 1 AND \"low\" > 2"), "\"Up\" > 1 AND low > 2");
    assert_eq!(
        lite("\"group\" <> 'x' AND [m1] > 0"),
        "\"group\" <> 'x' AND m1 > 0"
    );
    assert_eq!(lite("\"a\"\"b\" > 0"), "\"a\"\"b\" > 0");
}

#[test]
fn mysql_literals_have_one_spelling() {
    assert_eq!(my("`name` <> 'it\\'s'"), "name <> 'it''s'");
    assert_eq!(my("name <> 'it''s'"), "name <> 'it''s'");
    assert_eq!(my("`s` <> _utf8mb4'x'"), "s <> 'x'");
    assert_eq!(my("`s` in ('a','b')"), "s IN ('a', 'b')");
    assert_eq!(my("s NOT IN ('q')"), "s <> 'q'");
    assert_eq!(my("`name` like 'a\\\\%'"), "name LIKE 'a\\\\%'");
}

#[test]
fn postgres_print_back_equals_the_model() {
    let pairs = [
        ("name::text <> ''::text", "name <> ''"),
        (
            "s::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])",
            "s IN ('a','b')",
        ),
        ("length(name::text) > 0", "length(name) > 0"),
        ("name::text ~~ 'a%'::text", "name LIKE 'a%'"),
        ("t = ANY (ARRAY['x'::text, 'y'::text])", "t in ('x', 'y')"),
        ("c <> 'ab'::bpchar", "c <> 'ab'"),
        (
            "s::text <> ALL (ARRAY['q'::character varying, 'r'::character varying]::text[])",
            "s NOT IN ('q', 'r')",
        ),
        ("name::text = s::text", "name = s"),
        (
            "name::text !~~ 'x'::text AND t ~~* 'y'::text OR s::text = 'a'::text",
            "name not like 'x' and t ilike 'y' or s in ('a')",
        ),
        ("\"position\" = ANY (ARRAY[1, 2])", "\"position\" IN (1,2)"),
        ("price >= 0::numeric", "price >= 0"),
        ("n > '-1'::integer", "n > -1"),
        ("(n)::integer > (-1)::integer", "(n)::integer > -1"),
    ];
    for (printed, model) in pairs {
        assert_eq!(pg(printed), pg(model), "{printed} vs {model}");
    }
    // Casts that mean something stay.
    assert_eq!(pg("n::text LIKE '1%'"), "n::text LIKE '1%'");
    assert_eq!(pg("d > '2020-01-01'::date"), "d > '2020-01-01'::date");
    assert_eq!(pg("f(0)::numeric > 1"), "f(0)::numeric > 1");
}

#[test]
fn canonical_is_idempotent_and_keeps_comments_out() {
    for sql in [
        "a>-1 -- note\n AND b < 2",
        "a - -1 /* x */ > 0",
        "x::\"mood'x\" = 'a'",
        "f( a , b )",
        "a.\"B\" .c",
    ] {
        for d in Dialect::ALL {
            let once = canonical(sql, d, &|_: &str| true);
            assert_eq!(canonical(&once, d, &|_: &str| true), once, "{sql} on {d}");
        }
    }
    assert_eq!(tidy("a>-1 -- note\n AND b < 2"), "a > -1 AND b < 2");
    assert_eq!(tidy("f( a , b )"), "f(a, b)");
}
