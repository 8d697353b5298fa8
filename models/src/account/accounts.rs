//! `accounts`: Dify's `Account` (`api/models/account.py`), in the classic `DeriveEntityModel` format.
//!
//! Server defaults as Dify's PostgreSQL migrations leave them: id `DEFAULT uuid_generate_v4()`, `CURRENT_TIMESTAMP(0)` timestamps.
//! Primary key name, indexes and unique constraints are declared in `crate::base`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "accounts")]
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
    pub email: String,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub password: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub password_salt: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub avatar: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub interface_language: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub interface_theme: Option<String>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub timezone: Option<String>,
    pub last_login_at: Option<DateTime>,
    #[sea_orm(column_type = "String(StringLen::N(255))")]
    pub last_login_ip: Option<String>,
    #[sea_orm(default_expr = "Expr::current_timestamp()")]
    pub last_active_at: DateTime,
    #[sea_orm(column_type = "String(StringLen::N(16))", default_value = "active")]
    pub status: String,
    pub initialized_at: Option<DateTime>,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub created_at: DateTime,
    #[sea_orm(default_expr = "Expr::cust(\"CURRENT_TIMESTAMP(0)\")")]
    pub updated_at: DateTime,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
