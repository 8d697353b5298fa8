//! Revision: 0123456789ab
