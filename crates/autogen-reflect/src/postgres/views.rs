//! Views and materialized views of a namespace, in one catalog query: the query as
//! `pg_get_viewdef` prints it (as `pg_dump` prints it), the options (`WITH (…)`, the check
//! option), the output columns and their types, the relations each reads (from the
//! view's rewrite rule in `pg_depend`), a materialized view's indexes, and the comment.

use autogen_schema::{Dialect, Schema, View, ViewColumn};

/// The one query. Views an extension owns are its own, not the application's.
pub(super) const VIEWS: &str = "\
SELECT c.relname::text,
       c.relkind = 'm',
       pg_get_viewdef(c.oid),
       ARRAY(SELECT o FROM unnest(coalesce(c.reloptions, '{}')) AS o
             WHERE o NOT LIKE 'check\\_option=%'),
       (SELECT substr(o, 14) FROM unnest(c.reloptions) AS o WHERE o LIKE 'check\\_option=%'),
       ARRAY(SELECT a.attname::text FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum),
       ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum),
       ARRAY(SELECT q.relname FROM (
               SELECT DISTINCT r.relname::text AS relname, rn.nspname::text AS nspname
               FROM pg_rewrite rw
               JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
                               AND d.refclassid = 'pg_class'::regclass
               JOIN pg_class r ON r.oid = d.refobjid
               JOIN pg_namespace rn ON rn.oid = r.relnamespace
               WHERE rw.ev_class = c.oid AND r.oid <> c.oid
                 AND rn.nspname NOT IN ('pg_catalog', 'information_schema')) q
             ORDER BY q.nspname, q.relname),
       ARRAY(SELECT q.nspname FROM (
               SELECT DISTINCT r.relname::text AS relname, rn.nspname::text AS nspname
               FROM pg_rewrite rw
               JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
                               AND d.refclassid = 'pg_class'::regclass
               JOIN pg_class r ON r.oid = d.refobjid
               JOIN pg_namespace rn ON rn.oid = r.relnamespace
               WHERE rw.ev_class = c.oid AND r.oid <> c.oid
                 AND rn.nspname NOT IN ('pg_catalog', 'information_schema')) q
             ORDER BY q.nspname, q.relname),
       ARRAY(SELECT pg_get_indexdef(i.indexrelid)
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indrelid = c.oid ORDER BY ic.relname),
       ds.description
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds
  ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1 AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_depend e
                  WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                    AND e.deptype = 'e')
ORDER BY c.relname";

/// One row of [`VIEWS`].
pub(super) type ViewRow = (
    String,
    bool,
    String,
    Vec<String>,
    Option<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    Option<String>,
);

/// Enters the views of `rows` into `schema`, named as `names` says.
pub(super) fn add_views(schema: &mut Schema, rows: Vec<ViewRow>, names: &super::Names) {
    for row in rows {
        let view = view_from_row(row, names);
        schema.views.insert(view.name.clone(), view);
    }
}

fn view_from_row(row: ViewRow, names: &super::Names) -> View {
    let (
        name,
        materialized,
        query,
        options,
        check_option,
        column_names,
        column_types,
        depends_on,
        depends_on_namespaces,
        indexes,
        comment,
    ) = row;
    let name = names.own(name);
    let depends_on = depends_on
        .into_iter()
        .zip(depends_on_namespaces)
        .map(|(relation, namespace)| names.of(&namespace, relation))
        .collect();
    View {
        definition: definition(
            &name,
            materialized,
            &query,
            &options,
            check_option.as_deref(),
        ),
        name,
        depends_on,
        materialized,
        columns: column_names
            .into_iter()
            .zip(column_types)
            .map(|(name, ty)| ViewColumn { name, ty })
            .collect(),
        indexes,
        comment,
    }
}

/// The statement `pg_dump` writes for the view: `CREATE [MATERIALIZED] VIEW name
/// [WITH (options)] AS query [WITH LOCAL|CASCADED CHECK OPTION]`.
fn definition(
    name: &str,
    materialized: bool,
    query: &str,
    options: &[String],
    check_option: Option<&str>,
) -> String {
    let kind = if materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    };
    let mut sql = format!("CREATE {kind} {}", Dialect::Postgres.quote_ident(name));
    if !options.is_empty() {
        sql.push_str(&format!(" WITH ({})", options.join(", ")));
    }
    sql.push_str(" AS\n");
    sql.push_str(query.trim_end().trim_end_matches(';').trim_end());
    if let Some(check) = check_option {
        sql.push_str(&format!("\n  WITH {} CHECK OPTION", check.to_uppercase()));
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_as_pg_dump_writes_it() {
        assert_eq!(
            definition(
                "v",
                false,
                " SELECT a\n   FROM t;",
                &["security_barrier=true".into()],
                Some("local")
            ),
            "CREATE VIEW \"v\" WITH (security_barrier=true) AS\n SELECT a\n   FROM t\n  WITH LOCAL CHECK OPTION"
        );
        assert_eq!(
            definition("Mv", true, " SELECT 1;", &[], None),
            "CREATE MATERIALIZED VIEW \"Mv\" AS\n SELECT 1"
        );
    }
}
