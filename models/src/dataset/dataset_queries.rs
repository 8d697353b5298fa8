//! `dataset_queries`: Dify's `DatasetQuery` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dataset_queries")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub dataset_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub source: String,
    pub source_app_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::None)")]
    pub created_by_role: String,
    pub created_by: Uuid,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
