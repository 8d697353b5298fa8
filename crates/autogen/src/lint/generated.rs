//! Files autogen generated: the hazards of each step of `up`, as the header lists them
//! (`//! - 2. drop column accounts.nick (…): deletes-data, backward-incompatible`), and the
//! allowances the header records (`//! Allowed: drop-column (--allow)`).
//!
//! The differ computed those hazards knowing the schema before the file (an index on a
//! table the same file creates has none), so lint trusts them rather than re-reading the
//! generated code; a hand edit of a generated file's code is not re-analysed.

use std::collections::BTreeSet;

use autogen_diff::Hazard;

use super::{Finding, Rule};

/// What the header of a generated file says.
pub(super) struct Header {
    pub findings: Vec<Finding>,
    pub recorded: BTreeSet<Rule>,
}

const HAZARDS: [Hazard; 8] = [
    Hazard::DeletesData,
    Hazard::LossyConversion,
    Hazard::RewritesTable,
    Hazard::FullScanUnderLock,
    Hazard::BlocksWrites,
    Hazard::BackwardIncompatible,
    Hazard::DataDependent,
    Hazard::NonTransactional,
];

/// The header of `text` when autogen generated it (a `//! Revision:` line and a
/// `//! Hazards` line in the leading `//!` block), else `None`.
pub(super) fn parse(text: &str) -> Option<Header> {
    let block: Vec<&str> = text
        .lines()
        .take_while(|l| l.trim_start().starts_with("//!"))
        .map(|l| l.trim_start().trim_start_matches("//!").trim())
        .collect();
    let generated = block.first().is_some_and(|l| l.starts_with("Revision:"))
        && block.iter().any(|l| l.starts_with("Hazards:"));
    if !generated {
        return None;
    }
    let mut findings = Vec::new();
    let mut recorded = BTreeSet::new();
    let mut in_hazards = false;
    for (i, line) in block.iter().enumerate() {
        if let Some(rest) = line.strip_prefix("Allowed:") {
            recorded.extend(
                rest.split(',')
                    .filter_map(|part| part.split_whitespace().next())
                    .filter_map(Rule::parse),
            );
            continue;
        }
        if line.starts_with("Hazards:") {
            in_hazards = true;
            continue;
        }
        if !in_hazards {
            continue;
        }
        let Some(step) = line.strip_prefix("- ") else {
            in_hazards = false;
            continue;
        };
        let Some((number, rest)) = step.split_once(". ") else {
            continue;
        };
        let Some((description, hazards)) = rest.rsplit_once(": ") else {
            continue;
        };
        let hazards: Vec<Hazard> = hazards
            .split(", ")
            .filter_map(|code| HAZARDS.into_iter().find(|h| h.code() == code))
            .collect();
        let line_no = step_line(text, number).unwrap_or(i + 1);
        for rule in classify(description, &hazards) {
            findings.push(Finding {
                rule,
                line: line_no,
                what: description.to_string(),
            });
        }
    }
    Some(Header { findings, recorded })
}

/// The line of `// N. …` in `up`, where the step's code is.
fn step_line(text: &str, number: &str) -> Option<usize> {
    let marker = format!("// {number}. ");
    let mut in_up = false;
    for (i, line) in text.lines().enumerate() {
        if line.contains("fn up(") {
            in_up = true;
        } else if line.contains("fn down(") {
            return None;
        } else if in_up && line.trim_start().starts_with(&marker) {
            return Some(i + 1);
        }
    }
    None
}

