//! Sales-process templates ("playbooks"): ordered stages, each with a milestone, exit criteria,
//! a default win probability and default tasks.

use crate::model::common::{Stamp, Stamped};
use crate::model::ids::TemplateId;
use crate::model::project::Stage;
use serde::{Deserialize, Serialize};

/// A default task of a template stage. `key` is unique within the template and lets other
/// template tasks depend on it before any real task exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateTask {
    pub key: String,
    pub title: String,
    pub duration_days: u32,
    #[serde(default)]
    pub owner_role: String,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// One stage of a playbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateStage {
    pub stage: Stage,
    pub milestone: String,
    #[serde(default)]
    pub exit_criteria: Vec<String>,
    pub probability: u8,
    #[serde(default)]
    pub tasks: Vec<TemplateTask>,
}

/// A proven way of working a kind of pursuit, applied to new projects and refined over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub id: TemplateId,
    pub stamp: Stamp,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub stages: Vec<TemplateStage>,
}

impl Stamped for Template {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}
