//! Revision: 0123456789ab
//! Parents: 0123456789ab
//! Message: x
//! Created: 2026-01-05T00:00:00Z
