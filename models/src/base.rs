//! The example `Base`: Dify's one `MetaData` (api/models/engine.py) with its naming
//! convention, the 33 entities of account.py and dataset.py, and their `__table_args__`
//! (named primary keys, indexes, unique constraints, the two GIN indexes), which SeaORM
//! attributes cannot declare.

use autogen_models::{Base, Identity, Index, IndexMethod, ModelsError, NamingConvention, Unique};

use crate::account::{
    account_integrates, account_plugin_permissions, accounts, invitation_codes,
    tenant_account_joins, tenant_plugin_auto_upgrade_strategies, tenants,
};
use crate::dataset::{
    app_dataset_joins, child_chunks, dataset_auto_disable_logs, dataset_collection_bindings,
    dataset_keyword_tables, dataset_metadata_bindings, dataset_metadatas, dataset_permissions,
    dataset_process_rules, dataset_queries, datasets, document_pipeline_execution_logs,
    document_segment_summaries, document_segments, documents, embeddings, external_knowledge_apis,
    external_knowledge_bindings, pipeline_built_in_templates, pipeline_customized_templates,
    pipeline_recommended_plugins, pipelines, rate_limit_logs, segment_attachment_bindings,
    tidb_auth_bindings, whitelists,
};

/// Dify's `POSTGRES_INDEXES_NAMING_CONVENTION` (api/models/engine.py).
pub fn naming_convention() -> Result<NamingConvention, ModelsError> {
    NamingConvention::new(
        "%(column_0_label)s_idx",
        "%(table_name)s_%(column_0_name)s_key",
        "%(table_name)s_%(constraint_name)s_check",
        "%(table_name)s_%(column_0_name)s_fkey",
        "%(table_name)s_pkey",
    )
}

/// The registry: every entity with its declarations, under Dify's naming convention.
pub fn base() -> Result<Base, ModelsError> {
    let mut base = Base::new().with_naming_convention(naming_convention()?);
    account(&mut base);
    dataset(&mut base);
    Ok(base)
}

/// api/models/account.py.
fn account(base: &mut Base) {
    base.register::<accounts::Entity>()
        .primary_key_name("account_pkey")
        .index(Index::named("account_email_idx").col(accounts::Column::Email));

    base.register::<tenants::Entity>()
        .primary_key_name("tenant_pkey");

    base.register::<tenant_account_joins::Entity>()
        .primary_key_name("tenant_account_join_pkey")
        .index(
            Index::named("tenant_account_join_account_id_idx")
                .col(tenant_account_joins::Column::AccountId),
        )
        .index(
            Index::named("tenant_account_join_tenant_id_idx")
                .col(tenant_account_joins::Column::TenantId),
        )
        .unique(
            Unique::named("unique_tenant_account_join")
                .col(tenant_account_joins::Column::TenantId)
                .col(tenant_account_joins::Column::AccountId),
        );

    base.register::<account_integrates::Entity>()
        .primary_key_name("account_integrate_pkey")
        .unique(
            Unique::named("unique_account_provider")
                .col(account_integrates::Column::AccountId)
                .col(account_integrates::Column::Provider),
        )
        .unique(
            Unique::named("unique_provider_open_id")
                .col(account_integrates::Column::Provider)
                .col(account_integrates::Column::OpenId),
        );

    // Dify's id is a `serial`; SeaORM 2.0 would write an identity. `AutoIncrement` is
    // autogen's portable auto-increment: `serial` on PostgreSQL, as the migrations have it.
    base.register::<invitation_codes::Entity>()
        .primary_key_name("invitation_code_pkey")
        .identity(invitation_codes::Column::Id, Some(Identity::AutoIncrement))
        .index(Index::named("invitation_codes_batch_idx").col(invitation_codes::Column::Batch))
        .index(
            Index::named("invitation_codes_code_idx")
                .col(invitation_codes::Column::Code)
                .col(invitation_codes::Column::Status),
        );

    base.register::<account_plugin_permissions::Entity>()
        .primary_key_name("account_plugin_permission_pkey")
        .unique(
            Unique::named("unique_tenant_plugin").col(account_plugin_permissions::Column::TenantId),
        );

    base.register::<tenant_plugin_auto_upgrade_strategies::Entity>()
        .primary_key_name("tenant_plugin_auto_upgrade_strategy_pkey")
        .unique(
            Unique::named("unique_tenant_plugin_auto_upgrade_strategy")
                .col(tenant_plugin_auto_upgrade_strategies::Column::TenantId),
        );
}

