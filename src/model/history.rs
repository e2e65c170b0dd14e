//! The change history: who changed what, and when, in words ("moved Acme renewal from
//! Discovery to Proposal", "Value: EUR 120,000 → EUR 135,000"). Entries are written once and
//! never edited, travel in exported files, and merge like every other record.

use crate::model::common::{Stamp, Stamped};
use crate::model::ids::{ChangeId, ProjectId};
use serde::{Deserialize, Serialize};

/// One change a person made. Who and when are its stamp's `updated_by` and `created_at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeRecord {
    pub id: ChangeId,
    pub stamp: Stamp,
    /// The project the change was about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<ProjectId>,
    /// What happened, starting with a verb: "moved Acme renewal from Discovery to Proposal".
    pub summary: String,
    /// Field changes: "Value: EUR 120,000 → EUR 135,000".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl Stamped for ChangeRecord {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}
