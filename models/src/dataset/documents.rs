//! `documents`: Dify's `Document` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub dataset_id: Uuid,
    pub position: i32,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub data_source_type: String,
    #[sea_orm(column_type = "Text")]
    pub data_source_info: Option<String>,
    pub dataset_process_rule_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub batch: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub created_from: String,
    pub created_by: Uuid,
    pub created_api_request_id: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
    pub processing_started_at: Option<DateTime>,
    #[sea_orm(column_type = "Text")]
    pub file_id: Option<String>,
    pub word_count: Option<i32>,
    pub parsing_completed_at: Option<DateTime>,
    pub cleaning_completed_at: Option<DateTime>,
    pub splitting_completed_at: Option<DateTime>,
    pub tokens: Option<i32>,
    pub indexing_latency: Option<f64>,
    pub completed_at: Option<DateTime>,
    #[sea_orm(default_value = false)]
    pub is_paused: Option<bool>,
    pub paused_by: Option<Uuid>,
    pub paused_at: Option<DateTime>,
    #[sea_orm(column_type = "Text")]
    pub error: Option<String>,
    pub stopped_at: Option<DateTime>,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "waiting")]
    pub indexing_status: String,
    #[sea_orm(default_value = true)]
    pub enabled: bool,
    pub disabled_at: Option<DateTime>,
    pub disabled_by: Option<Uuid>,
    #[sea_orm(default_value = false)]
    pub archived: bool,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub archived_reason: Option<String>,
    pub archived_by: Option<Uuid>,
    pub archived_at: Option<DateTime>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub updated_at: DateTime,
    #[sea_orm(column_type = "String(StringLen::N(40))")]
    pub doc_type: Option<String>,
    #[sea_orm(column_type = "JsonBinary")]
    pub doc_metadata: Option<Json>,
    #[sea_orm(
        column_type = "String(StringLen::N(255))",
        default_value = "text_model"
    )]
    pub doc_form: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub doc_language: Option<String>,
    #[sea_orm(default_value = false)]
    pub need_summary: bool,
}

impl ActiveModelBehavior for ActiveModel {}
