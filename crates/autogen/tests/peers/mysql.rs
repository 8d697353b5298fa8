//! MariaDB's own description of a database, for the protocol's comparison: `SHOW CREATE
//! TABLE` of every table, `SHOW CREATE VIEW` of every view (without the definer and the
//! database's name, which differ between the two sides by construction), and the rows of
//! `information_schema.TRIGGERS`. `AUTO_INCREMENT=n` counters are left out: they count
//! rows, not schema.

use sqlx::{MySqlPool, Row};

/// One line per object, sorted.
pub async fn describe(pool: &MySqlPool, database: &str) -> Result<Vec<String>, String> {
    let e = |e: sqlx::Error| e.to_string();
    let objects: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(TABLE_TYPE AS CHAR) FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME",
    )
    .fetch_all(pool)
    .await
    .map_err(e)?;
    let mut out = Vec::new();
    for (name, kind) in objects {
        let quoted = format!("`{}`", name.replace('`', "``"));
        let view = kind == "VIEW";
        let sql = if view {
            format!("SHOW CREATE VIEW {quoted}")
        } else {
            format!("SHOW CREATE TABLE {quoted}")
        };
        let row = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .fetch_one(pool)
            .await
            .map_err(e)?;
        let text: String = row
            .try_get::<String, _>(1)
            .or_else(|_| {
                row.try_get::<Vec<u8>, _>(1)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            })
            .map_err(e)?;
        out.push(normalize(&text, database));
    }
    let triggers: Vec<(String, String, String, i64, String, String)> = sqlx::query_as(
        "SELECT CAST(TRIGGER_NAME AS CHAR), CAST(EVENT_MANIPULATION AS CHAR), \
                CAST(EVENT_OBJECT_TABLE AS CHAR), CAST(ACTION_ORDER AS SIGNED), \
                CAST(ACTION_TIMING AS CHAR), CAST(ACTION_STATEMENT AS CHAR) \
         FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()",
    )
    .fetch_all(pool)
    .await
    .map_err(e)?;
    for (name, event, table, order, timing, statement) in triggers {
        out.push(format!(
            "TRIGGER {name} {timing} {event} ON {table} ORDER {order}: {}",
            normalize(&statement, database)
        ));
    }
    out.sort();
    Ok(out)
}

/// Drops `AUTO_INCREMENT=n`, `DEFINER=…` and the database's name.
fn normalize(text: &str, database: &str) -> String {
    let mut s = text.replace(&format!("`{database}`."), "");
    if let Some(at) = s.find("DEFINER=") {
        let end = s[at..].find(' ').map(|i| at + i + 1).unwrap_or(s.len());
        s.replace_range(at..end, "");
    }
    // Table options follow the last `)`; the counter is one of them.
    if let Some(close) = s.rfind(')') {
        let (head, tail) = s.split_at(close);
        let tail: Vec<&str> = tail
            .split(' ')
            .filter(|w| !w.starts_with("AUTO_INCREMENT="))
            .collect();
        s = format!("{head}{}", tail.join(" "));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn counters_definers_and_database_names_go() {
        assert_eq!(
            super::normalize(
                "CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT\n) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=latin1",
                "db"
            ),
            "CREATE TABLE `t` (\n  `id` int(11) NOT NULL AUTO_INCREMENT\n) ENGINE=InnoDB DEFAULT CHARSET=latin1"
        );
        assert_eq!(
            super::normalize(
                "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` AS select `db`.`t`.`id` AS `id` from `db`.`t`",
                "db"
            ),
            "CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `v` AS select `t`.`id` AS `id` from `t`"
        );
    }
}
