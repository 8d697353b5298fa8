//! The bulk `pg_catalog` queries: each reads one kind of object for the whole namespace.
//!
//! Every query takes the namespace name as `$1` and nothing else, so the number of
//! round trips is fixed whatever the number of tables. Identifiers of type `name` and
//! `"char"` are cast to `text` so that they decode as `String`; oids are cast to `int8`.

/// Whether the namespace exists.
pub(super) const NAMESPACE: &str = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)";

/// Every namespace but the default one (`$1`), the system's (`pg_*`, `information_schema`)
/// and those an extension creates, by name.
pub(super) const OTHER_NAMESPACES: &str = "\
SELECT n.nspname::text FROM pg_namespace n
WHERE n.nspname <> $1 AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid
                    AND d.deptype = 'e')
ORDER BY 1";

/// Turns the JIT compiler off for the reading transaction: the planner overestimates the
/// index query (its per-key sub-selects) and spends ~300 ms compiling a ~90 ms query at a
/// thousand tables (measured in `docs/benchmarks.md`).
pub(super) const NO_JIT: &str = "SELECT set_config('jit', 'off', true)";

/// Makes `pg_get_expr` and friends print names of the default namespace without
/// qualification, as the DDL that recreates them spells them, and names of any other
/// namespace qualified (a script runs with the default namespace on its `search_path`).
/// Local to the reading transaction.
pub(super) const SEARCH_PATH: &str =
    "SELECT set_config('search_path', quote_ident($1) || ', public, pg_catalog', true)";

/// Ordinary and partitioned tables, and the partitions of those (with their parent and
/// bound; their columns, indexes and constraints are the parent's, which the other
/// queries read, so those leave partitions out), with
/// their comments (joined, not one `obj_description` call per table) and the partition key
/// of a partitioned table.
pub(super) const TABLES: &str = "\
SELECT c.oid::int8, c.relname::text, ds.description,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       pc.relname::text,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description ds
  ON ds.objoid = c.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
LEFT JOIN pg_inherits inh ON c.relispartition AND inh.inhrelid = c.oid
LEFT JOIN pg_class pc ON pc.oid = inh.inhparent AND pc.relnamespace = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
  AND (NOT c.relispartition OR pc.oid IS NOT NULL)
ORDER BY c.relname";

/// Columns in `attnum` order, with the catalog's spelling of the type, the default
/// expression, identity and generated kinds, comments, the enum type name when the
/// column (or its array element) is an enum, the collation where it is not the type's, and
/// an identity column's sequence options (start, increment, min, max, cache, cycle), from
/// the sequence the column owns internally.
///
/// A default cannot refer to a column, so it is deparsed without its table
/// (`pg_get_expr(…, 0)`): given the table, PostgreSQL opens the relation for every row,
/// which was half of this query's time at a thousand tables. A generated column's
/// expression does refer to columns and keeps its table.
pub(super) const COLUMNS: &str = "\
SELECT a.attrelid::int8,
       a.attname::text,
       format_type(a.atttypid, a.atttypmod),
       a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, 0)
            ELSE pg_get_expr(d.adbin, d.adrelid) END,
       a.attidentity::text,
       a.attgenerated::text,
       ds.description,
       CASE WHEN t.typtype = 'e' THEN t.typname::text END,
       CASE WHEN et.typtype = 'e' THEN et.typname::text END,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END,
       CASE WHEN sq.seqrelid IS NOT NULL THEN ARRAY[sq.seqstart, sq.seqincrement, sq.seqmin,
         sq.seqmax, sq.seqcache, sq.seqcycle::int::int8] END,
       CASE WHEN t.typtype = 'e'
            THEN (SELECT tn.nspname::text FROM pg_namespace tn WHERE tn.oid = t.typnamespace) END,
       CASE WHEN et.typtype = 'e'
            THEN (SELECT tn.nspname::text FROM pg_namespace tn WHERE tn.oid = et.typnamespace) END
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_depend dep
  ON a.attidentity <> '' AND dep.classid = 'pg_class'::regclass AND dep.refobjid = a.attrelid
  AND dep.refobjsubid = a.attnum AND dep.deptype = 'i'
