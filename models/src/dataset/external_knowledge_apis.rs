//! `external_knowledge_apis`: Dify's `ExternalKnowledgeApis` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "external_knowledge_apis")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub name: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub description: String,
    pub tenant_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub settings: Option<String>,
    pub created_by: Uuid,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
    pub updated_by: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub updated_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
