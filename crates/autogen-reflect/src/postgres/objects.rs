//! Reflection of PostgreSQL's objects beyond tables: extensions, domains, row-level
//! security, policies, and the comments on indexes, constraints and enum types. One bulk query per
//! kind, in the reading transaction of [`super::reflect`].

use std::collections::BTreeMap;

use autogen_schema::{Check, Domain, Extension, Policy, PolicyCommand, RowSecurity, Schema, Table};
use sqlx::{PgConnection, Postgres, Transaction};

use crate::ReflectError;

/// The number of queries [`read`] runs.
pub(super) const QUERY_COUNT: usize = 6;

/// Domains of the namespace that no extension owns: base type as `format_type` prints it,
/// a collation other than the base type's, default, NOT NULL, checks (names and
/// definitions in name order) and comment.
const DOMAINS: &str = "\
SELECT t.typname::text,
       format_type(t.typbasetype, t.typtypmod),
       CASE WHEN t.typcollation <> bt.typcollation THEN co.collname::text END,
       t.typdefault,
       t.typnotnull,
       ARRAY(SELECT c.conname::text FROM pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
       ARRAY(SELECT pg_get_constraintdef(c.oid, true) FROM pg_constraint c
             WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname),
       ds.description
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
LEFT JOIN pg_collation co ON co.oid = t.typcollation
LEFT JOIN pg_description ds
  ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1 AND t.typtype = 'd'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid
                    AND d.deptype = 'e')
ORDER BY t.typname";

/// Extensions of the database (they are not in a namespace of their own choosing), but
/// `plpgsql`, which every database has from the start.
const EXTENSIONS: &str = "\
SELECT e.extname::text, n.nspname::text, e.extversion
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname <> 'plpgsql' AND $1::text IS NOT NULL
ORDER BY e.extname";

/// Tables of the namespace with row-level security enabled or forced.
const ROW_SECURITY: &str = "\
SELECT c.oid::int8, c.relrowsecurity, c.relforcerowsecurity
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
  AND (c.relrowsecurity OR c.relforcerowsecurity)";

/// Policies of the namespace's tables: command letter, permissive, roles (`public` for
/// the oid 0 of `TO PUBLIC`), expressions as PostgreSQL prints them, comment.
const POLICIES: &str = "\
SELECT p.polrelid::int8,
       p.polname::text,
       p.polcmd::text,
       p.polpermissive,
       ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'public'
                         ELSE (SELECT a.rolname::text FROM pg_roles a WHERE a.oid = r.oid) END
             FROM unnest(p.polroles) AS r(oid)),
       pg_get_expr(p.polqual, p.polrelid),
       pg_get_expr(p.polwithcheck, p.polrelid),
       ds.description
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds
  ON ds.objoid = p.oid AND ds.classoid = 'pg_policy'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1
ORDER BY p.polrelid, p.polname";

/// Comments on the indexes (`i`) and constraints (`c`) of the namespace's tables.
const PART_COMMENTS: &str = "\
SELECT i.indrelid::int8, 'i', ic.relname::text, ds.description
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
JOIN pg_description ds
  ON ds.objoid = ic.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1
UNION ALL
SELECT con.conrelid::int8, 'c', con.conname::text, ds.description
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_description ds
  ON ds.objoid = con.oid AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1";

/// Comments on the enum types of the namespace.
const TYPE_COMMENTS: &str = "\
SELECT t.typname::text, ds.description
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_description ds
  ON ds.objoid = t.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
WHERE n.nspname = $1 AND t.typtype = 'e'";

type DomainRow = (
    String,
    String,
    Option<String>,
    Option<String>,
    bool,
    Vec<String>,
    Vec<String>,
    Option<String>,
);

type PolicyRow = (
    i64,
    String,
    String,
    bool,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// What [`read`] found, applied by [`apply`] once the tables are built.
pub(super) struct Rows {
    domains: Vec<DomainRow>,
    extensions: Vec<(String, String, String)>,
    row_security: Vec<(i64, bool, bool)>,
    policies: Vec<PolicyRow>,
    part_comments: Vec<(i64, String, String, String)>,
    type_comments: Vec<(String, String)>,
}

/// Runs the queries of this module in the reading transaction.
pub(super) async fn read(
    tx: &mut Transaction<'_, Postgres>,
    namespace: &str,
) -> Result<Rows, sqlx::Error> {
    let conn: &mut PgConnection = tx;
    Ok(Rows {
        domains: sqlx::query_as(DOMAINS)
            .bind(namespace)
            .fetch_all(&mut *conn)
            .await?,
        extensions: sqlx::query_as(EXTENSIONS)
            .bind(namespace)
            .fetch_all(&mut *conn)
            .await?,
        row_security: sqlx::query_as(ROW_SECURITY)
            .bind(namespace)
            .fetch_all(&mut *conn)
            .await?,
        policies: sqlx::query_as(POLICIES)
            .bind(namespace)
            .fetch_all(&mut *conn)
            .await?,
        part_comments: sqlx::query_as(PART_COMMENTS)
            .bind(namespace)
            .fetch_all(&mut *conn)
            .await?,
        type_comments: sqlx::query_as(TYPE_COMMENTS)
            .bind(namespace)
            .fetch_all(&mut *conn)
            .await?,
    })
}

/// Puts the rows into the schema and its tables (by oid).
pub(super) fn apply(
    rows: Rows,
    tables: &mut BTreeMap<i64, Table>,
    schema: &mut Schema,
) -> Result<(), ReflectError> {
    for (name, base, collation, default, not_null, names, definitions, comment) in rows.domains {
        let checks = names
            .into_iter()
            .zip(definitions)
            .map(|(name, definition)| Check {
                name,
                expression: super::check_expression(&definition),
                no_inherit: false,
                not_valid: false,
            })
            .collect();
        let domain = Domain {
            name: name.clone(),
            base,
            collation,
            default,
            not_null,
            checks,
            comment,
        };
        schema.domains.insert(name, domain);
    }
    for (name, namespace, version) in rows.extensions {
        let extension = Extension {
            name: name.clone(),
            schema: Some(namespace),
            version: Some(version),
        };
        schema.extensions.insert(name, extension);
    }
    for (oid, enabled, forced) in rows.row_security {
        if let Some(table) = tables.get_mut(&oid) {
            table.row_security = RowSecurity { enabled, forced };
        }
    }
    for (oid, name, command, permissive, roles, using, with_check, comment) in rows.policies {
        let Some(table) = tables.get_mut(&oid) else {
            continue;
        };
        let command = PolicyCommand::parse(&command).ok_or_else(|| ReflectError::Unsupported {
            object: format!("policy {}.{name}", table.name),
            reason: format!("unknown command {command:?}"),
        })?;
        table.policies.push(Policy {
            name,
            command,
            restrictive: !permissive,
            roles,
            using,
            with_check,
            comment,
        });
    }
    schema.type_comments.extend(rows.type_comments);
    for (oid, kind, name, comment) in rows.part_comments {
        if let Some(table) = tables.get_mut(&oid) {
            let map = if kind == "i" {
                &mut table.part_comments.indexes
            } else {
                &mut table.part_comments.constraints
            };
            map.insert(name, comment);
        }
    }
    Ok(())
}
