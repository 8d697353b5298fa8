//! Where to declare what a database has and the models do not say: for each operation of a
//! plan from a database (or migrations) to the models, the declaration that makes the
//! models say it, either an attribute of the SeaORM entity or, where SeaORM attributes
//! cannot express it (checks, constraint names, serial keys, typed defaults, `set(…)`
//! and precision types, index methods and predicates), the exact `Base` declaration, in
//! Rust, to add to the registry.
//!
//! Paths name the entity's module and `Column` variant as sea-orm-codegen and SeaORM's
//! derive name them (`users::Column::CreatedAt`); every name and text goes through the
//! escaping module, so a hostile name yields valid, inert Rust.

use autogen_diff::{Op, Plan};
use autogen_schema::escape::{rust_module_ident, rust_str, rust_variant_ident};
use autogen_schema::{
    Column, ColumnType, DefaultValue, Identity, Index, IndexMethod, IndexTarget, Table,
};

/// Where a hint's declaration goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintPlace {
    /// An attribute or field of the SeaORM entity (sea-orm-cli did not write it).
    Entity,
    /// A `Base` declaration in the registry: SeaORM attributes cannot express it.
    Base,
}

/// One declaration that makes the models say what the database has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Entity attribute or `Base` declaration.
    pub place: HintPlace,
    /// The table it is about.
    pub table: String,
    /// The Rust to write: a full `Base` statement, or the entity attribute or field.
    pub code: String,
}

impl Hint {
    /// The hint as one line of a text report (callers pass it through `terminal`).
    pub fn line(&self) -> String {
        match self.place {
            HintPlace::Base => format!(
                "not declarable in SeaORM attributes; declare it in the Base: {}",
                self.code
            ),
            HintPlace::Entity => format!(
                "declarable in the entity of {}: {}",
                rust_module_ident(&self.table),
                self.code
            ),
        }
    }
}

/// The hints of each operation of `plan`, read as "from the database to the models":
/// what the operation removes or changes is what the database has and the models lack.
pub fn model_hints(plan: &Plan) -> Vec<Vec<Hint>> {
    plan.ops.iter().map(|op| op_hints(op, &plan.ops)).collect()
}

/// Every `Base` declaration that makes the models say what the database has, for a
/// registry written by `autogen init --database`: the `Base` hints of `plan`, and the
/// types the hints place in the entity (`varchar(n)`, `char(n)`, `decimal(p,s)`) as
/// `.column_type(…)` declarations, since generated entities are not edited by hand.
pub fn base_declarations(plan: &Plan) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |code: String| {
        if !out.contains(&code) {
            out.push(code);
        }
    };
    for hint in model_hints(plan).into_iter().flatten() {
        if hint.place == HintPlace::Base {
            push(hint.code);
        }
    }
    for op in &plan.ops {
        let pairs: Vec<(&str, &Column, &Column)> = match op {
            Op::AlterColumn { table, from, to } => vec![(table.as_str(), &**from, &**to)],
            Op::RebuildTable { from, to, .. } => from
                .columns
                .iter()
                .filter_map(|c| to.column(&c.name).map(|m| (from.name.as_str(), c, m)))
                .collect(),
            _ => Vec::new(),
        };
        for (table, db, models) in pairs {
            let in_entity = type_hint(table, &db.name, &db.ty)
                .iter()
                .all(|h| h.place == HintPlace::Entity);
            if db.ty != models.ty && in_entity {
                push(
                    base(
                        table,
                        format!(
                            ".column_type({}, {})",
                            column_path(table, &db.name),
                            type_expr(&db.ty)
                        ),
                    )
                    .code,
                );
            }
        }
    }
    out
}

fn base(table: &str, call: String) -> Hint {
    Hint {
        place: HintPlace::Base,
        table: table.to_string(),
        code: format!(
            "base.table::<{}::Entity>(){call};",
            rust_module_ident(table)
        ),
    }
}

fn entity(table: &str, code: String) -> Hint {
    Hint {
        place: HintPlace::Entity,
        table: table.to_string(),
        code,
    }
}

