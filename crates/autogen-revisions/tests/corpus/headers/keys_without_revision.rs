//! Something
//! Parents: ccccccccccc3
//! Message: x
//! Created: 2026-01-05T00:00:00Z
