//! The weekly status update a project sends its stakeholders: progress against milestones,
//! what was done since the last update, risks and their mitigation, next steps and asks.
//! Built as data (the app shows it as a printable page) and written out as Markdown.

use crate::engine::health::health;
use crate::model::*;
use chrono::NaiveDate;
use std::fmt::Write;

/// The channel a sent update is logged under; the next update starts from its date.
pub const UPDATE_CHANNEL: &str = "Status update";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MilestoneState {
    Reached(NaiveDate),
    Overdue { due: NaiveDate, days: i64 },
    Due(NaiveDate),
    Undated,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneLine {
    pub name: String,
    pub state: MilestoneState,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskLine {
    pub description: String,
    pub score: u8,
    pub level: &'static str,
    pub mitigation: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepLine {
    pub text: String,
    pub date: Option<NaiveDate>,
    pub owner: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusUpdate {
    pub project: String,
    pub client: String,
    pub date: NaiveDate,
    pub since: NaiveDate,
    pub stage: &'static str,
    pub health: Option<&'static str>,
    pub target: NaiveDate,
    pub recipients: Vec<String>,
    pub milestones: Vec<MilestoneLine>,
    pub done: Vec<String>,
    pub risks: Vec<RiskLine>,
    pub next_steps: Vec<StepLine>,
    pub asks: Vec<String>,
}

/// When the last update was sent (logged under [`UPDATE_CHANNEL`]), if ever.
pub fn last_update_sent(ws: &Workspace, project: ProjectId) -> Option<NaiveDate> {
    ws.communications
        .iter()
        .filter(|c| c.is_live() && c.project_id == project && c.channel == UPDATE_CHANNEL)
        .map(|c| c.date)
        .max()
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The update for `project` as of `today`, covering what happened after `since`. `asks` is
/// what the team needs from the readers, one per line.
pub fn status_update(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    since: NaiveDate,
    asks: &str,
) -> StatusUpdate {
    let milestones = ws.milestones_of(project.id);
    let milestone_lines = milestones
        .iter()
        .map(|m| MilestoneLine {
            name: m.name.clone(),
            state: match (m.completed_on, m.due_date) {
                (Some(done), _) => MilestoneState::Reached(done),
                (None, Some(due)) if due < today => MilestoneState::Overdue {
                    due,
                    days: (today - due).num_days(),
                },
                (None, Some(due)) => MilestoneState::Due(due),
                (None, None) => MilestoneState::Undated,
            },
        })
        .collect();

    let in_window = |d: NaiveDate| d > since && d <= today;
    let mut done: Vec<(NaiveDate, String)> = Vec::new();
    for m in &milestones {
        if let Some(d) = m.completed_on.filter(|d| in_window(*d)) {
            done.push((d, format!("Milestone reached: {}", m.name)));
        }
    }
    for t in ws.tasks_of(project.id) {
        if let Some(d) = t.completed_on.filter(|d| in_window(*d)) {
            done.push((d, t.title.clone()));
        }
    }
    let conversations: Vec<&Communication> = ws
        .communications
        .of(project.id)
        .filter(|c| c.is_live())
        .collect();
    for c in &conversations {
        if in_window(c.date) && c.channel != UPDATE_CHANNEL {
            let channel = if c.channel.is_empty() {
                "Conversation"
            } else {
                c.channel.as_str()
            };
            done.push((c.date, format!("{channel}: {}", c.summary)));
        }
    }
    done.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));

    let mut risks: Vec<RiskLine> = ws
        .risks
        .of(project.id)
        .filter(|r| r.is_live() && r.status != RiskStatus::Closed)
        .map(|r| RiskLine {
            description: r.description.clone(),
            score: r.score(),
            level: r.level(),
            mitigation: r.mitigation.clone(),
        })
        .collect();
    risks.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.description.cmp(&b.description))
    });

    let mut next_steps: Vec<StepLine> = conversations
        .iter()
        .filter(|c| !c.next_step.trim().is_empty() && c.next_step_date.is_some_and(|d| d >= today))
        .map(|c| StepLine {
            text: c.next_step.clone(),
            date: c.next_step_date,
            owner: None,
        })
        .collect();
    let horizon = today
        .checked_add_days(chrono::Days::new(14))
        .unwrap_or(today);
    next_steps.extend(
        ws.tasks_of(project.id)
            .into_iter()
            .filter(|t| !t.is_done() && t.due_date.is_some_and(|d| d <= horizon))
            .map(|t| StepLine {
                text: t.title.clone(),
                date: t.due_date,
                owner: t.owner.map(|o| ws.member_name(Some(o))),
            }),
    );
    next_steps.sort_by(|a, b| a.date.cmp(&b.date).then(a.text.cmp(&b.text)));

    let recipients = ws
        .stakeholders
        .of(project.id)
        .filter(|s| s.is_live())
        .map(|s| s.name.clone())
        .collect();

    StatusUpdate {
        project: project.name.clone(),
        client: project.client.clone(),
        date: today,
        since,
        stage: project.stage.label(),
        health: health(ws, project, today).map(|h| h.status.label()),
        target: project.target_date,
        recipients,
        milestones: milestone_lines,
        done: done.into_iter().map(|(_, text)| text).collect(),
        risks,
        next_steps,
        asks: asks
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '*']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    }
}

