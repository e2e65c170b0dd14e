//! Team members: who owns projects and tasks, and how many hours a week they have.

use crate::model::common::{Stamp, Stamped};
use crate::model::ids::MemberId;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub stamp: Stamp,
    pub name: String,
    /// Free text such as "Account executive" or "Solutions engineer".
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub email: String,
    /// Hours a week this person can give to sales projects.
    pub weekly_capacity_hours: u32,
}

impl Stamped for Member {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}