fn column_path(table: &str, column: &str) -> String {
    format!(
        "{}::Column::{}",
        rust_module_ident(table),
        rust_variant_ident(column)
    )
}

fn column_list(table: &str, columns: &[String]) -> String {
    let paths: Vec<String> = columns.iter().map(|c| column_path(table, c)).collect();
    format!("[{}]", paths.join(", "))
}

fn op_hints(op: &Op, ops: &[Op]) -> Vec<Hint> {
    match op {
        Op::DropCheck { table, check } => vec![base(
            table,
            format!(
                ".check(Check::exact_name({}, {}))",
                rust_str(&check.name),
                rust_str(&check.expression)
            ),
        )],
        // The online forms of an addition differ in how they run, not in what they add.
        Op::DropForeignKey { table, foreign_key }
        | Op::AddForeignKey { table, foreign_key }
        | Op::AddForeignKeyOnline { table, foreign_key } => {
            // A key on the same columns on the other side: only the name differs.
            let dropped = ops.iter().find_map(|o| match o {
                Op::DropForeignKey {
                    table: t,
                    foreign_key: f,
                } if t == table && f.columns == foreign_key.columns => Some(f),
                _ => None,
            });
            let added = ops.iter().any(|o| {
                matches!(o, Op::AddForeignKey { table: t, foreign_key: f }
                    | Op::AddForeignKeyOnline { table: t, foreign_key: f }
                    if t == table && f.columns == foreign_key.columns)
            });
            match (dropped, added) {
                (Some(db), true) => vec![base(
                    table,
                    format!(
                        ".foreign_key_name({}, {})",
                        column_list(table, &db.columns),
                        rust_str(&db.name)
                    ),
                )],
                (Some(db), false) => vec![entity(
                    table,
                    format!(
                        "a belongs_to relation from ({}) to {} ({})",
                        db.columns.join(", "),
                        db.ref_table,
                        db.ref_columns.join(", ")
                    ),
                )],
                _ => Vec::new(),
            }
        }
        Op::DropPrimaryKey { table, primary_key }
        | Op::AddPrimaryKey { table, primary_key }
        | Op::AddPrimaryKeyOnline { table, primary_key } => {
            let dropped = ops.iter().find_map(|o| match o {
                Op::DropPrimaryKey {
                    table: t,
                    primary_key: p,
                } if t == table && p.columns == primary_key.columns => Some(p),
                _ => None,
            });
            let added = ops.iter().any(|o| {
                matches!(o, Op::AddPrimaryKey { table: t, primary_key: p }
                    | Op::AddPrimaryKeyOnline { table: t, primary_key: p }
                    if t == table && p.columns == primary_key.columns)
            });
            match (dropped, added) {
                (Some(db), true) => vec![base(
                    table,
                    match &db.name {
                        Some(name) => format!(".primary_key_name({})", rust_str(name)),
                        None => ".primary_key_unnamed()".to_string(),
                    },
                )],
                _ => Vec::new(),
            }
        }
        Op::DropIndex { table, index } | Op::DropIndexConcurrently { table, index } => {
            vec![base(table, format!(".index({})", index_expr(table, index)))]
        }
        Op::CreateIndex { table, index } | Op::CreateIndexConcurrently { table, index } => ops
            .iter()
            .find_map(|o| match o {
                Op::DropIndex { table: t, index: i }
                | Op::DropIndexConcurrently { table: t, index: i }
                    if t == table && i.name == index.name =>
                {
                    Some(vec![base(
                        table,
                        format!(".index({})", index_expr(table, i)),
                    )])
                }
                _ => None,
            })
            .unwrap_or_default(),
        Op::DropUnique { table, unique }
        | Op::AddUnique { table, unique }
        | Op::AddUniqueOnline { table, unique } => {
            let dropped = ops.iter().find_map(|o| match o {
                Op::DropUnique {
                    table: t,
                    unique: u,
                } if t == table && (u.columns == unique.columns || u.name == unique.name) => {
                    Some(u)
                }
                _ => None,
            });
            match dropped {
                Some(db) => {
                    let cols: String = db
                        .columns
                        .iter()
                        .map(|c| format!(".col({})", column_path(table, c)))
                        .collect();
                    vec![base(
                        table,
                        format!(".unique(Unique::exact_name({}){cols})", rust_str(&db.name)),
                    )]
                }
                None => Vec::new(),
            }
        }
        Op::AlterColumn { table, from, to } | Op::SetNotNullOnline { table, from, to } => {
            column_hints(table, from, to)
        }
        Op::SetTableComment { table, from, .. } => vec![entity(
            table,
            match from {
                Some(c) => format!(
                    "#[sea_orm(table_name = {}, comment = {})]",
                    rust_str(table),
                    rust_str(c)
                ),
                None => format!(
                    "#[sea_orm(table_name = {})] without a comment",
                    rust_str(table)
                ),
            },
        )],
        Op::DropColumn { table, column, .. } => {
            let mut hints = vec![entity(
                table,
                format!(
                    "a field for column {} ({})",
                    rust_str(&column.name),
                    if column.nullable {
                        "Option<…>"
                    } else {
                        "not Option"
                    }
                ),
            )];
            hints.extend(type_hint(table, &column.name, &column.ty));
            if let Some(d) = &column.default {
                hints.push(default_hint(table, &column.name, Some(d)));
            }
            hints
        }
        // SQLite rebuilds a table for what it cannot alter: the same hints, table by table.
        Op::RebuildTable { from, to, .. } => rebuild_hints(from, to),
        Op::DropTable { table } => vec![entity(
            &table.name,
            format!(
                "an entity with #[sea_orm(table_name = {})]",
                rust_str(&table.name)
            ),
        )],
        _ => Vec::new(),
    }
}

