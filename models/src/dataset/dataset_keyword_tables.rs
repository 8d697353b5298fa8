//! `dataset_keyword_tables`: Dify's `DatasetKeywordTable` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dataset_keyword_tables")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub dataset_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub keyword_table: String,
    #[sea_orm(column_type = "String(StringLen::N(255))", default_value = "database")]
    pub data_source_type: String,
}

impl ActiveModelBehavior for ActiveModel {}
