//! What a deal's competitors mean for the screens: the threat on its overview and the
//! loss reasons they offer.

use crate::model::{Competitor, CompetitorStatus, ProjectId, Stamped, Workspace};

/// The threat a project's competitors pose, for its overview: the active ones, most
/// threatening first ("Northstar IT (threat 4 of 5)"); empty when none is active.
pub fn active_threats(ws: &Workspace, project: ProjectId) -> Vec<String> {
    let mut active: Vec<&Competitor> = ws
        .competitors
        .of(project)
        .filter(|c| c.is_live() && c.status == CompetitorStatus::Active)
        .collect();
    crate::sorting::sort_by(&mut active, |a, b| {
        b.threat.cmp(&a.threat).then(a.name.cmp(&b.name))
    });
    active
        .iter()
        .map(|c| format!("{} (threat {} of 5)", c.name, c.threat))
        .collect()
}

/// The loss reasons a project's competitors offer: "Lost to <name>" for each.
pub fn loss_reasons(ws: &Workspace, project: ProjectId) -> Vec<String> {
    ws.competitors
        .of(project)
        .filter(|c| c.is_live())
        .map(|c| format!("Lost to {}", c.name))
        .collect()
}
