//! Sales-process templates ("playbooks"): ordered stages, each with a milestone, exit criteria,
//! a default win probability and default tasks.

use crate::model::common::Stamp;
use crate::model::ids::*;
use crate::model::*;
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
    /// A step done with the buyer (a demo, a proposal review, a signature): tasks planned
    /// from it are agreed with the client and show in the client's update.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub with_client: bool,
}

/// One stage of a playbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateStage {
    pub stage: Stage,
    pub milestone: String,
    #[serde(default)]
    pub exit_criteria: Vec<String>,
    pub probability: u8,
    /// How many days a deal typically spends in this stage; new plans share their time
    /// between stages in this proportion. None: the workspace's typical length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typical_days: Option<u32>,
    #[serde(default)]
    pub tasks: Vec<TemplateTask>,
    /// The stage's milestone is agreed with the client (shown in the client's update).
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub milestone_with_client: bool,
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

/// Problems with a template, in words, before it is saved.
pub fn problems(t: &Template) -> Vec<String> {
    let mut out = Vec::new();
    if t.name.trim().is_empty() {
        out.push("Give the template a name.".into());
    }
    if t.stages.is_empty() {
        out.push("A template needs at least one stage.".into());
    }
    let tasks: Vec<&TemplateTask> = t.stages.iter().flat_map(|s| &s.tasks).collect();
    let mut keys: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, task) in tasks.iter().enumerate() {
        if task.title.trim().is_empty() {
            out.push(format!("Task {} has no title.", i + 1));
        }
        if task.duration_days > crate::model::limits::MAX_DURATION_DAYS {
            out.push(format!(
                "“{}” must take 0 (a checkpoint) to {} working days.",
                task.title,
                crate::model::common::group_thousands(
                    crate::model::limits::MAX_DURATION_DAYS.into()
                )
            ));
        }
        if keys.insert(task.key.as_str(), i).is_some() {
            out.push(format!("Two tasks share the key “{}”.", task.key));
        }
    }
    for stage in &t.stages {
        if stage.milestone.trim().is_empty() {
            out.push(format!(
                "The {} stage needs a milestone name.",
                stage.stage.label()
            ));
        }
        if stage
            .typical_days
            .is_some_and(|d| d > crate::model::limits::MAX_THRESHOLD_DAYS)
        {
            out.push(format!(
                "The {} stage's typical length must be at most {} days.",
                stage.stage.label(),
                crate::model::common::group_thousands(
                    crate::model::limits::MAX_THRESHOLD_DAYS.into()
                )
            ));
        }
        if stage.probability > 100 {
            out.push(format!(
                "The {} stage's probability is above 100 %.",
                stage.stage.label()
            ));
        }
    }
    let edges: Vec<Vec<usize>> = tasks
        .iter()
        .map(|task| {
            task.depends_on
                .iter()
                .filter_map(|k| match keys.get(k.as_str()) {
                    Some(i) => Some(*i),
                    None => {
                        out.push(format!(
                            "“{}” waits for “{k}”, which is not a task key of this template.",
                            task.title
                        ));
                        None
                    }
                })
                .collect()
        })
        .collect();
    for cycle in crate::model::graph::cycles_in(&edges) {
        let names: Vec<&str> = cycle.iter().map(|i| tasks[*i].title.as_str()).collect();
        out.push(format!(
            "These tasks wait for each other in a circle: {} → {}.",
            names.join(" → "),
            names[0]
        ));
    }
    out
}