impl MilestoneState {
    pub fn describe(&self) -> String {
        match self {
            Self::Reached(d) => format!("reached {}", day(*d)),
            Self::Overdue { due, days } => format!("overdue by {days} days (due {})", day(*due)),
            Self::Due(d) => format!("due {}", day(*d)),
            Self::Undated => "no date yet".into(),
        }
    }

    pub fn mark(&self) -> &'static str {
        match self {
            Self::Reached(_) => "[x]",
            _ => "[ ]",
        }
    }
}

impl StepLine {
    pub fn describe(&self) -> String {
        let mut s = self.text.clone();
        if let Some(owner) = &self.owner {
            let _ = write!(s, " ({owner})");
        }
        if let Some(d) = self.date {
            let _ = write!(s, " — by {}", day(d));
        }
        s
    }
}

/// Escapes characters Markdown would read as formatting in text people typed.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '<' | '>' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl StatusUpdate {
    /// The file name a downloaded update gets: `acme-renewal-update-2026-11-22.md`.
    pub fn file_name(&self) -> String {
        let slug = crate::model::common::slug(&self.project);
        format!("{slug}-update-{}.md", self.date)
    }

    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {} — status update {}",
            md(&self.project),
            day(self.date)
        );
        let _ = writeln!(out);
        let mut facts = vec![format!("**Stage:** {}", self.stage)];
        if let Some(h) = self.health {
            facts.push(format!("**Health:** {h}"));
        }
        facts.push(format!("**Target:** {}", day(self.target)));
        let _ = writeln!(out, "{}", facts.join(" · "));
        if !self.recipients.is_empty() {
            let names: Vec<String> = self.recipients.iter().map(|r| md(r)).collect();
            let _ = writeln!(out, "\n**For:** {}", names.join(", "));
        }

        let _ = writeln!(out, "\n## Progress against milestones\n");
        if self.milestones.is_empty() {
            let _ = writeln!(out, "No milestones planned yet.");
        }
        for m in &self.milestones {
            let _ = writeln!(
                out,
                "- {} {} — {}",
                m.state.mark(),
                md(&m.name),
                m.state.describe()
            );
        }

        let _ = writeln!(out, "\n## Done since {}\n", day(self.since));
        if self.done.is_empty() {
            let _ = writeln!(out, "Nothing completed in this period.");
        }
        for d in &self.done {
            let _ = writeln!(out, "- {}", md(d));
        }

        let _ = writeln!(out, "\n## Risks and mitigation\n");
        if self.risks.is_empty() {
            let _ = writeln!(out, "No open risks.");
        }
        for r in &self.risks {
            let mitigation = if r.mitigation.is_empty() {
                "mitigation to be agreed".to_string()
            } else {
                md(&r.mitigation)
            };
            let _ = writeln!(
                out,
                "- **{}** (score {}, {}) — {mitigation}",
                md(&r.description),
                r.score,
                r.level
            );
        }

        let _ = writeln!(out, "\n## Next steps\n");
        if self.next_steps.is_empty() {
            let _ = writeln!(out, "No next steps agreed yet.");
        }
        for s in &self.next_steps {
            let _ = writeln!(out, "- {}", md(&s.describe()));
        }

        let _ = writeln!(out, "\n## Asks\n");
        if self.asks.is_empty() {
            let _ = writeln!(out, "None this week.");
        }
        for a in &self.asks {
            let _ = writeln!(out, "- {}", md(a));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_workspace;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_sample_deal_update_covers_every_section() {
        let today = d("2026-11-22");
        let ws = sample_workspace(
            "2026-11-22T09:00:00Z".parse().unwrap(),
            today,
            &mut SequentialIds::default(),
        );
        let p = ws
            .live_projects()
            .find(|p| p.name.starts_with("Helios"))
            .unwrap();
        let u = status_update(
            &ws,
            p,
            today,
            today
                .checked_sub_days(chrono::Days::new(7))
                .unwrap_or(today),
            "- Confirm the budget owner\n\n* Share the security questionnaire",
        );
        assert_eq!(u.stage, p.stage.label());
        assert_eq!(u.health, Some("At risk"));
        assert!(!u.milestones.is_empty());
        assert!(
            u.risks.len() >= 2,
            "the order of at least two risks is checked"
        );
        assert!(u.risks.windows(2).all(|w| w[0].score >= w[1].score));
        assert_eq!(
            u.asks,
            [
                "Confirm the budget owner",
                "Share the security questionnaire"
            ]
        );
        let text = u.to_markdown();
        for heading in [
            "## Progress against milestones",
            "## Done since 15 Nov 2026",
            "## Risks and mitigation",
            "## Next steps",
            "## Asks",
        ] {
            assert!(text.contains(heading), "{heading} in\n{text}");
        }
        assert!(text.starts_with(&format!("# {} — status update 22 Nov 2026", md(&p.name))));
        assert!(text.contains("- Confirm the budget owner"));
        assert!(text.contains("(score 15, high)"), "{text}");
        assert!(u.file_name().starts_with("helios-"), "{}", u.file_name());
        assert!(u.file_name().ends_with("-update-2026-11-22.md"));
    }

    #[test]
    fn typed_text_cannot_break_the_markdown() {
        assert_eq!(
            md("Q4 *final* [draft] #1"),
            "Q4 \\*final\\* \\[draft\\] \\#1"
        );
    }
}
