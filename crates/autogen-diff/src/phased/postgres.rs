//! PostgreSQL's sync trigger: one plpgsql function and one `BEFORE INSERT OR UPDATE` row
//! trigger.
//!
//! A `BEFORE` row trigger that only assigns to `NEW` runs no statement, so it never fires
//! itself or the other direction: that is the guard against the two columns updating each
//! other without end.

use autogen_schema::Dialect;

use super::PhasedChange;

/// `(create, drop)` statements, in creation order.
pub(super) fn triggers(change: &PhasedChange) -> Vec<(String, String)> {
    let d = Dialect::Postgres;
    let q = |n: &str| d.quote_ident(n);
    let name = change.trigger_name();
    let (old, new) = (q(&change.old.name), q(&change.via));
    let forward = change.convert(d, &format!("NEW.{old}"), true);
    let back = change.convert(d, &format!("NEW.{new}"), false);
    // On insert the new column wins when both are given: only code that knows the new
    // column writes it. On update, whichever column the statement changed wins.
    let body = format!(
        "\nBEGIN\n  IF TG_OP = 'INSERT' THEN\n    IF NEW.{new} IS NULL THEN\n      NEW.{new} := {forward};\n    ELSE\n      NEW.{old} := {back};\n    END IF;\n  ELSIF NEW.{old} IS DISTINCT FROM OLD.{old} THEN\n    NEW.{new} := {forward};\n  ELSIF NEW.{new} IS DISTINCT FROM OLD.{new} THEN\n    NEW.{old} := {back};\n  END IF;\n  RETURN NEW;\nEND\n"
    );
    // A dollar quote the body cannot end, whatever the column names hold.
    let mut tag = "$autogen$".to_string();
    while body.contains(&tag) {
        tag.insert(tag.len() - 1, '_');
    }
    let function = format!(
        "CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS {tag}{body}{tag}",
        q(&name)
    );
    let trigger = format!(
        "CREATE TRIGGER {} BEFORE INSERT OR UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION {}()",
        q(&name),
        q(&change.table),
        q(&name)
    );
    vec![
        (function, format!("DROP FUNCTION IF EXISTS {}()", q(&name))),
        (
            trigger,
            format!(
                "DROP TRIGGER IF EXISTS {} ON {}",
                q(&name),
                q(&change.table)
            ),
        ),
    ]
}
