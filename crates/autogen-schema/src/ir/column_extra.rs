//! Column attributes beyond type, nullability and default.

use serde::{Deserialize, Serialize};

/// A generated column: `GENERATED ALWAYS AS (expression) VIRTUAL|STORED`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generated {
    /// The expression, as the database stores it, without its outer parentheses.
    pub expression: String,
    /// `STORED` (computed on write and kept) rather than `VIRTUAL` (computed on read).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stored: bool,
}

/// An identity column's sequence options where they are not PostgreSQL's defaults
/// (`GENERATED … AS IDENTITY (START WITH -100 INCREMENT BY 5 …)`); each `None` (or
/// `false`) is the default for the column's type and the sign of the increment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOptions {
    /// `START WITH`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    /// `INCREMENT BY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    /// `MINVALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// `MAXVALUE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// `CACHE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    /// `CYCLE`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cycle: bool,
}

impl SequenceOptions {
    /// Whether every option is the default.
    pub fn is_default(&self) -> bool {
        *self == SequenceOptions::default()
    }

    /// The options of a sequence of an integer type whose largest value is `type_max`,
    /// read from the catalog, with the defaults left out.
    pub fn from_catalog(
        type_max: i64,
        start: i64,
        increment: i64,
        min: i64,
        max: i64,
        cache: i64,
        cycle: bool,
    ) -> Self {
        let type_min = -type_max - 1;
        let (default_min, default_max) = if increment > 0 {
            (1, type_max)
        } else {
            (type_min, -1)
        };
        let default_start = if increment > 0 { min } else { max };
        SequenceOptions {
            start: (start != default_start).then_some(start),
            increment: (increment != 1).then_some(increment),
            min: (min != default_min).then_some(min),
            max: (max != default_max).then_some(max),
            cache: (cache != 1).then_some(cache),
            cycle,
        }
    }

    /// The options as PostgreSQL writes them in `AS IDENTITY (…)` or after `ALTER
    /// COLUMN … SET`, one per item; empty for the defaults.
    pub fn clauses(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(v) = self.start {
            out.push(format!("START WITH {v}"));
        }
        if let Some(v) = self.increment {
            out.push(format!("INCREMENT BY {v}"));
        }
        if let Some(v) = self.min {
            out.push(format!("MINVALUE {v}"));
        }
        if let Some(v) = self.max {
            out.push(format!("MAXVALUE {v}"));
        }
        if let Some(v) = self.cache {
            out.push(format!("CACHE {v}"));
        }
        if self.cycle {
            out.push("CYCLE".into());
        }
        out
    }

    /// The clauses that set every option to `self`, defaults included (`NO MINVALUE`),
    /// for `ALTER COLUMN … SET …` from other options.
    pub fn set_clauses(&self) -> Vec<String> {
        let increment = self.increment.unwrap_or(1);
        vec![
            match self.start {
                Some(v) => format!("START WITH {v}"),
                // The default start is the bound the sequence counts from.
                None => match (increment > 0, self.min, self.max) {
                    (true, Some(min), _) => format!("START WITH {min}"),
                    (true, None, _) => "START WITH 1".into(),
                    (false, _, Some(max)) => format!("START WITH {max}"),
                    (false, _, None) => "START WITH -1".into(),
                },
            },
            format!("INCREMENT BY {increment}"),
            self.min
                .map_or("NO MINVALUE".into(), |v| format!("MINVALUE {v}")),
            self.max
                .map_or("NO MAXVALUE".into(), |v| format!("MAXVALUE {v}")),
            format!("CACHE {}", self.cache.unwrap_or(1)),
            if self.cycle { "CYCLE" } else { "NO CYCLE" }.into(),
        ]
    }
}
