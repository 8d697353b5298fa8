//! The 7 tables of Dify's `api/models/account.py`, one module per table, in the classic `DeriveEntityModel` + `DeriveRelation`
//! entity format.

pub mod account_integrates;
pub mod account_plugin_permissions;
pub mod accounts;
pub mod invitation_codes;
pub mod tenant_account_joins;
pub mod tenant_plugin_auto_upgrade_strategies;
pub mod tenants;
