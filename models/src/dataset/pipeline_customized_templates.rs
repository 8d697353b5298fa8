//! `pipeline_customized_templates`: Dify's `PipelineCustomizedTemplate` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuidv7()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pipeline_customized_templates")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuidv7()\")"
    )]
    pub id: Uuid,
    pub tenant_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub chunk_structure: String,
    pub icon: Json,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub yaml_content: String,
    pub install_count: i32,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub language: String,
    pub created_by: Uuid,
    pub updated_by: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