/// What a table the database has (`db`) says that the models' (`models`) does not, for
/// a SQLite rebuild: its checks, constraint and index names, columns.
fn rebuild_hints(db: &Table, models: &Table) -> Vec<Hint> {
    let t = db.name.as_str();
    let mut ops: Vec<Op> = Vec::new();
    for c in &db.checks {
        if !models.checks.iter().any(|m| m == c) {
            ops.push(Op::DropCheck {
                table: t.into(),
                check: c.clone(),
            });
        }
    }
    for f in &db.foreign_keys {
        if !models.foreign_keys.iter().any(|m| m == f) {
            ops.push(Op::DropForeignKey {
                table: t.into(),
                foreign_key: f.clone(),
            });
            if let Some(m) = models.foreign_keys.iter().find(|m| m.columns == f.columns) {
                ops.push(Op::AddForeignKey {
                    table: t.into(),
                    foreign_key: m.clone(),
                });
            }
        }
    }
    for i in &db.indexes {
        if !models.indexes.iter().any(|m| m == i) {
            ops.push(Op::DropIndex {
                table: t.into(),
                index: i.clone(),
            });
        }
    }
    for u in &db.uniques {
        if !models.uniques.iter().any(|m| m == u) {
            ops.push(Op::DropUnique {
                table: t.into(),
                unique: u.clone(),
            });
        }
    }
    // A primary key's name (SQLite keeps `CONSTRAINT "x_pkey" PRIMARY KEY`): the same
    // columns under another name, which the Base names.
    if let (Some(d), Some(m)) = (&db.primary_key, &models.primary_key)
        && d != m
    {
        ops.push(Op::DropPrimaryKey {
            table: t.into(),
            primary_key: d.clone(),
        });
        ops.push(Op::AddPrimaryKey {
            table: t.into(),
            primary_key: m.clone(),
        });
    }
    for c in &db.columns {
        match models.column(&c.name) {
            Some(m) if m != c => ops.push(Op::AlterColumn {
                table: t.into(),
                from: Box::new(c.clone()),
                to: Box::new(m.clone()),
            }),
            Some(_) => {}
            None => ops.push(Op::DropColumn {
                table: t.into(),
                column: Box::new(c.clone()),
                position: Default::default(),
            }),
        }
    }
    let mut hints: Vec<Hint> = Vec::new();
    for op in &ops {
        for h in op_hints(op, &ops) {
            if !hints.contains(&h) {
                hints.push(h);
            }
        }
    }
    hints
}

