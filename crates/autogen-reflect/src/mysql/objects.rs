//! Views and triggers of MySQL and MariaDB, one catalog query each.
//!
//! Both are kept as the statement that creates them (see [`autogen_schema::View`]),
//! rebuilt from the catalog's columns in the form `SHOW CREATE` prints, less the definer
//! (the user that runs the migration becomes it) and less the database's name, which the
//! server writes before every table a view reads: a view compared or created elsewhere
//! (another database, a scratch copy) must not point back at this one.

use autogen_schema::sql_text::lexer::Flavor;
use autogen_schema::sql_text::names_mentioned;
use autogen_schema::{Dialect, Schema, Trigger, View};
use sqlx::MySqlPool;

use super::{fetch, required, text};
use crate::ReflectError;

/// Reads the views of the current database into `schema` (its tables already read).
pub(super) async fn read_views(
    pool: &MySqlPool,
    mariadb: bool,
    database: &str,
    schema: &mut Schema,
) -> Result<(), ReflectError> {
    // MySQL 8 has no ALGORITHM column; it keeps UNDEFINED unless told otherwise.
    let sql = if mariadb {
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(VIEW_DEFINITION AS CHAR),
                CAST(CHECK_OPTION AS CHAR), CAST(SECURITY_TYPE AS CHAR), CAST(ALGORITHM AS CHAR)
         FROM information_schema.VIEWS
         WHERE TABLE_SCHEMA = DATABASE()
         ORDER BY TABLE_NAME"
    } else {
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(VIEW_DEFINITION AS CHAR),
                CAST(CHECK_OPTION AS CHAR), CAST(SECURITY_TYPE AS CHAR), CAST('UNDEFINED' AS CHAR)
         FROM information_schema.VIEWS
         WHERE TABLE_SCHEMA = DATABASE()
         ORDER BY TABLE_NAME"
    };
    let rows = fetch(pool, sql).await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let name = required(&row, 0, "view name")?;
        let object = format!("view {name}");
        let body = unqualify(&required(&row, 1, &object)?, database);
        let check = text(&row, 2)?.unwrap_or_default().to_ascii_uppercase();
        let security = text(&row, 3)?.unwrap_or_else(|| "DEFINER".into());
        let algorithm = text(&row, 4)?.unwrap_or_else(|| "UNDEFINED".into());
        let mut definition = format!(
            "CREATE ALGORITHM={algorithm} SQL SECURITY {security} VIEW {} AS {body}",
            Dialect::Mysql.quote_ident(&name)
        );
        if check == "CASCADED" || check == "LOCAL" {
            definition.push_str(&format!(" WITH {check} CHECK OPTION"));
        }
        views.push((name, definition));
    }
    let known: Vec<String> = schema
        .tables
        .keys()
        .cloned()
        .chain(views.iter().map(|(n, _)| n.clone()))
        .collect();
    for (name, definition) in views {
        let depends_on =
            names_mentioned(&definition, Flavor::Mysql, known.iter().map(String::as_str))
                .into_iter()
                .filter(|n| !n.eq_ignore_ascii_case(&name))
                .collect();
        schema.views.insert(
            name.clone(),
            View {
                name,
                definition,
                depends_on,
                ..View::default()
            },
        );
    }
    Ok(())
}

/// Reads the triggers of the current database into `schema`.
///
/// Several triggers on one event and timing fire in `ACTION_ORDER`; each after the first
/// is written `FOLLOWS` the one before it, which it depends on, so that creating them
/// anywhere gives the same order.
pub(super) async fn read_triggers(
    pool: &MySqlPool,
    database: &str,
    schema: &mut Schema,
) -> Result<(), ReflectError> {
    let rows = fetch(
        pool,
        "SELECT CAST(TRIGGER_NAME AS CHAR), CAST(EVENT_OBJECT_TABLE AS CHAR),
                CAST(ACTION_TIMING AS CHAR), CAST(EVENT_MANIPULATION AS CHAR),
                CAST(ACTION_STATEMENT AS CHAR)
         FROM information_schema.TRIGGERS
         WHERE TRIGGER_SCHEMA = DATABASE()
         ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER",
    )
    .await?;
    let q = |n: &str| Dialect::Mysql.quote_ident(n);
    // (table, timing, event) of the trigger before, and its name.
    let mut previous: Option<((String, String, String), String)> = None;
    for row in rows {
        let name = required(&row, 0, "trigger name")?;
        let object = format!("trigger {name}");
        let table = required(&row, 1, &object)?;
        let timing = required(&row, 2, &object)?.to_ascii_uppercase();
        let event = required(&row, 3, &object)?.to_ascii_uppercase();
        let statement = unqualify(&required(&row, 4, &object)?, database);
        let key = (table.clone(), timing.clone(), event.clone());
        let follows = previous
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, n)| n.clone());
        let mut definition = format!(
            "CREATE TRIGGER {} {timing} {event} ON {} FOR EACH ROW",
            q(&name),
            q(&table)
        );
        if let Some(before) = &follows {
            definition.push_str(&format!(" FOLLOWS {}", q(before)));
        }
        definition.push(' ');
        definition.push_str(&statement);
        previous = Some((key, name.clone()));
        schema.triggers.insert(
            name.clone(),
            Trigger {
                depends_on: follows.into_iter().collect(),
                ..Trigger::new(name, table, definition)
            },
        );
    }
    Ok(())
}

/// `text` without the database's name before the objects it names (`` `db`.`t` `` →
/// `` `t` ``), as the server writes it in a view's query.
fn unqualify(text: &str, database: &str) -> String {
    text.replace(&format!("{}.", Dialect::Mysql.quote_ident(database)), "")
}