LEFT JOIN pg_sequence sq ON sq.seqrelid = dep.objid
LEFT JOIN pg_description ds
  ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum";

/// Enum types of the namespace with their labels in sort order.
pub(super) const ENUMS: &str = "\
SELECT t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = $1
GROUP BY t.typname
ORDER BY t.typname";

/// Primary keys, uniques, foreign keys, checks and exclusion constraints of the tables,
/// with key columns (and referenced columns) in key order, deferral, validation and (for
/// uniques) `NULLS NOT DISTINCT`, read through `to_jsonb` so that a server older than 15,
/// which has no such column, reads `false`. Constraints inherited from a
/// partitioned parent (`conparentid <> 0`) are the parent's, so they are left out. Only
/// checks and exclusion constraints need their definition printed; deparsing every key
/// would open every table.
pub(super) const CONSTRAINTS: &str = "\
SELECT con.conrelid::int8,
       con.conname::text,
       con.contype::text,
       ARRAY(SELECT a.attname::text
             FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
             ORDER BY k.ord),
       rc.relname::text,
       ARRAY(SELECT a.attname::text
             FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num
             ORDER BY k.ord),
       con.confdeltype::text,
       con.confupdtype::text,
       CASE WHEN con.contype IN ('c', 'x') THEN pg_get_constraintdef(con.oid, true) END,
       con.condeferrable,
       con.condeferred,
       con.convalidated,
       COALESCE((SELECT (to_jsonb(ix) ->> 'indnullsnotdistinct')::bool
                 FROM pg_index ix WHERE ix.indexrelid = con.conindid AND con.contype = 'u'),
                false),
       (SELECT rn.nspname::text FROM pg_namespace rn WHERE rn.oid = rc.relnamespace)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0
ORDER BY con.conrelid, con.conname";

/// Indexes that do not back a primary key, unique or exclusion constraint: method, key
/// parts (column name, or NULL and the expression text), `indoption` per key part,
/// partial predicate, INCLUDE columns, storage parameters, `NULLS NOT DISTINCT`, and the
/// whole definition where a key part has a collation, operator class or operator class
/// parameters of its own (their spelling is read from it). A key part is deparsed only
/// when it is an expression (`indkey` 0), the whole index only when it must be, and the
/// non-default operator classes are read once, not per index: deparsing was most of this
/// query's time at a thousand tables.
pub(super) const INDEXES: &str = "\
SELECT i.indrelid::int8,
       ic.relname::text,
       i.indisunique,
       am.amname::text,
       ARRAY(SELECT (SELECT a.attname::text FROM pg_attribute a
                     WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]
                       AND i.indkey[k - 1] <> 0)
             FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k),
       ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0
                         THEN pg_get_indexdef(i.indexrelid, k, true) END
             FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k),
       ARRAY(SELECT i.indoption[k - 1]::int4
             FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k),
       pg_get_expr(i.indpred, i.indrelid, true),
       ARRAY(SELECT a.attname::text
             FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS k
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]
             ORDER BY k),
       CASE WHEN i.indclass::oid[] && ARRAY(SELECT oid FROM pg_opclass WHERE NOT opcdefault)
              OR EXISTS (SELECT 1 FROM unnest(i.indcollation::oid[]) AS c(oid)
                         WHERE c.oid NOT IN (0, 100))
              OR EXISTS (SELECT 1 FROM pg_attribute ia
                         WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL)
            THEN pg_get_indexdef(i.indexrelid, 0, true) END,
       COALESCE(ic.reloptions, '{}'),
       COALESCE((to_jsonb(i) ->> 'indnullsnotdistinct')::bool, false)
FROM pg_index i
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname";
