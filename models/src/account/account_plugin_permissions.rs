//! `account_plugin_permissions`: Dify's `TenantPluginPermission` (`api/models/account.py`), in the classic `DeriveEntityModel` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "account_plugin_permissions")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub tenant_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(16))", default_value = "everyone")]
    pub install_permission: String,
    #[sea_orm(column_type = "String(StringLen::N(16))", default_value = "noone")]
    pub debug_permission: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