/// What the database's column `db` has that the models' `models` does not.
fn column_hints(table: &str, db: &Column, models: &Column) -> Vec<Hint> {
    let mut hints = Vec::new();
    if db.ty != models.ty {
        hints.extend(type_hint(table, &db.name, &db.ty));
    }
    if db.nullable != models.nullable {
        hints.push(entity(
            table,
            format!(
                "the field of column {} {}",
                rust_str(&db.name),
                if db.nullable {
                    "as Option<…>"
                } else {
                    "not Option"
                }
            ),
        ));
    }
    if db.default != models.default {
        hints.push(default_hint(table, &db.name, db.default.as_ref()));
    }
    if db.identity != models.identity {
        hints.push(base(
            table,
            format!(
                ".identity({}, {})",
                column_path(table, &db.name),
                identity_expr(db.identity)
            ),
        ));
    }
    if db.on_update != models.on_update {
        hints.push(entity(
            table,
            match &db.on_update {
                Some(u) => format!(
                    "#[sea_orm(extra = {})] on the field of column {}",
                    rust_str(&format!(
                        "ON UPDATE {}",
                        autogen_schema::dialect::mysql::default_sql(u)
                    )),
                    rust_str(&db.name)
                ),
                None => format!("no `extra` on the field of column {}", rust_str(&db.name)),
            },
        ));
    }
    if db.comment != models.comment {
        hints.push(entity(
            table,
            match &db.comment {
                Some(c) => format!(
                    "#[sea_orm(comment = {})] on the field of column {}",
                    rust_str(c),
                    rust_str(&db.name)
                ),
                None => format!("no comment on the field of column {}", rust_str(&db.name)),
            },
        ));
    }
    hints
}

/// The type as a SeaORM `column_type` attribute where sea-query has it with its
/// arguments, else as a `Base` declaration.
fn type_hint(table: &str, column: &str, ty: &ColumnType) -> Vec<Hint> {
    let attribute = match ty {
        ColumnType::Varchar { length: Some(n) } => Some(format!("String(StringLen::N({n}))")),
        ColumnType::Char { length: Some(n) } => Some(format!("Char(Some({n}))")),
        ColumnType::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => Some(format!("Decimal(Some(({p}, {s})))")),
        _ => None,
    };
    match attribute {
        Some(a) => vec![entity(
            table,
            format!(
                "#[sea_orm(column_type = {})] on the field of column {}",
                rust_str(&a),
                rust_str(column)
            ),
        )],
        None => vec![base(
            table,
            format!(
                ".column_type({}, {})",
                column_path(table, column),
                type_expr(ty)
            ),
        )],
    }
}

fn default_hint(table: &str, column: &str, default: Option<&DefaultValue>) -> Hint {
    base(
        table,
        format!(
            ".column_default({}, {})",
            column_path(table, column),
            match default {
                Some(d) => format!("Some({})", default_expr(d)),
                None => "None".to_string(),
            }
        ),
    )
}

fn identity_expr(identity: Option<Identity>) -> &'static str {
    match identity {
        None => "None",
        Some(Identity::Serial) => "Some(Identity::Serial)",
        Some(Identity::Always) => "Some(Identity::Always)",
        Some(Identity::ByDefault) => "Some(Identity::ByDefault)",
        Some(Identity::AutoIncrement) => "Some(Identity::AutoIncrement)",
    }
}

