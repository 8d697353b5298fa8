//! `pipeline_recommended_plugins`: Dify's `PipelineRecommendedPlugin` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuidv7()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pipeline_recommended_plugins")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuidv7()\")"
    )]
    pub id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub plugin_id: String,
    #[sea_orm(column_type = "Text")]
    pub provider_name: String,
    #[sea_orm(
        column_name = "type",
        column_type = "String(StringLen::N(50))",
        default_value = "tool"
    )]
    pub type_: String,
    pub position: i32,
    pub active: bool,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
