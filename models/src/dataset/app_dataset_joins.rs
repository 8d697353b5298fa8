//! `app_dataset_joins`: Dify's `AppDatasetJoin` (`api/models/dataset.py`), in the dense `#[sea_orm::model]` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "app_dataset_joins")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub app_id: Uuid,
    pub dataset_id: Uuid,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
}

impl ActiveModelBehavior for ActiveModel {}
