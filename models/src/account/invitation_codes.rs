//! `invitation_codes`: Dify's `InvitationCode` (`api/models/account.py`), in the classic `DeriveEntityModel` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id SERIAL, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "invitation_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub batch: String,
    #[sea_orm(column_type = "String(StringLen::N(32))")]
    pub code: String,
    #[sea_orm(column_type = "String(StringLen::N(16))", default_value = "unused")]
    pub status: String,
    pub used_at: Option<DateTime>,
    pub used_by_tenant_id: Option<Uuid>,
    pub used_by_account_id: Option<Uuid>,
    pub deprecated_at: Option<DateTime>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