/// The rules a step with this description (`describe`'s text) and these hazards breaks.
/// Only steps with hazards are listed in a header, so a step without any is never seen.
pub(super) fn classify(description: &str, hazards: &[Hazard]) -> Vec<Rule> {
    let has = |h| hazards.contains(&h);
    let mut rules = Vec::new();
    let d = description;
    let type_change = d.contains(": type ") || d.contains("; type ") || d.contains("type of ");
    let lossy = has(Hazard::LossyConversion);
    if lossy {
        rules.push(Rule::LossyConversion);
    }
    if d.starts_with("drop table ") {
        rules.push(Rule::DropTable);
    } else if d.starts_with("drop column ") {
        rules.push(Rule::DropColumn);
    } else if d.starts_with("rename table ") || d.starts_with("rename column ") {
        rules.push(Rule::Rename);
    } else if d.starts_with("alter column ") {
        let narrowing = type_change
            && !lossy
            && has(Hazard::DataDependent)
            && has(Hazard::BackwardIncompatible)
            && !d.contains("NOT NULL → NULL");
        if narrowing {
            rules.push(Rule::Narrowing);
        } else if type_change && has(Hazard::RewritesTable) && !lossy {
            rules.push(Rule::ChangeColumnType);
        }
        if d.contains("NULL → NOT NULL") && !d.contains("NOT NULL → NULL") {
            rules.push(Rule::SetNotNull);
        }
        if d.contains("NOT NULL → NULL") {
            rules.push(Rule::DropNotNull);
        }
        // `default X → none`, one of the `; `-separated changes; an identity or on-update
        // going to none is not a dropped default.
        let dropped_default = d.split("; ").any(|part| {
            part.ends_with("→ none")
                && (part.starts_with("default ") || part.contains(": default "))
        });
        if dropped_default && has(Hazard::BackwardIncompatible) {
            rules.push(Rule::DropDefault);
        }
    } else if d.starts_with("alter enum ") {
        if has(Hazard::DataDependent) || has(Hazard::BackwardIncompatible) {
            rules.push(Rule::DropEnumValue);
        }
    } else if d.starts_with("drop enum ") {
        rules.push(Rule::DropEnumValue);
    } else if d.starts_with("drop unique index ") || d.starts_with("drop index ") {
        if has(Hazard::BlocksWrites) {
            rules.push(Rule::DropIndex);
        }
        if has(Hazard::BackwardIncompatible) {
            rules.push(Rule::DropConstraint);
        }
    } else if [
        "drop unique ",
        "drop primary key ",
        "drop foreign key ",
        "drop check ",
    ]
    .iter()
    .any(|p| d.starts_with(p))
        || d.starts_with("drop exclusion constraint ")
    {
        if has(Hazard::BackwardIncompatible) {
            rules.push(Rule::DropConstraint);
        }
    } else if d.starts_with("create unique index ") || d.starts_with("create index ") {
        if has(Hazard::BlocksWrites) {
            rules.push(Rule::CreateIndex);
        }
        if d.starts_with("create unique index ") && has(Hazard::DataDependent) {
            rules.push(Rule::AddUnique);
        }
    } else if d.starts_with("add unique ") || d.starts_with("add primary key ") {
        // The online form (a unique index built concurrently, or in place) blocks no
        // writes.
        if has(Hazard::BlocksWrites) {
            rules.push(Rule::AddUnique);
        }
    } else if d.starts_with("add foreign key ") {
        if has(Hazard::FullScanUnderLock) {
            rules.push(Rule::AddForeignKey);
        }
    } else if d.starts_with("add check ") {
        if has(Hazard::FullScanUnderLock) {
            rules.push(Rule::AddCheck);
        }
    } else if d.starts_with("add column ") {
        if has(Hazard::DataDependent) {
            rules.push(Rule::AddRequiredColumn);
        }
        if has(Hazard::RewritesTable) {
            rules.push(Rule::AddColumnRewrite);
        }
    } else if d.starts_with("rebuild table ") {
        // `rebuild table a → b: drop column x, alter column type of y (SQLite …)`.
        // A renamed column is listed as the old one dropped and the new one added; only a
        // real drop deletes data.
        let (name, reasons) = d.split_once(": ").unwrap_or((d, ""));
        let drops = reasons.contains("drop column ");
        if drops && has(Hazard::DeletesData) {
            rules.push(Rule::DropColumn);
        }
        if name.contains(" → ") || (drops && !has(Hazard::DeletesData)) {
            rules.push(Rule::Rename);
        }
        // A key or check the copy leaves out (`drop unique u`, `drop check c`, …).
        let dropped_constraint = ["drop unique ", "drop check ", "drop foreign key "]
            .iter()
            .any(|p| reasons.contains(p));
        if dropped_constraint && has(Hazard::BackwardIncompatible) {
            rules.push(Rule::DropConstraint);
        }
        let retyped = reasons.contains("alter column type");
        if retyped && !lossy && has(Hazard::DataDependent) && has(Hazard::BackwardIncompatible) {
            rules.push(Rule::Narrowing);
        }
    }
    rules
}
