//! Phased changes (`autogen revision --phased`): the three revisions — expand, backfill,
//! contract — that make one column rename or type change without downtime, and how their
//! headers say that they belong together.
//!
//! Each of the three files carries two header lines that `check` reads back:
//!
//! ```text
//! //! Phase: contract (3 of 3) of change 3f2a9c1b4d5e
//! //! Phased column: {"table":"accounts","from":"nick","to":"nickname","via":"nickname"}
//! ```
//!
//! The change is named by the expand revision's id (the first of the three); the column
//! line is JSON, so that any table or column name reads back exactly.

use serde_json::json;

use crate::graph::Revision;

/// Which of the three revisions of a phased change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PhaseStep {
    /// Adds the new column and the triggers that keep both columns in sync.
    Expand,
    /// Copies the existing rows' values in batches.
    Backfill,
    /// Drops the old column and the triggers.
    Contract,
}

impl PhaseStep {
    /// `expand`, `backfill`, `contract`.
    pub fn name(self) -> &'static str {
        match self {
            PhaseStep::Expand => "expand",
            PhaseStep::Backfill => "backfill",
            PhaseStep::Contract => "contract",
        }
    }

    /// 1, 2, 3.
    pub fn number(self) -> usize {
        match self {
            PhaseStep::Expand => 1,
            PhaseStep::Backfill => 2,
            PhaseStep::Contract => 3,
        }
    }

    /// The three, in order.
    pub const ALL: [PhaseStep; 3] = [PhaseStep::Expand, PhaseStep::Backfill, PhaseStep::Contract];
}

/// What a revision's header says about the phased change it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    /// Which of the three.
    pub step: PhaseStep,
    /// The change: the expand revision's id.
    pub change: String,
    /// The table.
    pub table: String,
    /// The column before the change.
    pub from: String,
    /// The column the models name after it.
    pub to: String,
    /// The new column's name between expand and contract: `to`, or a temporary name when
    /// the column keeps its name and changes its type (contract renames it to `to`).
    pub via: String,
}

const PHASE: &str = "Phase: ";
const COLUMN: &str = "Phased column: ";

impl Phase {
    /// The two header lines (without `//! `).
    pub fn header_lines(&self) -> Vec<String> {
        vec![
            format!(
                "{PHASE}{} ({} of 3) of change {}",
                self.step.name(),
                self.step.number(),
                self.change
            ),
            format!(
                "{COLUMN}{}",
                json!({"table": self.table, "from": self.from, "to": self.to, "via": self.via})
            ),
        ]
    }

    /// Reads the two lines from a revision's header notes; `None` when the revision is
    /// not part of a phased change (or the lines were edited beyond reading).
    pub fn from_notes(notes: &[String]) -> Option<Phase> {
        let phase = notes.iter().find_map(|n| n.strip_prefix(PHASE))?;
        let column = notes.iter().find_map(|n| n.strip_prefix(COLUMN))?;
        let mut words = phase.split_whitespace();
        let step = match words.next()? {
            "expand" => PhaseStep::Expand,
            "backfill" => PhaseStep::Backfill,
            "contract" => PhaseStep::Contract,
            _ => return None,
        };
        let change = words.last()?.to_string();
        if !crate::header::is_revision_id(&change) {
            return None;
        }
        let value: serde_json::Value = serde_json::from_str(column).ok()?;
        let field = |k: &str| value.get(k)?.as_str().map(str::to_string);
        Some(Phase {
            step,
            change,
            table: field("table")?,
            from: field("from")?,
            to: field("to")?,
            via: field("via")?,
        })
    }
}

impl Revision {
    /// The phased change this revision belongs to, from its header.
    pub fn phase(&self) -> Option<Phase> {
        Phase::from_notes(&self.notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_read_back_with_any_name() {
        for step in PhaseStep::ALL {
            let phase = Phase {
                step,
                change: "3f2a9c1b4d5e".into(),
                table: "odd \"table\", with: words".into(),
                from: "nick".into(),
                to: "nick name".into(),
                via: "nick name".into(),
            };
            let mut notes = vec!["Hazards: none".to_string()];
            notes.extend(phase.header_lines());
            assert_eq!(Phase::from_notes(&notes), Some(phase));
        }
        assert_eq!(Phase::from_notes(&["Hazards: none".into()]), None);
        let bad = vec![
            "Phase: expand (1 of 3) of change nothex".to_string(),
            r#"Phased column: {"table":"t","from":"a","to":"b","via":"b"}"#.to_string(),
        ];
        assert_eq!(Phase::from_notes(&bad), None);
    }
}
