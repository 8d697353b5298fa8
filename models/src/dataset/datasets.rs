//! `datasets`: Dify's `Dataset` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "datasets")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub tenant_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "vendor")]
    pub provider: String,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "only_me")]
    pub permission: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub data_source_type: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub indexing_technique: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub index_struct: Option<String>,
    pub created_by: Uuid,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
    pub updated_by: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub updated_at: DateTime,
    #[sea_orm(
        column_type = "String(StringLen::N(255))",
        default_value = "text-embedding-ada-002"
    )]
    pub embedding_model: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "openai")]
    pub embedding_model_provider: Option<String>,
    #[sea_orm(default_value = 10)]
    pub keyword_number: Option<i32>,
    pub collection_binding_id: Option<Uuid>,
    #[sea_orm(column_type = "JsonBinary")]
    pub retrieval_model: Option<Json>,
    #[sea_orm(column_type = "JsonBinary")]
    pub summary_index_setting: Option<Json>,
    #[sea_orm(default_value = false)]
    pub built_in_field_enabled: bool,
    #[sea_orm(column_type = "JsonBinary")]
    pub icon_info: Option<Json>,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "general")]
    pub runtime_mode: Option<String>,
    pub pipeline_id: Option<Uuid>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub chunk_structure: Option<String>,
    #[sea_orm(default_value = true)]
    pub enable_api: bool,
    #[sea_orm(default_value = false)]
    pub is_multimodal: bool,
}

impl ActiveModelBehavior for ActiveModel {}
