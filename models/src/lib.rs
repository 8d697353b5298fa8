//! The example models (being written).
