//! Revision: e1cdcb913cd8
//! Parents: 1f132268d93d
//! Message: initial schema
//! Created: 2026-11-24T23:01:57Z
//!
//! Hazards:
//! - 34. create index account_email_idx on accounts (email): blocks-writes
//! - 35. create index app_dataset_join_app_dataset_idx on app_dataset_joins (dataset_id, app_id): blocks-writes
//! - 36. create index child_chunk_dataset_id_idx on child_chunks (tenant_id, dataset_id, document_id, segment_id, index_node_id): blocks-writes
//! - 37. create index child_chunks_node_idx on child_chunks (index_node_id, dataset_id): blocks-writes
//! - 38. create index child_chunks_segment_idx on child_chunks (segment_id): blocks-writes
//! - 39. create index dataset_auto_disable_log_created_atx on dataset_auto_disable_logs (created_at): blocks-writes
//! - 40. create index dataset_auto_disable_log_dataset_idx on dataset_auto_disable_logs (dataset_id): blocks-writes
//! - 41. create index dataset_auto_disable_log_tenant_idx on dataset_auto_disable_logs (tenant_id): blocks-writes
//! - 42. create index provider_model_name_idx on dataset_collection_bindings (provider_name, model_name): blocks-writes
//! - 43. create index dataset_keyword_table_dataset_id_idx on dataset_keyword_tables (dataset_id): blocks-writes
//! - 44. create index dataset_metadata_binding_dataset_idx on dataset_metadata_bindings (dataset_id): blocks-writes
//! - 45. create index dataset_metadata_binding_document_idx on dataset_metadata_bindings (document_id): blocks-writes
//! - 46. create index dataset_metadata_binding_metadata_idx on dataset_metadata_bindings (metadata_id): blocks-writes
//! - 47. create index dataset_metadata_binding_tenant_idx on dataset_metadata_bindings (tenant_id): blocks-writes
//! - 48. create index dataset_metadata_dataset_idx on dataset_metadatas (dataset_id): blocks-writes
//! - 49. create index dataset_metadata_tenant_idx on dataset_metadatas (tenant_id): blocks-writes
//! - 50. create index idx_dataset_permissions_account_id on dataset_permissions (account_id): blocks-writes
//! - 51. create index idx_dataset_permissions_dataset_id on dataset_permissions (dataset_id): blocks-writes
//! - 52. create index idx_dataset_permissions_tenant_id on dataset_permissions (tenant_id): blocks-writes
//! - 53. create index dataset_process_rule_dataset_id_idx on dataset_process_rules (dataset_id): blocks-writes
//! - 54. create index dataset_query_dataset_id_idx on dataset_queries (dataset_id): blocks-writes
//! - 55. create index dataset_tenant_idx on datasets (tenant_id): blocks-writes
//! - 56. create index retrieval_model_idx on datasets (retrieval_model) using gin (postgres only): blocks-writes
//! - 57. create index document_pipeline_execution_logs_document_id_idx on document_pipeline_execution_logs (document_id): blocks-writes
//! - 58. create index document_segment_summaries_chunk_id_idx on document_segment_summaries (chunk_id): blocks-writes
//! - 59. create index document_segment_summaries_dataset_id_idx on document_segment_summaries (dataset_id): blocks-writes
//! - 60. create index document_segment_summaries_document_id_idx on document_segment_summaries (document_id): blocks-writes
//! - 61. create index document_segment_summaries_status_idx on document_segment_summaries (status): blocks-writes
//! - 62. create index document_segment_dataset_id_idx on document_segments (dataset_id): blocks-writes
//! - 63. create index document_segment_document_id_idx on document_segments (document_id): blocks-writes
//! - 64. create index document_segment_node_dataset_idx on document_segments (index_node_id, dataset_id): blocks-writes
//! - 65. create index document_segment_tenant_dataset_idx on document_segments (dataset_id, tenant_id): blocks-writes
//! - 66. create index document_segment_tenant_document_idx on document_segments (document_id, tenant_id): blocks-writes
//! - 67. create index document_segment_tenant_idx on document_segments (tenant_id): blocks-writes
//! - 68. create index document_dataset_id_idx on documents (dataset_id): blocks-writes
//! - 69. create index document_is_paused_idx on documents (is_paused): blocks-writes
//! - 70. create index document_tenant_idx on documents (tenant_id): blocks-writes
//! - 71. create index created_at_idx on embeddings (created_at): blocks-writes
//! - 72. create index external_knowledge_apis_name_idx on external_knowledge_apis (name): blocks-writes
//! - 73. create index external_knowledge_apis_tenant_idx on external_knowledge_apis (tenant_id): blocks-writes
//! - 74. create index external_knowledge_bindings_dataset_idx on external_knowledge_bindings (dataset_id): blocks-writes
//! - 75. create index external_knowledge_bindings_external_knowledge_api_idx on external_knowledge_bindings (external_knowledge_api_id): blocks-writes
//! - 76. create index external_knowledge_bindings_external_knowledge_idx on external_knowledge_bindings (external_knowledge_id): blocks-writes
//! - 77. create index external_knowledge_bindings_tenant_idx on external_knowledge_bindings (tenant_id): blocks-writes
//! - 78. create index invitation_codes_batch_idx on invitation_codes (batch): blocks-writes
//! - 79. create index invitation_codes_code_idx on invitation_codes (code, status): blocks-writes
//! - 80. create index pipeline_customized_template_tenant_idx on pipeline_customized_templates (tenant_id): blocks-writes
//! - 81. create index rate_limit_log_operation_idx on rate_limit_logs (operation): blocks-writes
//! - 82. create index rate_limit_log_tenant_idx on rate_limit_logs (tenant_id): blocks-writes
//! - 83. create index segment_attachment_binding_attachment_idx on segment_attachment_bindings (attachment_id): blocks-writes
//! - 84. create index segment_attachment_binding_tenant_dataset_document_segment_idx on segment_attachment_bindings (tenant_id, dataset_id, document_id, segment_id): blocks-writes
//! - 85. create index tenant_account_join_account_id_idx on tenant_account_joins (account_id): blocks-writes
//! - 86. create index tenant_account_join_tenant_id_idx on tenant_account_joins (tenant_id): blocks-writes
//! - 87. create index tidb_auth_bindings_active_idx on tidb_auth_bindings (active): blocks-writes
//! - 88. create index tidb_auth_bindings_created_at_idx on tidb_auth_bindings (created_at): blocks-writes
//! - 89. create index tidb_auth_bindings_status_idx on tidb_auth_bindings (status): blocks-writes
//! - 90. create index tidb_auth_bindings_tenant_idx on tidb_auth_bindings (tenant_id): blocks-writes
//! - 91. create index whitelists_tenant_idx on whitelists (tenant_id): blocks-writes
//!
//! Generated by autogen: `up` and `down` are derived from one plan per backend; code
//! shared by the backends is written once, the rest is in `if` branches on the backend.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // 1. create table account_integrates (7 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("account_integrates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("provider").string_len(16).not_null())
                        .col(ColumnDef::new("open_id").string_len(255).not_null())
                        .col(ColumnDef::new("encrypted_token").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("account_integrate_pkey").col("id"))
                        .index(Index::create().unique().name("unique_account_provider").col("account_id").col("provider"))
                        .index(Index::create().unique().name("unique_provider_open_id").col("provider").col("open_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("account_integrates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("provider").string_len(16).not_null())
                        .col(ColumnDef::new("open_id").string_len(255).not_null())
                        .col(ColumnDef::new("encrypted_token").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .index(Index::create().unique().name("unique_account_provider").col("account_id").col("provider"))
                        .index(Index::create().unique().name("unique_provider_open_id").col("provider").col("open_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("account_integrates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("provider").string_len(16).not_null())
                        .col(ColumnDef::new("open_id").string_len(255).not_null())
                        .col(ColumnDef::new("encrypted_token").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("account_integrate_pkey").col("id"))
                        .index(Index::create().unique().name("unique_account_provider").col("account_id").col("provider"))
                        .index(Index::create().unique().name("unique_provider_open_id").col("provider").col("open_id"))
                        .to_owned(),
                )
                .await?;
        }

        // 2. create table account_plugin_permissions (4 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("account_plugin_permissions")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("install_permission").string_len(16).not_null().default(autogen_migration::sql("'everyone'")))
                        .col(ColumnDef::new("debug_permission").string_len(16).not_null().default(autogen_migration::sql("'noone'")))
                        .primary_key(Index::create().name("account_plugin_permission_pkey").col("id"))
                        .index(Index::create().unique().name("unique_tenant_plugin").col("tenant_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("account_plugin_permissions")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("install_permission").string_len(16).not_null().default(autogen_migration::sql("'everyone'")))
                        .col(ColumnDef::new("debug_permission").string_len(16).not_null().default(autogen_migration::sql("'noone'")))
                        .primary_key(Index::create().col("id"))
                        .index(Index::create().unique().name("unique_tenant_plugin").col("tenant_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("account_plugin_permissions")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("install_permission").string_len(16).not_null().default(autogen_migration::sql("'everyone'")))
                        .col(ColumnDef::new("debug_permission").string_len(16).not_null().default(autogen_migration::sql("'noone'")))
                        .primary_key(Index::create().name("account_plugin_permission_pkey").col("id"))
                        .index(Index::create().unique().name("unique_tenant_plugin").col("tenant_id"))
                        .to_owned(),
                )
                .await?;
        }

        // 3. create table accounts (16 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("accounts")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("email").string_len(255).not_null())
                        .col(ColumnDef::new("password").string_len(255).null())
                        .col(ColumnDef::new("password_salt").string_len(255).null())
                        .col(ColumnDef::new("avatar").string_len(255).null())
                        .col(ColumnDef::new("interface_language").string_len(255).null())
                        .col(ColumnDef::new("interface_theme").string_len(255).null())
                        .col(ColumnDef::new("timezone").string_len(255).null())
                        .col(ColumnDef::new("last_login_at").date_time().null())
                        .col(ColumnDef::new("last_login_ip").string_len(255).null())
                        .col(ColumnDef::new("last_active_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("status").string_len(16).not_null().default(autogen_migration::sql("'active'")))
                        .col(ColumnDef::new("initialized_at").date_time().null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("account_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("accounts")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("email").string_len(255).not_null())
                        .col(ColumnDef::new("password").string_len(255).null())
                        .col(ColumnDef::new("password_salt").string_len(255).null())
                        .col(ColumnDef::new("avatar").string_len(255).null())
                        .col(ColumnDef::new("interface_language").string_len(255).null())
                        .col(ColumnDef::new("interface_theme").string_len(255).null())
                        .col(ColumnDef::new("timezone").string_len(255).null())
                        .col(ColumnDef::new("last_login_at").date_time().null())
                        .col(ColumnDef::new("last_login_ip").string_len(255).null())
                        .col(ColumnDef::new("last_active_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("status").string_len(16).not_null().default(autogen_migration::sql("'active'")))
                        .col(ColumnDef::new("initialized_at").date_time().null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("accounts")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("email").string_len(255).not_null())
                        .col(ColumnDef::new("password").string_len(255).null())
                        .col(ColumnDef::new("password_salt").string_len(255).null())
                        .col(ColumnDef::new("avatar").string_len(255).null())
                        .col(ColumnDef::new("interface_language").string_len(255).null())
                        .col(ColumnDef::new("interface_theme").string_len(255).null())
                        .col(ColumnDef::new("timezone").string_len(255).null())
                        .col(ColumnDef::new("last_login_at").date_time().null())
                        .col(ColumnDef::new("last_login_ip").string_len(255).null())
                        .col(ColumnDef::new("last_active_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("status").string_len(16).not_null().default(autogen_migration::sql("'active'")))
                        .col(ColumnDef::new("initialized_at").date_time().null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("account_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 4. create table app_dataset_joins (4 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("app_dataset_joins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("app_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("app_dataset_join_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("app_dataset_joins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("app_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("app_dataset_joins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("app_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("app_dataset_join_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 5. create table child_chunks (18 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("child_chunks")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("segment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new("word_count").integer().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("indexing_at").date_time().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("index_node_id").string_len(255).null())
                        .col(ColumnDef::new("index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("type").string_len(255).not_null().default(autogen_migration::sql("'automatic'")))
                        .col(ColumnDef::new("error").text().null())
                        .primary_key(Index::create().name("child_chunk_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("child_chunks")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("segment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new("word_count").integer().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("indexing_at").date_time().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("index_node_id").string_len(255).null())
                        .col(ColumnDef::new("index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("type").string_len(255).not_null().default(autogen_migration::sql("'automatic'")))
                        .col(ColumnDef::new("error").text().null())
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("child_chunks")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("segment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new("word_count").integer().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("indexing_at").date_time().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("index_node_id").string_len(255).null())
                        .col(ColumnDef::new("index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("type").string_len(255).not_null().default(autogen_migration::sql("'automatic'")))
                        .col(ColumnDef::new("error").text().null())
                        .primary_key(Index::create().name("child_chunk_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 6. create table dataset_auto_disable_logs (6 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_auto_disable_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("notified").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_auto_disable_log_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_auto_disable_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("notified").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_auto_disable_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("notified").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_auto_disable_log_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 7. create table dataset_collection_bindings (6 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_collection_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new("provider_name").string_len(255).not_null())
                        .col(ColumnDef::new("model_name").string_len(255).not_null())
                        .col(ColumnDef::new("type").string_len(40).not_null().default(autogen_migration::sql("'dataset'")))
                        .col(ColumnDef::new("collection_name").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_collection_bindings_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_collection_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("provider_name").string_len(255).not_null())
                        .col(ColumnDef::new("model_name").string_len(255).not_null())
                        .col(ColumnDef::new("type").string_len(40).not_null().default(autogen_migration::sql("'dataset'")))
                        .col(ColumnDef::new("collection_name").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_collection_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("provider_name").string_len(255).not_null())
                        .col(ColumnDef::new("model_name").string_len(255).not_null())
                        .col(ColumnDef::new("type").string_len(40).not_null().default(autogen_migration::sql("'dataset'")))
                        .col(ColumnDef::new("collection_name").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_collection_bindings_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 8. create table dataset_keyword_tables (4 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_keyword_tables")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("keyword_table").text().not_null())
                        .col(ColumnDef::new("data_source_type").string_len(255).not_null().default(autogen_migration::sql("'database'")))
                        .primary_key(Index::create().name("dataset_keyword_table_pkey").col("id"))
                        .index(Index::create().unique().name("dataset_keyword_tables_dataset_id_key").col("dataset_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_keyword_tables")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("keyword_table").text().not_null())
                        .col(ColumnDef::new("data_source_type").string_len(255).not_null().default(autogen_migration::sql("'database'")))
                        .primary_key(Index::create().col("id"))
                        .index(Index::create().unique().name("dataset_keyword_tables_dataset_id_key").col("dataset_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_keyword_tables")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("keyword_table").text().not_null())
                        .col(ColumnDef::new("data_source_type").string_len(255).not_null().default(autogen_migration::sql("'database'")))
                        .primary_key(Index::create().name("dataset_keyword_table_pkey").col("id"))
                        .index(Index::create().unique().name("dataset_keyword_tables_dataset_id_key").col("dataset_id"))
                        .to_owned(),
                )
                .await?;
        }

        // 9. create table dataset_metadata_bindings (7 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_metadata_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("metadata_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .primary_key(Index::create().name("dataset_metadata_binding_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_metadata_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("metadata_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_metadata_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("metadata_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .primary_key(Index::create().name("dataset_metadata_binding_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 10. create table dataset_metadatas (9 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_metadatas")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("type").string_len(255).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .primary_key(Index::create().name("dataset_metadata_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_metadatas")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("type").string_len(255).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_metadatas")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("type").string_len(255).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .primary_key(Index::create().name("dataset_metadata_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 11. create table dataset_permissions (6 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_permissions")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("has_permission").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_permission_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_permissions")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("has_permission").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_permissions")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("has_permission").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_permission_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 12. create table dataset_process_rules (6 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_process_rules")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("mode").string_len(255).not_null().default(autogen_migration::sql("'automatic'")))
                        .col(ColumnDef::new("rules").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_process_rule_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_process_rules")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("mode").string_len(255).not_null().default(autogen_migration::sql("'automatic'")))
                        .col(ColumnDef::new("rules").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_process_rules")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("mode").string_len(255).not_null().default(autogen_migration::sql("'automatic'")))
                        .col(ColumnDef::new("rules").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("dataset_process_rule_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 13. create table dataset_queries (8 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_queries")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new("source").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("source_app_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new_with_type("created_by_role", ColumnType::custom(autogen_migration::per_backend(manager, ["character varying", "text", "varchar"]))).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("dataset_query_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_queries")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new("source").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("source_app_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new_with_type("created_by_role", ColumnType::custom(autogen_migration::per_backend(manager, ["character varying", "text", "varchar"]))).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("dataset_queries")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new("source").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("source_app_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new_with_type("created_by_role", ColumnType::custom(autogen_migration::per_backend(manager, ["character varying", "text", "varchar"]))).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("dataset_query_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 14. create table datasets (26 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("datasets")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().null())
                        .col(ColumnDef::new("provider").string_len(255).not_null().default(autogen_migration::sql("'vendor'")))
                        .col(ColumnDef::new("permission").string_len(255).not_null().default(autogen_migration::sql("'only_me'")))
                        .col(ColumnDef::new("data_source_type").string_len(255).null())
                        .col(ColumnDef::new("indexing_technique").string_len(255).null())
                        .col(ColumnDef::new("index_struct").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("embedding_model").string_len(255).null().default(autogen_migration::sql("'text-embedding-ada-002'")))
                        .col(ColumnDef::new("embedding_model_provider").string_len(255).null().default(autogen_migration::sql("'openai'")))
                        .col(ColumnDef::new("keyword_number").integer().null().default(autogen_migration::sql("10")))
                        .col(ColumnDef::new_with_type("collection_binding_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("retrieval_model").json_binary().null())
                        .col(ColumnDef::new("summary_index_setting").json_binary().null())
                        .col(ColumnDef::new("built_in_field_enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("icon_info").json_binary().null())
                        .col(ColumnDef::new("runtime_mode").string_len(255).null().default(autogen_migration::sql("'general'")))
                        .col(ColumnDef::new_with_type("pipeline_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).null())
                        .col(ColumnDef::new("enable_api").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("is_multimodal").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .primary_key(Index::create().name("dataset_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("datasets")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().null())
                        .col(ColumnDef::new("provider").string_len(255).not_null().default(autogen_migration::sql("'vendor'")))
                        .col(ColumnDef::new("permission").string_len(255).not_null().default(autogen_migration::sql("'only_me'")))
                        .col(ColumnDef::new("data_source_type").string_len(255).null())
                        .col(ColumnDef::new("indexing_technique").string_len(255).null())
                        .col(ColumnDef::new("index_struct").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("embedding_model").string_len(255).null().default(autogen_migration::sql("'text-embedding-ada-002'")))
                        .col(ColumnDef::new("embedding_model_provider").string_len(255).null().default(autogen_migration::sql("'openai'")))
                        .col(ColumnDef::new("keyword_number").integer().null().default(autogen_migration::sql("10")))
                        .col(ColumnDef::new_with_type("collection_binding_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("retrieval_model").json_binary().null())
                        .col(ColumnDef::new("summary_index_setting").json_binary().null())
                        .col(ColumnDef::new("built_in_field_enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("icon_info").json_binary().null())
                        .col(ColumnDef::new("runtime_mode").string_len(255).null().default(autogen_migration::sql("'general'")))
                        .col(ColumnDef::new_with_type("pipeline_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).null())
                        .col(ColumnDef::new("enable_api").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("is_multimodal").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("datasets")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().null())
                        .col(ColumnDef::new("provider").string_len(255).not_null().default(autogen_migration::sql("'vendor'")))
                        .col(ColumnDef::new("permission").string_len(255).not_null().default(autogen_migration::sql("'only_me'")))
                        .col(ColumnDef::new("data_source_type").string_len(255).null())
                        .col(ColumnDef::new("indexing_technique").string_len(255).null())
                        .col(ColumnDef::new("index_struct").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("embedding_model").string_len(255).null().default(autogen_migration::sql("'text-embedding-ada-002'")))
                        .col(ColumnDef::new("embedding_model_provider").string_len(255).null().default(autogen_migration::sql("'openai'")))
                        .col(ColumnDef::new("keyword_number").integer().null().default(autogen_migration::sql("10")))
                        .col(ColumnDef::new_with_type("collection_binding_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("retrieval_model").json_binary().null())
                        .col(ColumnDef::new("summary_index_setting").json_binary().null())
                        .col(ColumnDef::new("built_in_field_enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("icon_info").json_binary().null())
                        .col(ColumnDef::new("runtime_mode").string_len(255).null().default(autogen_migration::sql("'general'")))
                        .col(ColumnDef::new_with_type("pipeline_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).null())
                        .col(ColumnDef::new("enable_api").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("is_multimodal").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .primary_key(Index::create().name("dataset_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 15. create table document_pipeline_execution_logs (9 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("document_pipeline_execution_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuidv7()")))
                        .col(ColumnDef::new_with_type("pipeline_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("datasource_type").string_len(255).not_null())
                        .col(ColumnDef::new("datasource_info").text().not_null())
                        .col(ColumnDef::new("datasource_node_id").string_len(255).not_null())
                        .col(ColumnDef::new("input_data").json().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("document_pipeline_execution_log_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("document_pipeline_execution_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("pipeline_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("datasource_type").string_len(255).not_null())
                        .col(ColumnDef::new("datasource_info").text().not_null())
                        .col(ColumnDef::new("datasource_node_id").string_len(255).not_null())
                        .col(ColumnDef::new("input_data").json().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("document_pipeline_execution_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("pipeline_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("datasource_type").string_len(255).not_null())
                        .col(ColumnDef::new("datasource_info").text().not_null())
                        .col(ColumnDef::new("datasource_node_id").string_len(255).not_null())
                        .col(ColumnDef::new("input_data").json().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("document_pipeline_execution_log_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 16. create table document_segment_summaries (15 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres | sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("document_segment_summaries")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("chunk_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("summary_content").text().null())
                        .col(ColumnDef::new("summary_index_node_id").string_len(255).null())
                        .col(ColumnDef::new("summary_index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("tokens").integer().null())
                        .col(ColumnDef::new("status").string_len(32).not_null().default(autogen_migration::sql("'generating'")))
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("document_segment_summaries_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("document_segment_summaries")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("chunk_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("summary_content").text().null())
                        .col(ColumnDef::new("summary_index_node_id").string_len(255).null())
                        .col(ColumnDef::new("summary_index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("tokens").integer().null())
                        .col(ColumnDef::new("status").string_len(32).not_null().default(autogen_migration::sql("'generating'")))
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 17. create table document_segments (25 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("document_segments")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("word_count").integer().not_null())
                        .col(ColumnDef::new("tokens").integer().not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("index_node_id").string_len(255).null())
                        .col(ColumnDef::new("index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("answer").text().null())
                        .col(ColumnDef::new("keywords").json().null())
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'waiting'")))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("indexing_at").date_time().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("stopped_at").date_time().null())
                        .col(ColumnDef::new("hit_count").integer().not_null())
                        .primary_key(Index::create().name("document_segment_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("document_segments")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("word_count").integer().not_null())
                        .col(ColumnDef::new("tokens").integer().not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("index_node_id").string_len(255).null())
                        .col(ColumnDef::new("index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("answer").text().null())
                        .col(ColumnDef::new("keywords").json().null())
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'waiting'")))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("indexing_at").date_time().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("stopped_at").date_time().null())
                        .col(ColumnDef::new("hit_count").integer().not_null())
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("document_segments")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("word_count").integer().not_null())
                        .col(ColumnDef::new("tokens").integer().not_null())
                        .col(ColumnDef::new("content").text().not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("index_node_id").string_len(255).null())
                        .col(ColumnDef::new("index_node_hash").string_len(255).null())
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("answer").text().null())
                        .col(ColumnDef::new("keywords").json().null())
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'waiting'")))
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("indexing_at").date_time().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("stopped_at").date_time().null())
                        .col(ColumnDef::new("hit_count").integer().not_null())
                        .primary_key(Index::create().name("document_segment_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 18. create table documents (40 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("documents")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("data_source_type").string_len(255).not_null())
                        .col(ColumnDef::new("data_source_info").text().null())
                        .col(ColumnDef::new_with_type("dataset_process_rule_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("batch").string_len(255).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("created_from").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("created_api_request_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("processing_started_at").date_time().null())
                        .col(ColumnDef::new("file_id").text().null())
                        .col(ColumnDef::new("word_count").integer().null())
                        .col(ColumnDef::new("parsing_completed_at").date_time().null())
                        .col(ColumnDef::new("cleaning_completed_at").date_time().null())
                        .col(ColumnDef::new("splitting_completed_at").date_time().null())
                        .col(ColumnDef::new("tokens").integer().null())
                        .col(ColumnDef::new("indexing_latency").double().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("is_paused").boolean().null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new_with_type("paused_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("paused_at").date_time().null())
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("stopped_at").date_time().null())
                        .col(ColumnDef::new("indexing_status").string_len(255).not_null().default(autogen_migration::sql("'waiting'")))
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("archived").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("archived_reason").string_len(255).null())
                        .col(ColumnDef::new_with_type("archived_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("archived_at").date_time().null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("doc_type").string_len(40).null())
                        .col(ColumnDef::new("doc_metadata").json_binary().null())
                        .col(ColumnDef::new("doc_form").string_len(255).not_null().default(autogen_migration::sql("'text_model'")))
                        .col(ColumnDef::new("doc_language").string_len(255).null())
                        .primary_key(Index::create().name("document_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("documents")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("data_source_type").string_len(255).not_null())
                        .col(ColumnDef::new("data_source_info").text().null())
                        .col(ColumnDef::new_with_type("dataset_process_rule_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("batch").string_len(255).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("created_from").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("created_api_request_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("processing_started_at").date_time().null())
                        .col(ColumnDef::new("file_id").text().null())
                        .col(ColumnDef::new("word_count").integer().null())
                        .col(ColumnDef::new("parsing_completed_at").date_time().null())
                        .col(ColumnDef::new("cleaning_completed_at").date_time().null())
                        .col(ColumnDef::new("splitting_completed_at").date_time().null())
                        .col(ColumnDef::new("tokens").integer().null())
                        .col(ColumnDef::new("indexing_latency").double().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("is_paused").boolean().null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new_with_type("paused_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("paused_at").date_time().null())
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("stopped_at").date_time().null())
                        .col(ColumnDef::new("indexing_status").string_len(255).not_null().default(autogen_migration::sql("'waiting'")))
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("archived").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("archived_reason").string_len(255).null())
                        .col(ColumnDef::new_with_type("archived_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("archived_at").date_time().null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("doc_type").string_len(40).null())
                        .col(ColumnDef::new("doc_metadata").json_binary().null())
                        .col(ColumnDef::new("doc_form").string_len(255).not_null().default(autogen_migration::sql("'text_model'")))
                        .col(ColumnDef::new("doc_language").string_len(255).null())
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("documents")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("data_source_type").string_len(255).not_null())
                        .col(ColumnDef::new("data_source_info").text().null())
                        .col(ColumnDef::new_with_type("dataset_process_rule_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("batch").string_len(255).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("created_from").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("created_api_request_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("processing_started_at").date_time().null())
                        .col(ColumnDef::new("file_id").text().null())
                        .col(ColumnDef::new("word_count").integer().null())
                        .col(ColumnDef::new("parsing_completed_at").date_time().null())
                        .col(ColumnDef::new("cleaning_completed_at").date_time().null())
                        .col(ColumnDef::new("splitting_completed_at").date_time().null())
                        .col(ColumnDef::new("tokens").integer().null())
                        .col(ColumnDef::new("indexing_latency").double().null())
                        .col(ColumnDef::new("completed_at").date_time().null())
                        .col(ColumnDef::new("is_paused").boolean().null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new_with_type("paused_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("paused_at").date_time().null())
                        .col(ColumnDef::new("error").text().null())
                        .col(ColumnDef::new("stopped_at").date_time().null())
                        .col(ColumnDef::new("indexing_status").string_len(255).not_null().default(autogen_migration::sql("'waiting'")))
                        .col(ColumnDef::new("enabled").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["true", "1", "TRUE"]))))
                        .col(ColumnDef::new("disabled_at").date_time().null())
                        .col(ColumnDef::new_with_type("disabled_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("archived").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("archived_reason").string_len(255).null())
                        .col(ColumnDef::new_with_type("archived_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("archived_at").date_time().null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("doc_type").string_len(40).null())
                        .col(ColumnDef::new("doc_metadata").json_binary().null())
                        .col(ColumnDef::new("doc_form").string_len(255).not_null().default(autogen_migration::sql("'text_model'")))
                        .col(ColumnDef::new("doc_language").string_len(255).null())
                        .primary_key(Index::create().name("document_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 19. create table embeddings (6 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("embeddings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new("model_name").string_len(255).not_null().default(autogen_migration::sql("'text-embedding-ada-002'")))
                        .col(ColumnDef::new("hash").string_len(64).not_null())
                        .col(ColumnDef::new("embedding").blob().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("provider_name").string_len(255).not_null().default(autogen_migration::sql("''")))
                        .primary_key(Index::create().name("embedding_pkey").col("id"))
                        .index(Index::create().unique().name("embedding_hash_idx").col("model_name").col("hash").col("provider_name"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("embeddings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("model_name").string_len(255).not_null().default(autogen_migration::sql("'text-embedding-ada-002'")))
                        .col(ColumnDef::new("hash").string_len(64).not_null())
                        .col(ColumnDef::new("embedding").blob().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("provider_name").string_len(255).not_null().default(autogen_migration::sql("''")))
                        .primary_key(Index::create().col("id"))
                        .index(Index::create().unique().name("embedding_hash_idx").col("model_name").col("hash").col("provider_name"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("embeddings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("model_name").string_len(255).not_null().default(autogen_migration::sql("'text-embedding-ada-002'")))
                        .col(ColumnDef::new("hash").string_len(64).not_null())
                        .col(ColumnDef::new("embedding").blob().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("provider_name").string_len(255).not_null().default(autogen_migration::sql("''")))
                        .primary_key(Index::create().name("embedding_pkey").col("id"))
                        .index(Index::create().unique().name("embedding_hash_idx").col("model_name").col("hash").col("provider_name"))
                        .to_owned(),
                )
                .await?;
        }

        // 20. create table external_knowledge_apis (9 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("external_knowledge_apis")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("settings").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("external_knowledge_apis_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("external_knowledge_apis")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("settings").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("external_knowledge_apis")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("settings").text().null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("external_knowledge_apis_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 21. create table external_knowledge_bindings (9 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("external_knowledge_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("external_knowledge_api_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("external_knowledge_id").string_len(512).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("external_knowledge_bindings_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("external_knowledge_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("external_knowledge_api_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("external_knowledge_id").string_len(512).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("external_knowledge_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("external_knowledge_api_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("external_knowledge_id").string_len(512).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("external_knowledge_bindings_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 22. create table invitation_codes (9 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            autogen_migration::run_sql(
                manager,
                &[
                    "CREATE TABLE \"invitation_codes\" (\n  \"id\" serial NOT NULL,\n  \"batch\" character varying(255) NOT NULL,\n  \"code\" character varying(32) NOT NULL,\n  \"status\" character varying(16) NOT NULL DEFAULT 'unused',\n  \"used_at\" timestamp without time zone,\n  \"used_by_tenant_id\" uuid,\n  \"used_by_account_id\" uuid,\n  \"deprecated_at\" timestamp without time zone,\n  \"created_at\" timestamp without time zone NOT NULL DEFAULT CURRENT_TIMESTAMP(0),\n  CONSTRAINT \"invitation_code_pkey\" PRIMARY KEY (\"id\")\n)",
                ],
            )
            .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            autogen_migration::run_sql(
                manager,
                &[
                    "CREATE TABLE `invitation_codes` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `batch` varchar(255) NOT NULL,\n  `code` varchar(32) NOT NULL,\n  `status` varchar(16) NOT NULL DEFAULT 'unused',\n  `used_at` datetime NULL,\n  `used_by_tenant_id` char(36) NULL,\n  `used_by_account_id` char(36) NULL,\n  `deprecated_at` datetime NULL,\n  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,\n  PRIMARY KEY (`id`)\n)",
                ],
            )
            .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            autogen_migration::run_sql(
                manager,
                &[
                    "CREATE TABLE \"invitation_codes\" (\n  \"id\" integer NOT NULL CONSTRAINT \"invitation_code_pkey\" PRIMARY KEY AUTOINCREMENT,\n  \"batch\" varchar(255) NOT NULL,\n  \"code\" varchar(32) NOT NULL,\n  \"status\" varchar(16) NOT NULL DEFAULT 'unused',\n  \"used_at\" timestamp_text,\n  \"used_by_tenant_id\" uuid_text,\n  \"used_by_account_id\" uuid_text,\n  \"deprecated_at\" timestamp_text,\n  \"created_at\" timestamp_text NOT NULL DEFAULT CURRENT_TIMESTAMP\n)",
                ],
            )
            .await?;
        }

        // 23. create table pipeline_built_in_templates (13 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_built_in_templates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuidv7()")))
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).not_null())
                        .col(ColumnDef::new("icon").json().not_null())
                        .col(ColumnDef::new("yaml_content").text().not_null())
                        .col(ColumnDef::new("copyright").string_len(255).not_null())
                        .col(ColumnDef::new("privacy_policy").string_len(255).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("install_count").integer().not_null())
                        .col(ColumnDef::new("language").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_built_in_template_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_built_in_templates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).not_null())
                        .col(ColumnDef::new("icon").json().not_null())
                        .col(ColumnDef::new("yaml_content").text().not_null())
                        .col(ColumnDef::new("copyright").string_len(255).not_null())
                        .col(ColumnDef::new("privacy_policy").string_len(255).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("install_count").integer().not_null())
                        .col(ColumnDef::new("language").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_built_in_templates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).not_null())
                        .col(ColumnDef::new("icon").json().not_null())
                        .col(ColumnDef::new("yaml_content").text().not_null())
                        .col(ColumnDef::new("copyright").string_len(255).not_null())
                        .col(ColumnDef::new("privacy_policy").string_len(255).not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("install_count").integer().not_null())
                        .col(ColumnDef::new("language").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_built_in_template_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 24. create table pipeline_customized_templates (14 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_customized_templates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuidv7()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).not_null())
                        .col(ColumnDef::new("icon").json().not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("yaml_content").text().not_null())
                        .col(ColumnDef::new("install_count").integer().not_null())
                        .col(ColumnDef::new("language").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_customized_template_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_customized_templates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).not_null())
                        .col(ColumnDef::new("icon").json().not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("yaml_content").text().not_null())
                        .col(ColumnDef::new("install_count").integer().not_null())
                        .col(ColumnDef::new("language").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_customized_templates")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null())
                        .col(ColumnDef::new("chunk_structure").string_len(255).not_null())
                        .col(ColumnDef::new("icon").json().not_null())
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("yaml_content").text().not_null())
                        .col(ColumnDef::new("install_count").integer().not_null())
                        .col(ColumnDef::new("language").string_len(255).not_null())
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_customized_template_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 25. create table pipeline_recommended_plugins (8 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_recommended_plugins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuidv7()")))
                        .col(ColumnDef::new("plugin_id").text().not_null())
                        .col(ColumnDef::new("provider_name").text().not_null())
                        .col(ColumnDef::new("type").string_len(50).not_null().default(autogen_migration::sql("'tool'")))
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("active").boolean().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_recommended_plugin_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_recommended_plugins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("plugin_id").text().not_null())
                        .col(ColumnDef::new("provider_name").text().not_null())
                        .col(ColumnDef::new("type").string_len(50).not_null().default(autogen_migration::sql("'tool'")))
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("active").boolean().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("pipeline_recommended_plugins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("plugin_id").text().not_null())
                        .col(ColumnDef::new("provider_name").text().not_null())
                        .col(ColumnDef::new("type").string_len(50).not_null().default(autogen_migration::sql("'tool'")))
                        .col(ColumnDef::new("position").integer().not_null())
                        .col(ColumnDef::new("active").boolean().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_recommended_plugin_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 26. create table pipelines (11 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("pipelines")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuidv7()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null().default(autogen_migration::sql("''")))
                        .col(ColumnDef::new_with_type("workflow_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("is_public").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("is_published").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("pipelines")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null().default(autogen_migration::sql("''")))
                        .col(ColumnDef::new_with_type("workflow_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("is_public").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("is_published").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("pipelines")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("description").text().not_null().default(autogen_migration::sql("''")))
                        .col(ColumnDef::new_with_type("workflow_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("is_public").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("is_published").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new_with_type("created_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new_with_type("updated_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("pipeline_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 27. create table rate_limit_logs (5 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("rate_limit_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("subscription_plan").string_len(255).not_null())
                        .col(ColumnDef::new("operation").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("rate_limit_log_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("rate_limit_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("subscription_plan").string_len(255).not_null())
                        .col(ColumnDef::new("operation").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("rate_limit_logs")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("subscription_plan").string_len(255).not_null())
                        .col(ColumnDef::new("operation").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("rate_limit_log_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 28. create table segment_attachment_bindings (7 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres | sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("segment_attachment_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("segment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("attachment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("segment_attachment_binding_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("segment_attachment_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("dataset_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("document_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("segment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("attachment_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 29. create table tenant_account_joins (8 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("tenant_account_joins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("current").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("role").string_len(16).not_null().default(autogen_migration::sql("'normal'")))
                        .col(ColumnDef::new_with_type("invited_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("tenant_account_join_pkey").col("id"))
                        .index(Index::create().unique().name("unique_tenant_account_join").col("tenant_id").col("account_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("tenant_account_joins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("current").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("role").string_len(16).not_null().default(autogen_migration::sql("'normal'")))
                        .col(ColumnDef::new_with_type("invited_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .index(Index::create().unique().name("unique_tenant_account_join").col("tenant_id").col("account_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("tenant_account_joins")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("account_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("current").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("role").string_len(16).not_null().default(autogen_migration::sql("'normal'")))
                        .col(ColumnDef::new_with_type("invited_by", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("tenant_account_join_pkey").col("id"))
                        .index(Index::create().unique().name("unique_tenant_account_join").col("tenant_id").col("account_id"))
                        .to_owned(),
                )
                .await?;
        }

        // 30. create table tenant_plugin_auto_upgrade_strategies (9 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("tenant_plugin_auto_upgrade_strategies")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("strategy_setting").string_len(16).not_null().default(autogen_migration::sql("'fix_only'")))
                        .col(ColumnDef::new("upgrade_mode").string_len(16).not_null().default(autogen_migration::sql("'exclude'")))
                        .col(ColumnDef::new("exclude_plugins").json().not_null())
                        .col(ColumnDef::new("include_plugins").json().not_null())
                        .col(ColumnDef::new("upgrade_time_of_day").integer().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("tenant_plugin_auto_upgrade_strategy_pkey").col("id"))
                        .index(Index::create().unique().name("unique_tenant_plugin_auto_upgrade_strategy").col("tenant_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("tenant_plugin_auto_upgrade_strategies")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("strategy_setting").string_len(16).not_null().default(autogen_migration::sql("'fix_only'")))
                        .col(ColumnDef::new("upgrade_mode").string_len(16).not_null().default(autogen_migration::sql("'exclude'")))
                        .col(ColumnDef::new("exclude_plugins").json().not_null())
                        .col(ColumnDef::new("include_plugins").json().not_null())
                        .col(ColumnDef::new("upgrade_time_of_day").integer().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().col("id"))
                        .index(Index::create().unique().name("unique_tenant_plugin_auto_upgrade_strategy").col("tenant_id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("tenant_plugin_auto_upgrade_strategies")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("strategy_setting").string_len(16).not_null().default(autogen_migration::sql("'fix_only'")))
                        .col(ColumnDef::new("upgrade_mode").string_len(16).not_null().default(autogen_migration::sql("'exclude'")))
                        .col(ColumnDef::new("exclude_plugins").json().not_null())
                        .col(ColumnDef::new("include_plugins").json().not_null())
                        .col(ColumnDef::new("upgrade_time_of_day").integer().not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql("CURRENT_TIMESTAMP")))
                        .primary_key(Index::create().name("tenant_plugin_auto_upgrade_strategy_pkey").col("id"))
                        .index(Index::create().unique().name("unique_tenant_plugin_auto_upgrade_strategy").col("tenant_id"))
                        .to_owned(),
                )
                .await?;
        }

        // 31. create table tenants (8 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("tenants")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("encrypt_public_key").text().null())
                        .col(ColumnDef::new("plan").string_len(255).not_null().default(autogen_migration::sql("'basic'")))
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'normal'")))
                        .col(ColumnDef::new("custom_config").text().null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("tenant_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("tenants")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("encrypt_public_key").text().null())
                        .col(ColumnDef::new("plan").string_len(255).not_null().default(autogen_migration::sql("'basic'")))
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'normal'")))
                        .col(ColumnDef::new("custom_config").text().null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("tenants")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new("name").string_len(255).not_null())
                        .col(ColumnDef::new("encrypt_public_key").text().null())
                        .col(ColumnDef::new("plan").string_len(255).not_null().default(autogen_migration::sql("'basic'")))
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'normal'")))
                        .col(ColumnDef::new("custom_config").text().null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .col(ColumnDef::new("updated_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("tenant_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 32. create table tidb_auth_bindings (10 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("tidb_auth_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("cluster_id").string_len(255).not_null())
                        .col(ColumnDef::new("cluster_name").string_len(255).not_null())
                        .col(ColumnDef::new("active").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'CREATING'")))
                        .col(ColumnDef::new("account").string_len(255).not_null())
                        .col(ColumnDef::new("password").string_len(255).not_null())
                        .col(ColumnDef::new("qdrant_endpoint").string_len(512).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("tidb_auth_bindings_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("tidb_auth_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("cluster_id").string_len(255).not_null())
                        .col(ColumnDef::new("cluster_name").string_len(255).not_null())
                        .col(ColumnDef::new("active").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'CREATING'")))
                        .col(ColumnDef::new("account").string_len(255).not_null())
                        .col(ColumnDef::new("password").string_len(255).not_null())
                        .col(ColumnDef::new("qdrant_endpoint").string_len(512).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("tidb_auth_bindings")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("cluster_id").string_len(255).not_null())
                        .col(ColumnDef::new("cluster_name").string_len(255).not_null())
                        .col(ColumnDef::new("active").boolean().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["false", "0", "FALSE"]))))
                        .col(ColumnDef::new("status").string_len(255).not_null().default(autogen_migration::sql("'CREATING'")))
                        .col(ColumnDef::new("account").string_len(255).not_null())
                        .col(ColumnDef::new("password").string_len(255).not_null())
                        .col(ColumnDef::new("qdrant_endpoint").string_len(512).null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("tidb_auth_bindings_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 33. create table whitelists (4 columns, primary key (id))
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .create_table(
                    Table::create()
                        .table("whitelists")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null().default(autogen_migration::sql("uuid_generate_v4()")))
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("category").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("whitelists_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::MySql) {
            manager
                .create_table(
                    Table::create()
                        .table("whitelists")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("category").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().col("id"))
                        .to_owned(),
                )
                .await?;
        }
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Sqlite) {
            manager
                .create_table(
                    Table::create()
                        .table("whitelists")
                        .col(ColumnDef::new_with_type("id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).not_null())
                        .col(ColumnDef::new_with_type("tenant_id", ColumnType::custom(autogen_migration::per_backend(manager, ["uuid", "char(36)", "uuid_text"]))).null())
                        .col(ColumnDef::new("category").string_len(255).not_null())
                        .col(ColumnDef::new("created_at").date_time().not_null().default(autogen_migration::sql(autogen_migration::per_backend(manager, ["CURRENT_TIMESTAMP(0)", "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"]))))
                        .primary_key(Index::create().name("whitelists_pkey").col("id"))
                        .to_owned(),
                )
                .await?;
        }

        // 34. create index account_email_idx on accounts (email)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("account_email_idx")
                    .table("accounts")
                    .col("email")
                    .to_owned(),
            )
            .await?;

        // 35. create index app_dataset_join_app_dataset_idx on app_dataset_joins (dataset_id, app_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("app_dataset_join_app_dataset_idx")
                    .table("app_dataset_joins")
                    .col("dataset_id")
                    .col("app_id")
                    .to_owned(),
            )
            .await?;

        // 36. create index child_chunk_dataset_id_idx on child_chunks (tenant_id, dataset_id, document_id, segment_id, index_node_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("child_chunk_dataset_id_idx")
                    .table("child_chunks")
                    .col("tenant_id")
                    .col("dataset_id")
                    .col("document_id")
                    .col("segment_id")
                    .col("index_node_id")
                    .to_owned(),
            )
            .await?;

        // 37. create index child_chunks_node_idx on child_chunks (index_node_id, dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("child_chunks_node_idx")
                    .table("child_chunks")
                    .col("index_node_id")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 38. create index child_chunks_segment_idx on child_chunks (segment_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("child_chunks_segment_idx")
                    .table("child_chunks")
                    .col("segment_id")
                    .to_owned(),
            )
            .await?;

        // 39. create index dataset_auto_disable_log_created_atx on dataset_auto_disable_logs (created_at)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_auto_disable_log_created_atx")
                    .table("dataset_auto_disable_logs")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;

        // 40. create index dataset_auto_disable_log_dataset_idx on dataset_auto_disable_logs (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_auto_disable_log_dataset_idx")
                    .table("dataset_auto_disable_logs")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 41. create index dataset_auto_disable_log_tenant_idx on dataset_auto_disable_logs (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_auto_disable_log_tenant_idx")
                    .table("dataset_auto_disable_logs")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 42. create index provider_model_name_idx on dataset_collection_bindings (provider_name, model_name)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("provider_model_name_idx")
                    .table("dataset_collection_bindings")
                    .col("provider_name")
                    .col("model_name")
                    .to_owned(),
            )
            .await?;

        // 43. create index dataset_keyword_table_dataset_id_idx on dataset_keyword_tables (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_keyword_table_dataset_id_idx")
                    .table("dataset_keyword_tables")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 44. create index dataset_metadata_binding_dataset_idx on dataset_metadata_bindings (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_metadata_binding_dataset_idx")
                    .table("dataset_metadata_bindings")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 45. create index dataset_metadata_binding_document_idx on dataset_metadata_bindings (document_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_metadata_binding_document_idx")
                    .table("dataset_metadata_bindings")
                    .col("document_id")
                    .to_owned(),
            )
            .await?;

        // 46. create index dataset_metadata_binding_metadata_idx on dataset_metadata_bindings (metadata_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_metadata_binding_metadata_idx")
                    .table("dataset_metadata_bindings")
                    .col("metadata_id")
                    .to_owned(),
            )
            .await?;

        // 47. create index dataset_metadata_binding_tenant_idx on dataset_metadata_bindings (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_metadata_binding_tenant_idx")
                    .table("dataset_metadata_bindings")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 48. create index dataset_metadata_dataset_idx on dataset_metadatas (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_metadata_dataset_idx")
                    .table("dataset_metadatas")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 49. create index dataset_metadata_tenant_idx on dataset_metadatas (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_metadata_tenant_idx")
                    .table("dataset_metadatas")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 50. create index idx_dataset_permissions_account_id on dataset_permissions (account_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("idx_dataset_permissions_account_id")
                    .table("dataset_permissions")
                    .col("account_id")
                    .to_owned(),
            )
            .await?;

        // 51. create index idx_dataset_permissions_dataset_id on dataset_permissions (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("idx_dataset_permissions_dataset_id")
                    .table("dataset_permissions")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 52. create index idx_dataset_permissions_tenant_id on dataset_permissions (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("idx_dataset_permissions_tenant_id")
                    .table("dataset_permissions")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 53. create index dataset_process_rule_dataset_id_idx on dataset_process_rules (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_process_rule_dataset_id_idx")
                    .table("dataset_process_rules")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 54. create index dataset_query_dataset_id_idx on dataset_queries (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_query_dataset_id_idx")
                    .table("dataset_queries")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 55. create index dataset_tenant_idx on datasets (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("dataset_tenant_idx")
                    .table("datasets")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 56. create index retrieval_model_idx on datasets (retrieval_model) using gin (postgres only)
        // hazards: blocks-writes
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            autogen_migration::run_sql(
                manager,
                &[
                    "CREATE INDEX \"retrieval_model_idx\" ON \"datasets\" USING gin (\"retrieval_model\")",
                ],
            )
            .await?;
        }

        // 57. create index document_pipeline_execution_logs_document_id_idx on document_pipeline_execution_logs (document_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_pipeline_execution_logs_document_id_idx")
                    .table("document_pipeline_execution_logs")
                    .col("document_id")
                    .to_owned(),
            )
            .await?;

        // 58. create index document_segment_summaries_chunk_id_idx on document_segment_summaries (chunk_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_summaries_chunk_id_idx")
                    .table("document_segment_summaries")
                    .col("chunk_id")
                    .to_owned(),
            )
            .await?;

        // 59. create index document_segment_summaries_dataset_id_idx on document_segment_summaries (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_summaries_dataset_id_idx")
                    .table("document_segment_summaries")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 60. create index document_segment_summaries_document_id_idx on document_segment_summaries (document_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_summaries_document_id_idx")
                    .table("document_segment_summaries")
                    .col("document_id")
                    .to_owned(),
            )
            .await?;

        // 61. create index document_segment_summaries_status_idx on document_segment_summaries (status)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_summaries_status_idx")
                    .table("document_segment_summaries")
                    .col("status")
                    .to_owned(),
            )
            .await?;

        // 62. create index document_segment_dataset_id_idx on document_segments (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_dataset_id_idx")
                    .table("document_segments")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 63. create index document_segment_document_id_idx on document_segments (document_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_document_id_idx")
                    .table("document_segments")
                    .col("document_id")
                    .to_owned(),
            )
            .await?;

        // 64. create index document_segment_node_dataset_idx on document_segments (index_node_id, dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_node_dataset_idx")
                    .table("document_segments")
                    .col("index_node_id")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 65. create index document_segment_tenant_dataset_idx on document_segments (dataset_id, tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_tenant_dataset_idx")
                    .table("document_segments")
                    .col("dataset_id")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 66. create index document_segment_tenant_document_idx on document_segments (document_id, tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_tenant_document_idx")
                    .table("document_segments")
                    .col("document_id")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 67. create index document_segment_tenant_idx on document_segments (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_segment_tenant_idx")
                    .table("document_segments")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 68. create index document_dataset_id_idx on documents (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_dataset_id_idx")
                    .table("documents")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 69. create index document_is_paused_idx on documents (is_paused)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_is_paused_idx")
                    .table("documents")
                    .col("is_paused")
                    .to_owned(),
            )
            .await?;

        // 70. create index document_tenant_idx on documents (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("document_tenant_idx")
                    .table("documents")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 71. create index created_at_idx on embeddings (created_at)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("created_at_idx")
                    .table("embeddings")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;

        // 72. create index external_knowledge_apis_name_idx on external_knowledge_apis (name)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("external_knowledge_apis_name_idx")
                    .table("external_knowledge_apis")
                    .col("name")
                    .to_owned(),
            )
            .await?;

        // 73. create index external_knowledge_apis_tenant_idx on external_knowledge_apis (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("external_knowledge_apis_tenant_idx")
                    .table("external_knowledge_apis")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 74. create index external_knowledge_bindings_dataset_idx on external_knowledge_bindings (dataset_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("external_knowledge_bindings_dataset_idx")
                    .table("external_knowledge_bindings")
                    .col("dataset_id")
                    .to_owned(),
            )
            .await?;

        // 75. create index external_knowledge_bindings_external_knowledge_api_idx on external_knowledge_bindings (external_knowledge_api_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("external_knowledge_bindings_external_knowledge_api_idx")
                    .table("external_knowledge_bindings")
                    .col("external_knowledge_api_id")
                    .to_owned(),
            )
            .await?;

        // 76. create index external_knowledge_bindings_external_knowledge_idx on external_knowledge_bindings (external_knowledge_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("external_knowledge_bindings_external_knowledge_idx")
                    .table("external_knowledge_bindings")
                    .col("external_knowledge_id")
                    .to_owned(),
            )
            .await?;

        // 77. create index external_knowledge_bindings_tenant_idx on external_knowledge_bindings (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("external_knowledge_bindings_tenant_idx")
                    .table("external_knowledge_bindings")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 78. create index invitation_codes_batch_idx on invitation_codes (batch)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("invitation_codes_batch_idx")
                    .table("invitation_codes")
                    .col("batch")
                    .to_owned(),
            )
            .await?;

        // 79. create index invitation_codes_code_idx on invitation_codes (code, status)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("invitation_codes_code_idx")
                    .table("invitation_codes")
                    .col("code")
                    .col("status")
                    .to_owned(),
            )
            .await?;

        // 80. create index pipeline_customized_template_tenant_idx on pipeline_customized_templates (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("pipeline_customized_template_tenant_idx")
                    .table("pipeline_customized_templates")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 81. create index rate_limit_log_operation_idx on rate_limit_logs (operation)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("rate_limit_log_operation_idx")
                    .table("rate_limit_logs")
                    .col("operation")
                    .to_owned(),
            )
            .await?;

        // 82. create index rate_limit_log_tenant_idx on rate_limit_logs (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("rate_limit_log_tenant_idx")
                    .table("rate_limit_logs")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 83. create index segment_attachment_binding_attachment_idx on segment_attachment_bindings (attachment_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("segment_attachment_binding_attachment_idx")
                    .table("segment_attachment_bindings")
                    .col("attachment_id")
                    .to_owned(),
            )
            .await?;

        // 84. create index segment_attachment_binding_tenant_dataset_document_segment_idx on segment_attachment_bindings (tenant_id, dataset_id, document_id, segment_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("segment_attachment_binding_tenant_dataset_document_segment_idx")
                    .table("segment_attachment_bindings")
                    .col("tenant_id")
                    .col("dataset_id")
                    .col("document_id")
                    .col("segment_id")
                    .to_owned(),
            )
            .await?;

        // 85. create index tenant_account_join_account_id_idx on tenant_account_joins (account_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("tenant_account_join_account_id_idx")
                    .table("tenant_account_joins")
                    .col("account_id")
                    .to_owned(),
            )
            .await?;

        // 86. create index tenant_account_join_tenant_id_idx on tenant_account_joins (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("tenant_account_join_tenant_id_idx")
                    .table("tenant_account_joins")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 87. create index tidb_auth_bindings_active_idx on tidb_auth_bindings (active)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("tidb_auth_bindings_active_idx")
                    .table("tidb_auth_bindings")
                    .col("active")
                    .to_owned(),
            )
            .await?;

        // 88. create index tidb_auth_bindings_created_at_idx on tidb_auth_bindings (created_at)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("tidb_auth_bindings_created_at_idx")
                    .table("tidb_auth_bindings")
                    .col("created_at")
                    .to_owned(),
            )
            .await?;

        // 89. create index tidb_auth_bindings_status_idx on tidb_auth_bindings (status)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("tidb_auth_bindings_status_idx")
                    .table("tidb_auth_bindings")
                    .col("status")
                    .to_owned(),
            )
            .await?;

        // 90. create index tidb_auth_bindings_tenant_idx on tidb_auth_bindings (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("tidb_auth_bindings_tenant_idx")
                    .table("tidb_auth_bindings")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;

        // 91. create index whitelists_tenant_idx on whitelists (tenant_id)
        // hazards: blocks-writes
        manager
            .create_index(
                Index::create()
                    .name("whitelists_tenant_idx")
                    .table("whitelists")
                    .col("tenant_id")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // 1. drop index whitelists_tenant_idx on whitelists (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("whitelists_tenant_idx")
                    .table("whitelists")
                    .to_owned(),
            )
            .await?;

        // 2. drop index tidb_auth_bindings_tenant_idx on tidb_auth_bindings (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("tidb_auth_bindings_tenant_idx")
                    .table("tidb_auth_bindings")
                    .to_owned(),
            )
            .await?;

        // 3. drop index tidb_auth_bindings_status_idx on tidb_auth_bindings (status)
        manager
            .drop_index(
                Index::drop()
                    .name("tidb_auth_bindings_status_idx")
                    .table("tidb_auth_bindings")
                    .to_owned(),
            )
            .await?;

        // 4. drop index tidb_auth_bindings_created_at_idx on tidb_auth_bindings (created_at)
        manager
            .drop_index(
                Index::drop()
                    .name("tidb_auth_bindings_created_at_idx")
                    .table("tidb_auth_bindings")
                    .to_owned(),
            )
            .await?;

        // 5. drop index tidb_auth_bindings_active_idx on tidb_auth_bindings (active)
        manager
            .drop_index(
                Index::drop()
                    .name("tidb_auth_bindings_active_idx")
                    .table("tidb_auth_bindings")
                    .to_owned(),
            )
            .await?;

        // 6. drop index tenant_account_join_tenant_id_idx on tenant_account_joins (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("tenant_account_join_tenant_id_idx")
                    .table("tenant_account_joins")
                    .to_owned(),
            )
            .await?;

        // 7. drop index tenant_account_join_account_id_idx on tenant_account_joins (account_id)
        manager
            .drop_index(
                Index::drop()
                    .name("tenant_account_join_account_id_idx")
                    .table("tenant_account_joins")
                    .to_owned(),
            )
            .await?;

        // 8. drop index segment_attachment_binding_tenant_dataset_document_segment_idx on segment_attachment_bindings (tenant_id, dataset_id, document_id, segment_id)
        manager
            .drop_index(
                Index::drop()
                    .name("segment_attachment_binding_tenant_dataset_document_segment_idx")
                    .table("segment_attachment_bindings")
                    .to_owned(),
            )
            .await?;

        // 9. drop index segment_attachment_binding_attachment_idx on segment_attachment_bindings (attachment_id)
        manager
            .drop_index(
                Index::drop()
                    .name("segment_attachment_binding_attachment_idx")
                    .table("segment_attachment_bindings")
                    .to_owned(),
            )
            .await?;

        // 10. drop index rate_limit_log_tenant_idx on rate_limit_logs (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("rate_limit_log_tenant_idx")
                    .table("rate_limit_logs")
                    .to_owned(),
            )
            .await?;

        // 11. drop index rate_limit_log_operation_idx on rate_limit_logs (operation)
        manager
            .drop_index(
                Index::drop()
                    .name("rate_limit_log_operation_idx")
                    .table("rate_limit_logs")
                    .to_owned(),
            )
            .await?;

        // 12. drop index pipeline_customized_template_tenant_idx on pipeline_customized_templates (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("pipeline_customized_template_tenant_idx")
                    .table("pipeline_customized_templates")
                    .to_owned(),
            )
            .await?;

        // 13. drop index invitation_codes_code_idx on invitation_codes (code, status)
        manager
            .drop_index(
                Index::drop()
                    .name("invitation_codes_code_idx")
                    .table("invitation_codes")
                    .to_owned(),
            )
            .await?;

        // 14. drop index invitation_codes_batch_idx on invitation_codes (batch)
        manager
            .drop_index(
                Index::drop()
                    .name("invitation_codes_batch_idx")
                    .table("invitation_codes")
                    .to_owned(),
            )
            .await?;

        // 15. drop index external_knowledge_bindings_tenant_idx on external_knowledge_bindings (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("external_knowledge_bindings_tenant_idx")
                    .table("external_knowledge_bindings")
                    .to_owned(),
            )
            .await?;

        // 16. drop index external_knowledge_bindings_external_knowledge_idx on external_knowledge_bindings (external_knowledge_id)
        manager
            .drop_index(
                Index::drop()
                    .name("external_knowledge_bindings_external_knowledge_idx")
                    .table("external_knowledge_bindings")
                    .to_owned(),
            )
            .await?;

        // 17. drop index external_knowledge_bindings_external_knowledge_api_idx on external_knowledge_bindings (external_knowledge_api_id)
        manager
            .drop_index(
                Index::drop()
                    .name("external_knowledge_bindings_external_knowledge_api_idx")
                    .table("external_knowledge_bindings")
                    .to_owned(),
            )
            .await?;

        // 18. drop index external_knowledge_bindings_dataset_idx on external_knowledge_bindings (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("external_knowledge_bindings_dataset_idx")
                    .table("external_knowledge_bindings")
                    .to_owned(),
            )
            .await?;

        // 19. drop index external_knowledge_apis_tenant_idx on external_knowledge_apis (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("external_knowledge_apis_tenant_idx")
                    .table("external_knowledge_apis")
                    .to_owned(),
            )
            .await?;

        // 20. drop index external_knowledge_apis_name_idx on external_knowledge_apis (name)
        manager
            .drop_index(
                Index::drop()
                    .name("external_knowledge_apis_name_idx")
                    .table("external_knowledge_apis")
                    .to_owned(),
            )
            .await?;

        // 21. drop index created_at_idx on embeddings (created_at)
        manager
            .drop_index(
                Index::drop()
                    .name("created_at_idx")
                    .table("embeddings")
                    .to_owned(),
            )
            .await?;

        // 22. drop index document_tenant_idx on documents (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_tenant_idx")
                    .table("documents")
                    .to_owned(),
            )
            .await?;

        // 23. drop index document_is_paused_idx on documents (is_paused)
        manager
            .drop_index(
                Index::drop()
                    .name("document_is_paused_idx")
                    .table("documents")
                    .to_owned(),
            )
            .await?;

        // 24. drop index document_dataset_id_idx on documents (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_dataset_id_idx")
                    .table("documents")
                    .to_owned(),
            )
            .await?;

        // 25. drop index document_segment_tenant_idx on document_segments (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_tenant_idx")
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 26. drop index document_segment_tenant_document_idx on document_segments (document_id, tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_tenant_document_idx")
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 27. drop index document_segment_tenant_dataset_idx on document_segments (dataset_id, tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_tenant_dataset_idx")
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 28. drop index document_segment_node_dataset_idx on document_segments (index_node_id, dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_node_dataset_idx")
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 29. drop index document_segment_document_id_idx on document_segments (document_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_document_id_idx")
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 30. drop index document_segment_dataset_id_idx on document_segments (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_dataset_id_idx")
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 31. drop index document_segment_summaries_status_idx on document_segment_summaries (status)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_summaries_status_idx")
                    .table("document_segment_summaries")
                    .to_owned(),
            )
            .await?;

        // 32. drop index document_segment_summaries_document_id_idx on document_segment_summaries (document_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_summaries_document_id_idx")
                    .table("document_segment_summaries")
                    .to_owned(),
            )
            .await?;

        // 33. drop index document_segment_summaries_dataset_id_idx on document_segment_summaries (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_summaries_dataset_id_idx")
                    .table("document_segment_summaries")
                    .to_owned(),
            )
            .await?;

        // 34. drop index document_segment_summaries_chunk_id_idx on document_segment_summaries (chunk_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_segment_summaries_chunk_id_idx")
                    .table("document_segment_summaries")
                    .to_owned(),
            )
            .await?;

        // 35. drop index document_pipeline_execution_logs_document_id_idx on document_pipeline_execution_logs (document_id)
        manager
            .drop_index(
                Index::drop()
                    .name("document_pipeline_execution_logs_document_id_idx")
                    .table("document_pipeline_execution_logs")
                    .to_owned(),
            )
            .await?;

        // 36. drop index retrieval_model_idx on datasets (retrieval_model) using gin (postgres only)
        if matches!(manager.get_database_backend(), sea_orm::DbBackend::Postgres) {
            manager
                .drop_index(
                    Index::drop()
                        .name("retrieval_model_idx")
                        .table("datasets")
                        .to_owned(),
                )
                .await?;
        }

        // 37. drop index dataset_tenant_idx on datasets (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_tenant_idx")
                    .table("datasets")
                    .to_owned(),
            )
            .await?;

        // 38. drop index dataset_query_dataset_id_idx on dataset_queries (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_query_dataset_id_idx")
                    .table("dataset_queries")
                    .to_owned(),
            )
            .await?;

        // 39. drop index dataset_process_rule_dataset_id_idx on dataset_process_rules (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_process_rule_dataset_id_idx")
                    .table("dataset_process_rules")
                    .to_owned(),
            )
            .await?;

        // 40. drop index idx_dataset_permissions_tenant_id on dataset_permissions (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("idx_dataset_permissions_tenant_id")
                    .table("dataset_permissions")
                    .to_owned(),
            )
            .await?;

        // 41. drop index idx_dataset_permissions_dataset_id on dataset_permissions (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("idx_dataset_permissions_dataset_id")
                    .table("dataset_permissions")
                    .to_owned(),
            )
            .await?;

        // 42. drop index idx_dataset_permissions_account_id on dataset_permissions (account_id)
        manager
            .drop_index(
                Index::drop()
                    .name("idx_dataset_permissions_account_id")
                    .table("dataset_permissions")
                    .to_owned(),
            )
            .await?;

        // 43. drop index dataset_metadata_tenant_idx on dataset_metadatas (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_metadata_tenant_idx")
                    .table("dataset_metadatas")
                    .to_owned(),
            )
            .await?;

        // 44. drop index dataset_metadata_dataset_idx on dataset_metadatas (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_metadata_dataset_idx")
                    .table("dataset_metadatas")
                    .to_owned(),
            )
            .await?;

        // 45. drop index dataset_metadata_binding_tenant_idx on dataset_metadata_bindings (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_metadata_binding_tenant_idx")
                    .table("dataset_metadata_bindings")
                    .to_owned(),
            )
            .await?;

        // 46. drop index dataset_metadata_binding_metadata_idx on dataset_metadata_bindings (metadata_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_metadata_binding_metadata_idx")
                    .table("dataset_metadata_bindings")
                    .to_owned(),
            )
            .await?;

        // 47. drop index dataset_metadata_binding_document_idx on dataset_metadata_bindings (document_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_metadata_binding_document_idx")
                    .table("dataset_metadata_bindings")
                    .to_owned(),
            )
            .await?;

        // 48. drop index dataset_metadata_binding_dataset_idx on dataset_metadata_bindings (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_metadata_binding_dataset_idx")
                    .table("dataset_metadata_bindings")
                    .to_owned(),
            )
            .await?;

        // 49. drop index dataset_keyword_table_dataset_id_idx on dataset_keyword_tables (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_keyword_table_dataset_id_idx")
                    .table("dataset_keyword_tables")
                    .to_owned(),
            )
            .await?;

        // 50. drop index provider_model_name_idx on dataset_collection_bindings (provider_name, model_name)
        manager
            .drop_index(
                Index::drop()
                    .name("provider_model_name_idx")
                    .table("dataset_collection_bindings")
                    .to_owned(),
            )
            .await?;

        // 51. drop index dataset_auto_disable_log_tenant_idx on dataset_auto_disable_logs (tenant_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_auto_disable_log_tenant_idx")
                    .table("dataset_auto_disable_logs")
                    .to_owned(),
            )
            .await?;

        // 52. drop index dataset_auto_disable_log_dataset_idx on dataset_auto_disable_logs (dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_auto_disable_log_dataset_idx")
                    .table("dataset_auto_disable_logs")
                    .to_owned(),
            )
            .await?;

        // 53. drop index dataset_auto_disable_log_created_atx on dataset_auto_disable_logs (created_at)
        manager
            .drop_index(
                Index::drop()
                    .name("dataset_auto_disable_log_created_atx")
                    .table("dataset_auto_disable_logs")
                    .to_owned(),
            )
            .await?;

        // 54. drop index child_chunks_segment_idx on child_chunks (segment_id)
        manager
            .drop_index(
                Index::drop()
                    .name("child_chunks_segment_idx")
                    .table("child_chunks")
                    .to_owned(),
            )
            .await?;

        // 55. drop index child_chunks_node_idx on child_chunks (index_node_id, dataset_id)
        manager
            .drop_index(
                Index::drop()
                    .name("child_chunks_node_idx")
                    .table("child_chunks")
                    .to_owned(),
            )
            .await?;

        // 56. drop index child_chunk_dataset_id_idx on child_chunks (tenant_id, dataset_id, document_id, segment_id, index_node_id)
        manager
            .drop_index(
                Index::drop()
                    .name("child_chunk_dataset_id_idx")
                    .table("child_chunks")
                    .to_owned(),
            )
            .await?;

        // 57. drop index app_dataset_join_app_dataset_idx on app_dataset_joins (dataset_id, app_id)
        manager
            .drop_index(
                Index::drop()
                    .name("app_dataset_join_app_dataset_idx")
                    .table("app_dataset_joins")
                    .to_owned(),
            )
            .await?;

        // 58. drop index account_email_idx on accounts (email)
        manager
            .drop_index(
                Index::drop()
                    .name("account_email_idx")
                    .table("accounts")
                    .to_owned(),
            )
            .await?;

        // 59. drop table whitelists (4 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("whitelists")
                    .to_owned(),
            )
            .await?;

        // 60. drop table tidb_auth_bindings (10 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("tidb_auth_bindings")
                    .to_owned(),
            )
            .await?;

        // 61. drop table tenants (8 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("tenants")
                    .to_owned(),
            )
            .await?;

        // 62. drop table tenant_plugin_auto_upgrade_strategies (9 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("tenant_plugin_auto_upgrade_strategies")
                    .to_owned(),
            )
            .await?;

        // 63. drop table tenant_account_joins (8 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("tenant_account_joins")
                    .to_owned(),
            )
            .await?;

        // 64. drop table segment_attachment_bindings (7 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("segment_attachment_bindings")
                    .to_owned(),
            )
            .await?;

        // 65. drop table rate_limit_logs (5 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("rate_limit_logs")
                    .to_owned(),
            )
            .await?;

        // 66. drop table pipelines (11 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("pipelines")
                    .to_owned(),
            )
            .await?;

        // 67. drop table pipeline_recommended_plugins (8 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("pipeline_recommended_plugins")
                    .to_owned(),
            )
            .await?;

        // 68. drop table pipeline_customized_templates (14 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("pipeline_customized_templates")
                    .to_owned(),
            )
            .await?;

        // 69. drop table pipeline_built_in_templates (13 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("pipeline_built_in_templates")
                    .to_owned(),
            )
            .await?;

        // 70. drop table invitation_codes (9 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("invitation_codes")
                    .to_owned(),
            )
            .await?;

        // 71. drop table external_knowledge_bindings (9 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("external_knowledge_bindings")
                    .to_owned(),
            )
            .await?;

        // 72. drop table external_knowledge_apis (9 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("external_knowledge_apis")
                    .to_owned(),
            )
            .await?;

        // 73. drop table embeddings (6 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("embeddings")
                    .to_owned(),
            )
            .await?;

        // 74. drop table documents (40 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("documents")
                    .to_owned(),
            )
            .await?;

        // 75. drop table document_segments (25 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("document_segments")
                    .to_owned(),
            )
            .await?;

        // 76. drop table document_segment_summaries (15 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("document_segment_summaries")
                    .to_owned(),
            )
            .await?;

        // 77. drop table document_pipeline_execution_logs (9 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("document_pipeline_execution_logs")
                    .to_owned(),
            )
            .await?;

        // 78. drop table datasets (26 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("datasets")
                    .to_owned(),
            )
            .await?;

        // 79. drop table dataset_queries (8 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_queries")
                    .to_owned(),
            )
            .await?;

        // 80. drop table dataset_process_rules (6 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_process_rules")
                    .to_owned(),
            )
            .await?;

        // 81. drop table dataset_permissions (6 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_permissions")
                    .to_owned(),
            )
            .await?;

        // 82. drop table dataset_metadatas (9 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_metadatas")
                    .to_owned(),
            )
            .await?;

        // 83. drop table dataset_metadata_bindings (7 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_metadata_bindings")
                    .to_owned(),
            )
            .await?;

        // 84. drop table dataset_keyword_tables (4 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_keyword_tables")
                    .to_owned(),
            )
            .await?;

        // 85. drop table dataset_collection_bindings (6 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_collection_bindings")
                    .to_owned(),
            )
            .await?;

        // 86. drop table dataset_auto_disable_logs (6 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("dataset_auto_disable_logs")
                    .to_owned(),
            )
            .await?;

        // 87. drop table child_chunks (18 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("child_chunks")
                    .to_owned(),
            )
            .await?;

        // 88. drop table app_dataset_joins (4 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("app_dataset_joins")
                    .to_owned(),
            )
            .await?;

        // 89. drop table accounts (16 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("accounts")
                    .to_owned(),
            )
            .await?;

        // 90. drop table account_plugin_permissions (4 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("account_plugin_permissions")
                    .to_owned(),
            )
            .await?;

        // 91. drop table account_integrates (7 columns, primary key (id))
        // hazards: deletes-data, backward-incompatible
        manager
            .drop_table(
                Table::drop()
                    .table("account_integrates")
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
