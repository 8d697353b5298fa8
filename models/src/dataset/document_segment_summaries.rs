//! `document_segment_summaries`: Dify's `DocumentSegmentSummary` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id no default.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "document_segment_summaries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub dataset_id: Uuid,
    pub document_id: Uuid,
    pub chunk_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub summary_content: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub summary_index_node_id: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub summary_index_node_hash: Option<String>,
    pub tokens: Option<i32>,
    #[sea_orm(column_type = "String(StringLen::N(32))", default_value = "generating")]
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub error: Option<String>,
    #[sea_orm(default_value = true)]
    pub enabled: bool,
    pub disabled_at: Option<DateTime>,
    pub disabled_by: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
