//! `account_integrates`: Dify's `AccountIntegrate` (`api/models/account.py`), in the classic `DeriveEntityModel` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "account_integrates")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub account_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(16))")]
    pub provider: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub open_id: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub encrypted_token: String,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub updated_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