/// api/models/dataset.py. `retrieval_model_idx` and `document_metadata_idx` are GIN
/// indexes, which Dify declares on PostgreSQL only (`adjusted_json_index`).
fn dataset(base: &mut Base) {
    base.register::<datasets::Entity>()
        .primary_key_name("dataset_pkey")
        .index(Index::named("dataset_tenant_idx").col(datasets::Column::TenantId))
        .index(
            Index::named("retrieval_model_idx")
                .col(datasets::Column::RetrievalModel)
                .using(IndexMethod::Gin),
        );

    base.register::<dataset_process_rules::Entity>()
        .primary_key_name("dataset_process_rule_pkey")
        .index(
            Index::named("dataset_process_rule_dataset_id_idx")
                .col(dataset_process_rules::Column::DatasetId),
        );

    base.register::<documents::Entity>()
        .primary_key_name("document_pkey")
        .index(Index::named("document_dataset_id_idx").col(documents::Column::DatasetId))
        .index(Index::named("document_is_paused_idx").col(documents::Column::IsPaused))
        .index(Index::named("document_tenant_idx").col(documents::Column::TenantId))
        .index(
            Index::named("document_metadata_idx")
                .col(documents::Column::DocMetadata)
                .using(IndexMethod::Gin),
        );

    base.register::<document_segments::Entity>()
        .primary_key_name("document_segment_pkey")
        .index(
            Index::named("document_segment_dataset_id_idx")
                .col(document_segments::Column::DatasetId),
        )
        .index(
            Index::named("document_segment_document_id_idx")
                .col(document_segments::Column::DocumentId),
        )
        .index(
            Index::named("document_segment_tenant_dataset_idx")
                .col(document_segments::Column::DatasetId)
                .col(document_segments::Column::TenantId),
        )
        .index(
            Index::named("document_segment_tenant_document_idx")
                .col(document_segments::Column::DocumentId)
                .col(document_segments::Column::TenantId),
        )
        .index(
            Index::named("document_segment_node_dataset_idx")
                .col(document_segments::Column::IndexNodeId)
                .col(document_segments::Column::DatasetId),
        )
        .index(
            Index::named("document_segment_tenant_idx").col(document_segments::Column::TenantId),
        );

    base.register::<child_chunks::Entity>()
        .primary_key_name("child_chunk_pkey")
        .index(
            Index::named("child_chunk_dataset_id_idx")
                .col(child_chunks::Column::TenantId)
                .col(child_chunks::Column::DatasetId)
                .col(child_chunks::Column::DocumentId)
                .col(child_chunks::Column::SegmentId)
                .col(child_chunks::Column::IndexNodeId),
        )
        .index(
            Index::named("child_chunks_node_idx")
                .col(child_chunks::Column::IndexNodeId)
                .col(child_chunks::Column::DatasetId),
        )
        .index(Index::named("child_chunks_segment_idx").col(child_chunks::Column::SegmentId));

    base.register::<app_dataset_joins::Entity>()
        .primary_key_name("app_dataset_join_pkey")
        .index(
            Index::named("app_dataset_join_app_dataset_idx")
                .col(app_dataset_joins::Column::DatasetId)
                .col(app_dataset_joins::Column::AppId),
        );

    base.register::<dataset_queries::Entity>()
        .primary_key_name("dataset_query_pkey")
        .index(
            Index::named("dataset_query_dataset_id_idx").col(dataset_queries::Column::DatasetId),
        );

    base.register::<dataset_keyword_tables::Entity>()
        .primary_key_name("dataset_keyword_table_pkey")
        .index(
            Index::named("dataset_keyword_table_dataset_id_idx")
                .col(dataset_keyword_tables::Column::DatasetId),
        );

    base.register::<embeddings::Entity>()
        .primary_key_name("embedding_pkey")
        .index(Index::named("created_at_idx").col(embeddings::Column::CreatedAt))
        .unique(
            Unique::named("embedding_hash_idx")
                .col(embeddings::Column::ModelName)
                .col(embeddings::Column::Hash)
                .col(embeddings::Column::ProviderName),
        );

    base.register::<dataset_collection_bindings::Entity>()
        .primary_key_name("dataset_collection_bindings_pkey")
        .index(
            Index::named("provider_model_name_idx")
                .col(dataset_collection_bindings::Column::ProviderName)
                .col(dataset_collection_bindings::Column::ModelName),
        );

    base.register::<tidb_auth_bindings::Entity>()
        .primary_key_name("tidb_auth_bindings_pkey")
        .index(
            Index::named("tidb_auth_bindings_tenant_idx").col(tidb_auth_bindings::Column::TenantId),
        )
        .index(
            Index::named("tidb_auth_bindings_active_idx").col(tidb_auth_bindings::Column::Active),
        )
        .index(
            Index::named("tidb_auth_bindings_created_at_idx")
                .col(tidb_auth_bindings::Column::CreatedAt),
        )
        .index(
            Index::named("tidb_auth_bindings_status_idx").col(tidb_auth_bindings::Column::Status),
        );

    base.register::<whitelists::Entity>()
        .primary_key_name("whitelists_pkey")
        .index(Index::named("whitelists_tenant_idx").col(whitelists::Column::TenantId));

    base.register::<dataset_permissions::Entity>()
        .primary_key_name("dataset_permission_pkey")
        .index(
            Index::named("idx_dataset_permissions_dataset_id")
                .col(dataset_permissions::Column::DatasetId),
        )
        .index(
            Index::named("idx_dataset_permissions_account_id")
                .col(dataset_permissions::Column::AccountId),
        )
        .index(
            Index::named("idx_dataset_permissions_tenant_id")
                .col(dataset_permissions::Column::TenantId),
        );

    base.register::<external_knowledge_apis::Entity>()
        .primary_key_name("external_knowledge_apis_pkey")
        .index(
            Index::named("external_knowledge_apis_tenant_idx")
                .col(external_knowledge_apis::Column::TenantId),
        )
        .index(
            Index::named("external_knowledge_apis_name_idx")
                .col(external_knowledge_apis::Column::Name),
        );

    base.register::<external_knowledge_bindings::Entity>()
        .primary_key_name("external_knowledge_bindings_pkey")
        .index(
            Index::named("external_knowledge_bindings_tenant_idx")
                .col(external_knowledge_bindings::Column::TenantId),
        )
        .index(
            Index::named("external_knowledge_bindings_dataset_idx")
                .col(external_knowledge_bindings::Column::DatasetId),
        )
        .index(
            Index::named("external_knowledge_bindings_external_knowledge_idx")
                .col(external_knowledge_bindings::Column::ExternalKnowledgeId),
        )
        .index(
            Index::named("external_knowledge_bindings_external_knowledge_api_idx")
                .col(external_knowledge_bindings::Column::ExternalKnowledgeApiId),
        );

    base.register::<dataset_auto_disable_logs::Entity>()
        .primary_key_name("dataset_auto_disable_log_pkey")
        .index(
            Index::named("dataset_auto_disable_log_tenant_idx")
                .col(dataset_auto_disable_logs::Column::TenantId),
        )
        .index(
            Index::named("dataset_auto_disable_log_dataset_idx")
                .col(dataset_auto_disable_logs::Column::DatasetId),
        )
        .index(
            Index::named("dataset_auto_disable_log_created_atx")
                .col(dataset_auto_disable_logs::Column::CreatedAt),
        );

    base.register::<rate_limit_logs::Entity>()
        .primary_key_name("rate_limit_log_pkey")
        .index(Index::named("rate_limit_log_tenant_idx").col(rate_limit_logs::Column::TenantId))
        .index(
            Index::named("rate_limit_log_operation_idx").col(rate_limit_logs::Column::Operation),
        );

    base.register::<dataset_metadatas::Entity>()
        .primary_key_name("dataset_metadata_pkey")
        .index(Index::named("dataset_metadata_tenant_idx").col(dataset_metadatas::Column::TenantId))
        .index(
            Index::named("dataset_metadata_dataset_idx").col(dataset_metadatas::Column::DatasetId),
        );

    base.register::<dataset_metadata_bindings::Entity>()
        .primary_key_name("dataset_metadata_binding_pkey")
        .index(
            Index::named("dataset_metadata_binding_tenant_idx")
                .col(dataset_metadata_bindings::Column::TenantId),
        )
        .index(
            Index::named("dataset_metadata_binding_dataset_idx")
                .col(dataset_metadata_bindings::Column::DatasetId),
        )
        .index(
            Index::named("dataset_metadata_binding_metadata_idx")
                .col(dataset_metadata_bindings::Column::MetadataId),
        )
        .index(
            Index::named("dataset_metadata_binding_document_idx")
                .col(dataset_metadata_bindings::Column::DocumentId),
        );

    base.register::<pipeline_built_in_templates::Entity>()
        .primary_key_name("pipeline_built_in_template_pkey");

    base.register::<pipeline_customized_templates::Entity>()
        .primary_key_name("pipeline_customized_template_pkey")
        .index(
            Index::named("pipeline_customized_template_tenant_idx")
                .col(pipeline_customized_templates::Column::TenantId),
        );

    base.register::<pipelines::Entity>()
        .primary_key_name("pipeline_pkey");

    base.register::<document_pipeline_execution_logs::Entity>()
        .primary_key_name("document_pipeline_execution_log_pkey")
        .index(
            Index::named("document_pipeline_execution_logs_document_id_idx")
                .col(document_pipeline_execution_logs::Column::DocumentId),
        );

    base.register::<pipeline_recommended_plugins::Entity>()
        .primary_key_name("pipeline_recommended_plugin_pkey");

    base.register::<segment_attachment_bindings::Entity>()
        .primary_key_name("segment_attachment_binding_pkey")
        .index(
            Index::named("segment_attachment_binding_tenant_dataset_document_segment_idx")
                .col(segment_attachment_bindings::Column::TenantId)
                .col(segment_attachment_bindings::Column::DatasetId)
                .col(segment_attachment_bindings::Column::DocumentId)
                .col(segment_attachment_bindings::Column::SegmentId),
        )
        .index(
            Index::named("segment_attachment_binding_attachment_idx")
                .col(segment_attachment_bindings::Column::AttachmentId),
        );

    base.register::<document_segment_summaries::Entity>()
        .primary_key_name("document_segment_summaries_pkey")
        .index(
            Index::named("document_segment_summaries_dataset_id_idx")
                .col(document_segment_summaries::Column::DatasetId),
        )
        .index(
            Index::named("document_segment_summaries_document_id_idx")
                .col(document_segment_summaries::Column::DocumentId),
        )
        .index(
            Index::named("document_segment_summaries_chunk_id_idx")
                .col(document_segment_summaries::Column::ChunkId),
        )
        .index(
            Index::named("document_segment_summaries_status_idx")
                .col(document_segment_summaries::Column::Status),
        );
}
