//! Revision: 0123456789ab
//! Parents: ,,,, ;DROP TABLE x; --
//! Message: x
//! Created: 2026-01-05T00:00:00Z
