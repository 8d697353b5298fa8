//! Revision: ÿþ
