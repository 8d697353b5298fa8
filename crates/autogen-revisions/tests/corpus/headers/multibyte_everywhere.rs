//! Revision: 0123456789aé
//! Parents: éééé,  
//! Message: ‮
//! Created: éééé-01-01T00:00:00Z