/// A column type as a Rust expression of `autogen_models::ColumnType`.
pub fn type_expr(ty: &ColumnType) -> String {
    use ColumnType as T;
    let opt = |v: &Option<u32>| match v {
        Some(n) => format!("Some({n})"),
        None => "None".to_string(),
    };
    let name = match ty {
        T::TinyInt => "TinyInt",
        T::SmallInt => "SmallInt",
        T::Integer => "Integer",
        T::BigInt => "BigInt",
        T::Real => "Real",
        T::Double => "Double",
        T::Text => "Text",
        T::Boolean => "Boolean",
        T::Date => "Date",
        T::Interval => "Interval",
        T::Uuid => "Uuid",
        T::Json => "Json",
        T::Jsonb => "Jsonb",
        T::Blob => "Blob",
        T::Decimal { precision, scale } => {
            return format!(
                "ColumnType::Decimal {{ precision: {}, scale: {} }}",
                opt(precision),
                opt(scale)
            );
        }
        T::Varchar { length } => {
            return format!("ColumnType::Varchar {{ length: {} }}", opt(length));
        }
        T::Char { length } => return format!("ColumnType::Char {{ length: {} }}", opt(length)),
        T::Binary { length } => {
            return format!("ColumnType::Binary {{ length: {} }}", opt(length));
        }
        T::VarBinary { length } => return format!("ColumnType::VarBinary {{ length: {length} }}"),
        T::Time { precision, tz } => {
            return format!(
                "ColumnType::Time {{ precision: {}, tz: {tz} }}",
                opt(precision)
            );
        }
        T::Timestamp { precision, tz } => {
            return format!(
                "ColumnType::Timestamp {{ precision: {}, tz: {tz} }}",
                opt(precision)
            );
        }
        T::Enum { name } => {
            return format!("ColumnType::Enum {{ name: {}.into() }}", rust_str(name));
        }
        T::InlineEnum { values } => {
            let values: Vec<String> = values
                .iter()
                .map(|v| format!("{}.into()", rust_str(v)))
                .collect();
            return format!(
                "ColumnType::InlineEnum {{ values: vec![{}] }}",
                values.join(", ")
            );
        }
        T::Array { element } => {
            return format!(
                "ColumnType::Array {{ element: Box::new({}) }}",
                type_expr(element)
            );
        }
        T::Custom { raw } => return format!("ColumnType::custom({})", rust_str(raw)),
    };
    format!("ColumnType::{name}")
}

/// A default as a Rust expression of `autogen_models::DefaultValue`.
pub fn default_expr(default: &DefaultValue) -> String {
    use DefaultValue as D;
    match default {
        D::String(s) => format!("DefaultValue::String({}.into())", rust_str(s)),
        D::Number(n) => format!("DefaultValue::Number({}.into())", rust_str(n)),
        D::Bool(b) => format!("DefaultValue::Bool({b})"),
        D::Null => "DefaultValue::Null".to_string(),
        D::CurrentTimestamp { precision } => format!(
            "DefaultValue::CurrentTimestamp {{ precision: {} }}",
            match precision {
                Some(p) => format!("Some({p})"),
                None => "None".into(),
            }
        ),
        D::CurrentDate => "DefaultValue::CurrentDate".to_string(),
        D::CurrentTime => "DefaultValue::CurrentTime".to_string(),
        D::Function(f) => format!("DefaultValue::Function({}.into())", rust_str(f)),
        D::Expression(e) => format!("DefaultValue::Expression({}.into())", rust_str(e)),
    }
}

