//! `document_pipeline_execution_logs`: Dify's `DocumentPipelineExecutionLog` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuidv7()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "document_pipeline_execution_logs")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuidv7()\")"
    )]
    pub id: Uuid,
    pub pipeline_id: Uuid,
    pub document_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub datasource_type: String,
    #[sea_orm(column_type = "Text")]
    pub datasource_info: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub datasource_node_id: String,
    pub input_data: Json,
    pub created_by: Option<Uuid>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
