pub use sea_orm_migration::prelude::*;

mod m20261124_230143_postgres_extensions_for_uuid_defaults;
mod m20261124_231821_initial_schema;
mod m20261124_231829_add_documents_need_summary;
mod m20261124_231834_gin_index_on_documents_doc_metadata;
mod m20261124_234440_narrow_dataset_collection_bindings_colle;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_230143_postgres_extensions_for_uuid_defaults::Migration),
            Box::new(m20261124_231821_initial_schema::Migration),
            Box::new(m20261124_231829_add_documents_need_summary::Migration),
            Box::new(m20261124_231834_gin_index_on_documents_doc_metadata::Migration),
            Box::new(m20261124_234440_narrow_dataset_collection_bindings_colle::Migration),
        ]
    }
}