fn index_expr(table: &str, index: &Index) -> String {
    let mut out = format!("Index::exact_name({})", rust_str(&index.name));
    for part in &index.parts {
        let desc = if part.descending { "_desc" } else { "" };
        match &part.target {
            IndexTarget::Column(c) => {
                out.push_str(&format!(".col{desc}({})", column_path(table, c)));
            }
            IndexTarget::Expression(e) => out.push_str(&format!(".expr{desc}({})", rust_str(e))),
        }
    }
    if index.unique {
        out.push_str(".unique()");
    }
    if index.method != IndexMethod::Btree {
        let method = match index.method {
            IndexMethod::Btree => "Btree",
            IndexMethod::Hash => "Hash",
            IndexMethod::Gin => "Gin",
            IndexMethod::Gist => "Gist",
            IndexMethod::Brin => "Brin",
            IndexMethod::Spgist => "Spgist",
            IndexMethod::Fulltext => "Fulltext",
            IndexMethod::Spatial => "Spatial",
        };
        out.push_str(&format!(".using(IndexMethod::{method})"));
    }
    if let Some(p) = &index.predicate {
        out.push_str(&format!(".filter({})", rust_str(p)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use autogen_diff::{DiffOptions, diff};
    use autogen_schema::{Check, Dialect, ForeignKey, PrimaryKey, Schema, Table};

    /// A database with what sea-orm-cli's entities do not say, and the models as
    /// autogen reads those entities.
    fn schemas() -> (Schema, Schema) {
        let mut users = Table::new("users");
        let mut id = Column::new("id", ColumnType::Integer);
        id.nullable = false;
        id.identity = Some(Identity::ByDefault);
        users.columns.push(id);
        users.columns.push(Column::new(
            "createdAt",
            ColumnType::Timestamp {
                precision: None,
                tz: false,
            },
        ));
        users
            .columns
            .push(Column::new("name", ColumnType::Varchar { length: None }));
        users.primary_key = Some(PrimaryKey {
            name: Some("users_pkey".into()),
            columns: vec!["id".into()],
        });
        let mut posts = Table::new("posts");
        posts.columns.push(Column::new("id", ColumnType::Integer));
        posts
            .columns
            .push(Column::new("user_id", ColumnType::Integer));
        posts.primary_key = Some(PrimaryKey {
            name: Some("posts_pkey".into()),
            columns: vec!["id".into()],
        });
        posts.foreign_keys.push(ForeignKey {
            name: "fk-posts-user_id".into(),
            columns: vec!["user_id".into()],
            ref_table: "users".into(),
            ref_columns: vec!["id".into()],
            on_delete: Default::default(),
            on_update: Default::default(),
        });
        let mut models = Schema::default();
        models.tables.insert("users".into(), users.clone());
        models.tables.insert("posts".into(), posts.clone());

        users.columns[0].identity = Some(Identity::Serial);
        users.columns[1].ty = ColumnType::Timestamp {
            precision: Some(3),
            tz: false,
        };
        users.columns[1].default = Some(DefaultValue::Expression("'2024-01-01'::date".into()));
        users.columns[2].ty = ColumnType::varchar(40);
        users.checks.push(Check {
            name: "users_name_check".into(),
            expression: "name <> '\"x\\n'".into(),
        });
        posts.foreign_keys[0].name = "posts_user_id_fkey".into();
        let mut database = Schema::default();
        database.tables.insert("users".into(), users);
        database.tables.insert("posts".into(), posts);
        (database, models)
    }

    #[test]
    fn every_difference_of_a_sea_orm_cli_project_says_where_to_declare_it() {
        let (database, models) = schemas();
        let options = DiffOptions {
            dialect: Some(Dialect::Postgres),
            ..Default::default()
        };
        let plan = diff(&database, &models, &options);
        let hints = model_hints(&plan);
        let all: Vec<String> = hints.iter().flatten().map(|h| h.code.clone()).collect();
        for (op, h) in plan.ops.iter().zip(&hints) {
            assert!(!h.is_empty(), "no hint for {op:?}");
        }
        for expected in [
            r#"base.table::<users::Entity>().identity(users::Column::Id, Some(Identity::Serial));"#,
            r#"base.table::<users::Entity>().column_type(users::Column::CreatedAt, ColumnType::Timestamp { precision: Some(3), tz: false });"#,
            r#"base.table::<users::Entity>().column_default(users::Column::CreatedAt, Some(DefaultValue::Expression("'2024-01-01'::date".into())));"#,
            r#"#[sea_orm(column_type = "String(StringLen::N(40))")] on the field of column "name""#,
            r#"base.table::<users::Entity>().check(Check::exact_name("users_name_check", "name <> '\"x\\n'"));"#,
            r#"base.table::<posts::Entity>().foreign_key_name([posts::Column::UserId], "posts_user_id_fkey");"#,
        ] {
            assert!(
                all.iter().any(|c| c == expected),
                "{expected}\nnot in\n{all:#?}"
            );
        }
        // The report shows each under its operation, as one line.
        let text = crate::plan_text_with_hints(&plan);
        assert!(text.contains("\n        = not declarable in SeaORM attributes; declare it in the Base: base.table::<users::Entity>().check("), "{text}");
        assert!(
            text.contains("\n        = declarable in the entity of users: #[sea_orm(column_type"),
            "{text}"
        );
        // The reverse direction, or a plan without a database, shows none.
        assert!(!crate::plan_text(&plan).contains("        = "));
    }

    /// SQLite rebuilds the table for a check: the rebuild carries the same hints.
    #[test]
    fn a_sqlite_rebuild_says_where_to_declare_what_forces_it() {
        let (database, models) = schemas();
        let options = DiffOptions {
            dialect: Some(Dialect::Sqlite),
            ..Default::default()
        };
        let plan = diff(&database, &models, &options);
        assert!(
            plan.ops
                .iter()
                .any(|op| matches!(op, Op::RebuildTable { .. })),
            "{:?}",
            plan.ops
        );
        let hints = model_hints(&plan);
        for (op, h) in plan.ops.iter().zip(&hints) {
            assert!(!h.is_empty(), "no hint for {op:?}");
        }
        let all: Vec<&str> = hints.iter().flatten().map(|h| h.code.as_str()).collect();
        assert!(
            all.iter().any(|c| c.starts_with(
                "base.table::<users::Entity>().check(Check::exact_name(\"users_name_check\""
            )),
            "{all:#?}"
        );
    }

    /// SQLite keeps a primary key's constraint name, and rebuilds the table to change it:
    /// the rebuild's hints name the key in the Base, as an in-place rename's do.
    #[test]
    fn a_sqlite_rebuild_for_a_primary_key_name_names_it_in_the_base() {
        let mut models_table = Table::new("accounts");
        let mut id = Column::new("id", ColumnType::Integer);
        id.nullable = false;
        models_table.columns.push(id);
        models_table.primary_key = Some(PrimaryKey {
            name: None,
            columns: vec!["id".into()],
        });
        let mut db_table = models_table.clone();
        db_table.primary_key.as_mut().unwrap().name = Some("account_pkey".into());
        let mut database = Schema::default();
        database.tables.insert("accounts".into(), db_table);
        let mut models = Schema::default();
        models.tables.insert("accounts".into(), models_table);
        let options = DiffOptions {
            dialect: Some(Dialect::Sqlite),
            ..Default::default()
        };
        let plan = diff(&database, &models, &options);
        assert!(
            matches!(plan.ops.as_slice(), [Op::RebuildTable { .. }]),
            "{:?}",
            plan.ops
        );
        assert_eq!(
            base_declarations(&plan),
            [r#"base.table::<accounts::Entity>().primary_key_name("account_pkey");"#]
        );
    }

    #[test]
    fn base_declarations_put_entity_types_in_the_base_too() {
        let (database, models) = schemas();
        for dialect in [Dialect::Postgres, Dialect::Sqlite] {
            let options = DiffOptions {
                dialect: Some(dialect),
                ..Default::default()
            };
            let plan = diff(&database, &models, &options);
            let declarations = base_declarations(&plan);
            // The varchar length the hints place in the entity, as a Base declaration.
            let length = r#"base.table::<users::Entity>().column_type(users::Column::Name, ColumnType::Varchar { length: Some(40) });"#;
            assert!(
                declarations.iter().any(|d| d == length),
                "{dialect}: {declarations:#?}"
            );
            // Every Base hint is there, once.
            for hint in model_hints(&plan).into_iter().flatten() {
                if hint.place == HintPlace::Base {
                    assert_eq!(
                        declarations.iter().filter(|d| **d == hint.code).count(),
                        1,
                        "{dialect}: {}",
                        hint.code
                    );
                }
            }
        }
    }

    #[test]
    fn types_and_defaults_are_rust_expressions() {
        assert_eq!(
            type_expr(&ColumnType::Array {
                element: Box::new(ColumnType::Text)
            }),
            "ColumnType::Array { element: Box::new(ColumnType::Text) }"
        );
        assert_eq!(
            type_expr(&ColumnType::custom("set('a','b\u{202e}')")),
            "ColumnType::custom(\"set('a','b\\u{202e}')\")"
        );
        assert_eq!(
            default_expr(&DefaultValue::Expression("ARRAY[]::text[]".into())),
            "DefaultValue::Expression(\"ARRAY[]::text[]\".into())"
        );
    }
}
