//! Revision: 0123456789ab
//! Parents: ccccccccccc3
//! Message: x
//! Created: 2026-02-30T25:61:61.Z
