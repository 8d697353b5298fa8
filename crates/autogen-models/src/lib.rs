//! SeaORM entities → autogen schema IR (being written).
