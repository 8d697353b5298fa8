//! Synthetic schemas for the scale benchmark, written as autogen snapshot JSON (the stable,
//! versioned format every autogen source reads), in several foreign-key shapes.
//!
//! Every table has eight columns (bigint key, varchar, text, decimal with a default,
//! boolean with a default, timestamp with `CURRENT_TIMESTAMP`, jsonb, and one bigint per
//! foreign key), a named primary key, a unique constraint and a two-column index. The
//! shape decides only where the foreign keys point.

use std::fmt;
use std::io::{self, Write};

use clap::ValueEnum;
use serde_json::{Value, json};

/// Where the foreign keys of a synthetic schema point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shape {
    /// No foreign keys.
    None,
    /// `t_i → t_{i-1}`: one long path, no cycle.
    Chain,
    /// `t_i → t_{i+1}`, the last pointing at the first: one cycle through every table.
    Ring,
    /// Rings of 2 to 9 tables, plus a key from each ring to a table of an earlier one.
    Cycles,
    /// Three keys per table to tables drawn at random (cycles of every length), and a
    /// self-reference on every tenth table.
    Web,
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self
            .to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default();
        f.write_str(&name)
    }
}

/// A small deterministic generator (SplitMix64), so that every run builds the same schema.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The name of table `i`.
pub fn table_name(i: usize) -> String {
    format!("t{i:06}")
}

/// The tables each table's foreign keys point at, by index.
pub fn references(tables: usize, shape: Shape) -> Vec<Vec<usize>> {
    let mut refs = vec![Vec::new(); tables];
    let mut random = Random(0x5eed ^ tables as u64);
    match shape {
        Shape::None => {}
        Shape::Chain => {
            for (i, r) in refs.iter_mut().enumerate().skip(1) {
                r.push(i - 1);
            }
        }
        Shape::Ring if tables > 1 => {
            for (i, r) in refs.iter_mut().enumerate() {
                r.push((i + 1) % tables);
            }
        }
        Shape::Ring => {}
        Shape::Cycles => {
            let mut start = 0;
            while start < tables {
                let len = (2 + random.below(8)).min(tables - start);
                for k in 0..len {
                    let i = start + k;
                    if len > 1 {
                        refs[i].push(start + (k + 1) % len);
                    }
                }
                if start > 0 {
                    refs[start].push(random.below(start));
                }
                start += len;
            }
        }
        Shape::Web => {
            for (i, r) in refs.iter_mut().enumerate() {
                for _ in 0..3 {
                    r.push(random.below(tables));
                }
                if i % 10 == 0 {
                    r.push(i);
                }
            }
        }
    }
    refs
}

fn table_json(i: usize, refs: &[usize]) -> Value {
    let name = table_name(i);
    let mut columns = vec![
        json!({"name": "id", "type": {"kind": "big_int"}, "nullable": false}),
        json!({"name": "name", "type": {"kind": "varchar", "length": 255}, "nullable": false}),
        json!({"name": "description", "type": {"kind": "text"}, "nullable": true}),
        json!({"name": "amount", "type": {"kind": "decimal", "precision": 12, "scale": 2},
               "nullable": false, "default": {"kind": "number", "value": "0"}}),
        json!({"name": "active", "type": {"kind": "boolean"}, "nullable": false,
               "default": {"kind": "bool", "value": true}}),
        json!({"name": "created_at", "type": {"kind": "timestamp"}, "nullable": false,
               "default": {"kind": "current_timestamp", "value": {}}}),
        json!({"name": "payload", "type": {"kind": "jsonb"}, "nullable": true}),
    ];
    let mut foreign_keys = Vec::new();
    for (k, r) in refs.iter().enumerate() {
        let column = format!("ref{k}_id");
        columns.push(json!({"name": column, "type": {"kind": "big_int"}, "nullable": true}));
        foreign_keys.push(json!({
            "name": format!("{name}_ref{k}_fkey"),
            "columns": [column],
            "ref_table": table_name(*r),
            "ref_columns": ["id"],
        }));
    }
    let mut table = json!({
        "name": name,
        "columns": columns,
        "primary_key": {"name": format!("{name}_pkey"), "columns": ["id"]},
        "indexes": [{
            "name": format!("{name}_created_idx"),
            "parts": [{"column": "created_at"}, {"column": "active"}],
        }],
        "uniques": [{"name": format!("{name}_name_key"), "columns": ["name"]}],
    });
    if !foreign_keys.is_empty() {
        table["foreign_keys"] = Value::Array(foreign_keys);
    }
    table
}

/// Writes the snapshot JSON of a schema of `tables` tables in `shape`, one table at a
/// time (a 50,000-table schema is never held in memory as JSON values).
pub fn write_snapshot(tables: usize, shape: Shape, mut out: impl Write) -> io::Result<()> {
    let refs = references(tables, shape);
    out.write_all(b"{\n  \"format_version\": 1,\n  \"tables\": {")?;
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(out, "\n    {}: ", json!(table_name(i)))?;
        serde_json::to_writer(&mut out, &table_json(i, r))?;
    }
    out.write_all(b"\n  }\n}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_point_where_they_say() {
        assert!(references(10, Shape::None).iter().all(Vec::is_empty));
        assert_eq!(references(3, Shape::Chain), vec![vec![], vec![0], vec![1]]);
        assert_eq!(references(3, Shape::Ring), vec![vec![1], vec![2], vec![0]]);
        let cycles = references(100, Shape::Cycles);
        assert!(cycles.iter().all(|r| !r.is_empty()));
        let web = references(100, Shape::Web);
        assert!(web.iter().all(|r| r.len() >= 3));
        assert_eq!(web[10].last(), Some(&10));
    }

    #[test]
    fn snapshot_is_json_with_every_table() {
        let mut out = Vec::new();
        write_snapshot(25, Shape::Web, &mut out).unwrap();
        let doc: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(doc["format_version"], 1);
        let tables = doc["tables"].as_object().unwrap();
        assert_eq!(tables.len(), 25);
        assert_eq!(
            tables["t000010"]["foreign_keys"].as_array().unwrap().len(),
            4
        );
    }
}
