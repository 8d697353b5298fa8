//! `tenant_plugin_auto_upgrade_strategies`: Dify's `TenantPluginAutoUpgradeStrategy` (`api/models/account.py`), in the classic `DeriveEntityModel` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "tenant_plugin_auto_upgrade_strategies")]
pub struct Model {
    #[sea_orm(
        primary_key,
        auto_increment = false,
        default_expr = "Expr::cust(\"uuid_generate_v4()\")"
    )]
    pub id: Uuid,
    pub tenant_id: Uuid,
    #[sea_orm(column_type = "String(StringLen::N(16))", default_value = "fix_only")]
    pub strategy_setting: String,
    #[sea_orm(column_type = "String(StringLen::N(16))", default_value = "exclude")]
    pub upgrade_mode: String,
    pub exclude_plugins: Json,
    pub include_plugins: Json,
    pub upgrade_time_of_day: i32,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub updated_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
