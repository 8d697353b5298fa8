//! Times autogen's expression handling on checks nested 10^4 … 10^6 levels deep (issue 8,
//! item 12): each step is linear, so time grows with the length, not its square.
//! `cargo run --release -p autogen-bench --bin expression-depth`.

use std::time::Instant;

use autogen_schema::{Check, Dialect, Schema, Table};

fn main() {
    println!("| depth | bytes | normalize + lower to 3 dialects (ms) |");
    println!("|---:|---:|---:|");
    for depth in [10_000usize, 100_000, 1_000_000] {
        let mut table = Table::new("t");
        table.checks.push(Check {
            no_inherit: false,
            not_valid: false,
            name: "deep".into(),
            expression: format!("{}a > 0{}", "(".repeat(depth), ")".repeat(depth)),
        });
        let mut schema = Schema::default();
        schema.tables.insert("t".into(), table);
        let start = Instant::now();
        let normalized = schema.clone().normalized();
        for d in Dialect::ALL {
            let lowered = d.lower(&schema);
            assert_eq!(lowered.tables["t"].checks[0].expression, "a > 0");
        }
        assert_eq!(normalized.tables["t"].checks[0].expression, "a > 0");
        println!(
            "| {depth} | {} | {:.1} |",
            2 * depth + 5,
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
}
