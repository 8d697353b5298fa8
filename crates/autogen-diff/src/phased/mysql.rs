//! MySQL/MariaDB's sync triggers: one `BEFORE INSERT` and one `BEFORE UPDATE`.
//!
//! A trigger cannot write its own table with a statement (error 1442), and these only set
//! `NEW` columns, so neither fires the other or itself: that is the guard against the two
//! columns updating each other without end. `IF NOT EXISTS` (MariaDB 10.1.4, MySQL 8.0.29)
//! lets a rerun after a failure half-way skip what is there, as MySQL commits each DDL
//! statement.

use autogen_schema::Dialect;

use super::PhasedChange;

/// `(create, drop)` statements, in creation order.
pub(super) fn triggers(change: &PhasedChange) -> Vec<(String, String)> {
    let d = Dialect::Mysql;
    let q = |n: &str| d.quote_ident(n);
    let name = change.trigger_name();
    let table = q(&change.table);
    let (old, new) = (q(&change.old.name), q(&change.via));
    let forward = change.convert(d, &format!("NEW.{old}"), true);
    let back = change.convert(d, &format!("NEW.{new}"), false);
    let insert_name = q(&format!("{name}_bi"));
    let update_name = q(&format!("{name}_bu"));
    // On insert the new column wins when both are given: only code that knows the new
    // column writes it. On update, whichever column the statement changed wins.
    let insert = format!(
        "CREATE TRIGGER IF NOT EXISTS {insert_name} BEFORE INSERT ON {table} FOR EACH ROW\nBEGIN\n  IF NEW.{new} IS NULL THEN\n    SET NEW.{new} = {forward};\n  ELSE\n    SET NEW.{old} = {back};\n  END IF;\nEND"
    );
    let update = format!(
        "CREATE TRIGGER IF NOT EXISTS {update_name} BEFORE UPDATE ON {table} FOR EACH ROW\nBEGIN\n  IF NOT (NEW.{old} <=> OLD.{old}) THEN\n    SET NEW.{new} = {forward};\n  ELSEIF NOT (NEW.{new} <=> OLD.{new}) THEN\n    SET NEW.{old} = {back};\n  END IF;\nEND"
    );
    vec![
        (insert, format!("DROP TRIGGER IF EXISTS {insert_name}")),
        (update, format!("DROP TRIGGER IF EXISTS {update_name}")),
    ]
}
