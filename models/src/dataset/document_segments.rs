//! `document_segments`: Dify's `DocumentSegment` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "document_segments")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub dataset_id: Uuid,
    pub document_id: Uuid,
    pub position: i32,
    pub word_count: i32,
    pub tokens: i32,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub created_by: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub index_node_id: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub index_node_hash: Option<String>,
    #[sea_orm(default_value = true)]
    pub enabled: bool,
    #[sea_orm(column_type = "Text")]
    pub answer: Option<String>,
    pub keywords: Option<Json>,
    pub disabled_at: Option<DateTime>,
    pub disabled_by: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "waiting")]
    pub status: String,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
    pub updated_by: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub updated_at: DateTime,
    pub indexing_at: Option<DateTime>,
    pub completed_at: Option<DateTime>,
    #[sea_orm(column_type = "Text")]
    pub error: Option<String>,
    pub stopped_at: Option<DateTime>,
    pub hit_count: i32,
}

impl ActiveModelBehavior for ActiveModel {}
