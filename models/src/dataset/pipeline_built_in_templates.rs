//! `pipeline_built_in_templates`: Dify's `PipelineBuiltInTemplate` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuidv7()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pipeline_built_in_templates")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuidv7()\")"
    )]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub chunk_structure: String,
    pub icon: Json,
    #[sea_orm(column_type = "Text")]
    pub yaml_content: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub copyright: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub privacy_policy: String,
    pub position: i32,
    pub install_count: i32,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub language: String,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
