//! The weekly status update: progress against milestones, what was done since the last
//! update, risks and their mitigation, next steps and asks. Written for one of two
//! audiences: the team (everything, including health, risks, value and the conversation
//! log) or the client's people (progress, next steps and what we need from them; health,
//! risks, value and probability only when ticked; the conversation log and internal notes
//! never). Built as data (the app shows it as a printable page) and written out as Markdown.

use crate::dates::Written;
use crate::engine::health::health;
use crate::model::*;
use chrono::NaiveDate;
use std::fmt::Write;

/// The channel a sent update is logged under; the next update starts from its date.
pub const UPDATE_CHANNEL: &str = "Status update";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MilestoneState {
    Reached(NaiveDate),
    /// Closed without being reached, with the reason.
    Skipped(String),
    Overdue {
        due: NaiveDate,
        days: i64,
    },
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

/// Who an update is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Audience {
    /// The team and its manager: everything.
    #[default]
    Internal,
    /// The client's buying committee.
    Client,
}

/// What an update says: its audience and, for the client, what was ticked to share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct UpdateOptions {
    pub audience: Audience,
    /// Share the health status with the client.
    pub health: bool,
    /// Share the open risks and their mitigation with the client.
    pub risks: bool,
    /// Share the deal's value and probability with the client.
    pub value: bool,
}

impl UpdateOptions {
    pub fn internal() -> Self {
        Self::default()
    }

    pub fn client() -> Self {
        Self {
            audience: Audience::Client,
            ..Self::default()
        }
    }

    fn shows(&self, ticked: bool) -> bool {
        self.audience == Audience::Internal || ticked
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusUpdate {
    pub audience: Audience,
    pub project: String,
    pub client: String,
    pub date: NaiveDate,
    pub since: NaiveDate,
    pub stage: &'static str,
    pub health: Option<&'static str>,
    /// The health reasons, for the team.
    pub health_reasons: Vec<String>,
    /// "EUR 250,000 at 60 %", when shown.
    pub value: Option<String>,
    /// Whether the update has a risks section (always for the team; for the client when
    /// ticked, listing the open risks or saying there are none).
    pub risks_shown: bool,
    pub target: NaiveDate,
    pub recipients: Vec<String>,
    pub milestones: Vec<MilestoneLine>,
    pub done: Vec<String>,
    pub risks: Vec<RiskLine>,
    pub next_steps: Vec<StepLine>,
    pub asks: Vec<String>,
    /// For the client: how many milestones and open tasks stay internal (not agreed with
    /// the client), so the preview can say what is left out and why.
    pub left_out: LeftOut,
}

/// What a client's update leaves out: the plan not agreed with the client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub milestones: usize,
    pub tasks: usize,
}

impl LeftOut {
    /// "Left out: 3 internal milestones and 7 internal tasks…", or nothing when nothing is.
    pub fn describe(&self) -> Option<String> {
        use crate::model::common::plural;
        let parts: Vec<String> = [
            (self.milestones, "internal milestone", "internal milestones"),
            (self.tasks, "internal open task", "internal open tasks"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| plural(n, one, many))
        .collect();
        (!parts.is_empty()).then(|| {
            format!(
                "Left out for the client: {}. The client's version shows only the mutual action plan — milestones and tasks marked “Agreed with the client” (in their edit forms).",
                parts.join(" and ")
            )
        })
    }
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
    d.written("%-d %b %Y").to_string()
}

/// The update for `project` as of `today`, covering what happened after `since`, for the
/// audience in `options`. `asks` is what the team needs from the readers, one per line.
pub fn status_update(
    ws: &Workspace,
    project: &Project,
    today: NaiveDate,
    since: NaiveDate,
    asks: &str,
    options: &UpdateOptions,
) -> StatusUpdate {
    let internal = options.audience == Audience::Internal;
    // The client sees the mutual action plan only: what was agreed with them.
    let all_milestones = ws.milestones_of(project.id);
    let all_tasks = ws.tasks_of(project.id);
    let milestones: Vec<&Milestone> = all_milestones
        .iter()
        .copied()
        .filter(|m| internal || m.with_client)
        .collect();
    let tasks: Vec<&Task> = all_tasks
        .iter()
        .copied()
        .filter(|t| internal || t.with_client)
        .collect();
    let left_out = LeftOut {
        milestones: all_milestones.len() - milestones.len(),
        tasks: all_tasks
            .iter()
            .filter(|t| !t.is_done() && !internal && !t.with_client)
            .count(),
    };
    let milestone_lines = milestones
        .iter()
        .map(|m| milestone_line(m, today))
        .collect();

    let conversations: Vec<&Communication> = ws
        .communications
        .of(project.id)
        .filter(|c| c.is_live())
        .collect();
    let shown = Shown {
        milestones: &milestones,
        tasks: &tasks,
        conversations: &conversations,
        internal,
    };
    let done = shown.done(since, today);
    let risks = risk_lines(ws, project, options);
    let next_steps = shown.next_steps(ws, today, options.audience);

    let recipients = recipients(ws, project, options.audience)
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let h = health(ws, project, today).filter(|_| options.shows(options.health));

    StatusUpdate {
        audience: options.audience,
        project: project.name.clone(),
        client: project.client.clone(),
        date: today,
        since,
        stage: project.stage.label(),
        health: h.as_ref().map(|h| h.status.label()),
        health_reasons: h
            .iter()
            .filter(|_| internal)
            .flat_map(|h| h.reasons.iter().map(|r| r.text.clone()))
            .collect(),
        value: options
            .shows(options.value)
            .then(|| format!("{} at {} %", project.value.display(), project.probability)),
        risks_shown: options.shows(options.risks),
        target: project.target_date,
        recipients,
        milestones: milestone_lines,
        done,
        risks,
        next_steps,
        asks: asks
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '*']).trim())
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        left_out,
    }
}

/// What the update shows of the project's plan and log (the client sees the mutual action
/// plan and no conversations).
struct Shown<'a> {
    milestones: &'a [&'a Milestone],
    tasks: &'a [&'a Task],
    conversations: &'a [&'a Communication],
    internal: bool,
}

impl Shown<'_> {
    /// What was done after `since` up to `today`, oldest first.
    fn done(&self, since: NaiveDate, today: NaiveDate) -> Vec<String> {
        let in_window = |d: NaiveDate| d > since && d <= today;
        let mut done: Vec<(NaiveDate, String)> = Vec::new();
        for m in self.milestones {
            if let Some(d) = m.completed_on.filter(|d| in_window(*d)) {
                done.push((d, format!("Milestone reached: {}", m.name)));
            }
        }
        for t in self.tasks {
            if let Some(d) = t.completed_on.filter(|d| in_window(*d)) {
                done.push((d, t.title.clone()));
            }
        }
        // The conversation log is the team's own notes: never in a client's update.
        for c in self.conversations.iter().filter(|_| self.internal) {
            if in_window(c.date) && c.channel != UPDATE_CHANNEL {
                let channel = if c.channel.is_empty() {
                    "Conversation"
                } else {
                    c.channel.as_str()
                };
                done.push((c.date, format!("{channel}: {}", c.summary)));
            }
        }
        crate::sorting::sort_by(&mut done, |a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        done.into_iter().map(|(_, text)| text).collect()
    }

    /// Next steps agreed in conversations and open tasks due within two weeks, soonest
    /// first.
    fn next_steps(&self, ws: &Workspace, today: NaiveDate, audience: Audience) -> Vec<StepLine> {
        let mut next_steps: Vec<StepLine> = self
            .conversations
            .iter()
            .filter(|c| {
                !c.next_step.trim().is_empty() && c.next_step_date.is_some_and(|d| d >= today)
            })
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
            self.tasks
                .iter()
                .filter(|t| !t.is_done() && t.due_date.is_some_and(|d| d <= horizon))
                .map(|t| StepLine {
                    text: t.title.clone(),
                    date: t.due_date,
                    owner: step_owner(ws, t, audience),
                }),
        );
        crate::sorting::sort_by(&mut next_steps, |a, b| {
            a.date.cmp(&b.date).then(a.text.cmp(&b.text))
        });
        next_steps
    }
}

fn milestone_line(m: &Milestone, today: NaiveDate) -> MilestoneLine {
    MilestoneLine {
        name: m.name.clone(),
        state: match (m.completed_on, m.due_date) {
            (Some(_), _) if m.skipped.is_some() => {
                MilestoneState::Skipped(m.skipped.clone().unwrap_or_default())
            }
            (Some(done), _) => MilestoneState::Reached(done),
            (None, Some(due)) if due < today => MilestoneState::Overdue {
                due,
                days: (today - due).num_days(),
            },
            (None, Some(due)) => MilestoneState::Due(due),
            (None, None) => MilestoneState::Undated,
        },
    }
}

/// The open risks, highest score first (none when the options leave risks out).
fn risk_lines(ws: &Workspace, project: &Project, options: &UpdateOptions) -> Vec<RiskLine> {
    let mut risks: Vec<RiskLine> = ws
        .risks
        .of(project.id)
        .filter(|_| options.shows(options.risks))
        .filter(|r| r.is_live() && r.status != RiskStatus::Closed)
        .map(|r| RiskLine {
            description: r.description.clone(),
            score: r.score(),
            level: r.level(),
            mitigation: r.mitigation.clone(),
        })
        .collect();
    crate::sorting::sort_by(&mut risks, |a, b| {
        b.score
            .cmp(&a.score)
            .then(a.description.cmp(&b.description))
    });

    risks
}

/// Who a step is shown with: for the client, their own person on it when the step names
/// one (else ours); for the team, ours and, when set, the client's in brackets.
fn step_owner(ws: &Workspace, t: &Task, audience: Audience) -> Option<String> {
    let ours = t.owner.map(|o| ws.member_name(Some(o)));
    let theirs = t
        .client_owner
        .and_then(|sid| ws.stakeholders.iter().find(|s| s.id == sid && s.is_live()))
        .map(|s| s.name.clone());
    match (audience, ours, theirs) {
        (Audience::Client, _, Some(theirs)) => Some(theirs),
        (Audience::Client, ours, None) => ours,
        (Audience::Internal, Some(ours), Some(theirs)) => Some(format!("{ours} with {theirs}")),
        (Audience::Internal, ours, theirs) => ours.or(theirs),
    }
}

/// Who an update goes to: the client's people (external stakeholders) or the team (the
/// deal owner, the owners of its open tasks and its internal stakeholders), by name.
pub fn recipients(
    ws: &Workspace,
    project: &Project,
    audience: Audience,
) -> Vec<(Option<StakeholderId>, String)> {
    let people = ws.stakeholders.of(project.id).filter(|s| s.is_live());
    match audience {
        Audience::Client => people
            .filter(|s| !s.internal)
            .map(|s| (Some(s.id), s.name.clone()))
            .collect(),
        Audience::Internal => {
            let mut members: Vec<MemberId> = project.owner.into_iter().collect();
            for t in ws.tasks_of(project.id) {
                if let Some(o) = t.owner.filter(|o| !t.is_done() && !members.contains(o)) {
                    members.push(o);
                }
            }
            let mut out: Vec<(Option<StakeholderId>, String)> = members
                .into_iter()
                .filter_map(|m| ws.member(m))
                .map(|m| (None, m.name.clone()))
                .collect();
            for s in people.filter(|s| s.internal) {
                if !out.iter().any(|(_, n)| *n == s.name) {
                    out.push((Some(s.id), s.name.clone()));
                }
            }
            out
        }
    }
}

impl MilestoneState {
    pub fn describe(&self) -> String {
        match self {
            Self::Reached(d) => format!("reached {}", day(*d)),
            Self::Skipped(why) => format!("skipped: {why}"),
            Self::Overdue { due, days } => format!("overdue by {days} days (due {})", day(*due)),
            Self::Due(d) => format!("due {}", day(*d)),
            Self::Undated => "no date yet".into(),
        }
    }

    pub fn mark(&self) -> &'static str {
        match self {
            Self::Reached(_) | Self::Skipped(_) => "[x]",
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
    /// The file name a downloaded update gets: `acme-renewal-update-2026-11-22.md`, or
    /// `acme-renewal-client-update-2026-11-22.md` for the client.
    pub fn file_name(&self) -> String {
        let slug = crate::model::common::slug(&self.project);
        let kind = match self.audience {
            Audience::Internal => "update",
            Audience::Client => "client-update",
        };
        format!("{slug}-{kind}-{}.md", self.date)
    }

    pub fn to_markdown(&self) -> String {
        self.render(Style::Markdown)
    }

    /// The update as plain text for an e-mail body: the same words without Markdown's marks
    /// (headings underlined, no asterisks or escapes).
    pub fn to_plain_text(&self) -> String {
        self.render(Style::Plain)
    }

    /// The subject line of an e-mail carrying the update.
    pub fn subject(&self) -> String {
        format!("{} — status update {}", self.project, day(self.date))
    }

    fn render(&self, style: Style) -> String {
        let (t, b) = (|x: &str| style.text(x), |x: &str| style.bold(x));
        let mut out = String::new();
        style.heading(
            &mut out,
            1,
            &format!("{} — status update {}", t(&self.project), day(self.date)),
        );
        let mut facts = vec![format!("{} {}", b("Stage:"), self.stage)];
        if let Some(h) = self.health {
            facts.push(format!("{} {h}", b("Health:")));
        }
        if let Some(v) = &self.value {
            facts.push(format!("{} {}", b("Value:"), t(v)));
        }
        facts.push(format!("{} {}", b("Target:"), day(self.target)));
        let _ = writeln!(out, "{}", facts.join(" · "));
        for r in &self.health_reasons {
            let _ = writeln!(out, "- {}", t(r));
        }
        if !self.recipients.is_empty() {
            let names: Vec<String> = self.recipients.iter().map(|r| t(r)).collect();
            let _ = writeln!(out, "\n{} {}", b("For:"), names.join(", "));
        }
        let list = |out: &mut String, title: &str, empty: &str, items: Vec<String>| {
            let _ = writeln!(out);
            style.heading(out, 2, title);
            if items.is_empty() {
                let _ = writeln!(out, "{empty}");
            }
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
        };
        let milestones = self
            .milestones
            .iter()
            .map(|m| {
                format!(
                    "{} {} — {}",
                    style.mark(&m.state),
                    t(&m.name),
                    m.state.describe()
                )
            })
            .collect();
        list(
            &mut out,
            "Progress against milestones",
            "No milestones planned yet.",
            milestones,
        );
        let done = self.done.iter().map(|d| t(d)).collect();
        list(
            &mut out,
            &format!("Done since {}", day(self.since)),
            "Nothing completed in this period.",
            done,
        );
        if self.risks_shown {
            let risks = self.risks.iter().map(|r| {
                let mitigation = if r.mitigation.is_empty() {
                    "mitigation to be agreed".to_string()
                } else {
                    t(&r.mitigation)
                };
                format!(
                    "{} (score {}, {}) — {mitigation}",
                    b(&t(&r.description)),
                    r.score,
                    r.level
                )
            });
            list(
                &mut out,
                "Risks and mitigation",
                "No open risks.",
                risks.collect(),
            );
        }
        let steps = self.next_steps.iter().map(|s| t(&s.describe())).collect();
        list(&mut out, "Next steps", "No next steps agreed yet.", steps);
        let asks = self.asks.iter().map(|a| t(a)).collect();
        list(&mut out, "Asks", "None this week.", asks);
        out
    }
}

/// How an update is written out: Markdown (copied, downloaded) or plain text (e-mail).
#[derive(Clone, Copy, PartialEq)]
enum Style {
    Markdown,
    Plain,
}

impl Style {
    /// Text people typed: escaped for Markdown, as typed for plain text.
    fn text(self, x: &str) -> String {
        match self {
            Style::Markdown => md(x),
            Style::Plain => x.to_string(),
        }
    }

    fn bold(self, x: &str) -> String {
        match self {
            Style::Markdown => format!("**{x}**"),
            Style::Plain => x.to_string(),
        }
    }

    /// A heading and the blank line after it (plain text underlines it).
    fn heading(self, out: &mut String, level: usize, title: &str) {
        match self {
            Style::Markdown => {
                let _ = writeln!(out, "{} {title}\n", "#".repeat(level));
            }
            Style::Plain => {
                let rule = if level == 1 { '=' } else { '-' };
                let line: String = std::iter::repeat_n(rule, title.chars().count()).collect();
                let _ = writeln!(out, "{title}\n{line}\n");
            }
        }
    }

    fn mark(self, state: &MilestoneState) -> &'static str {
        match (self, state.mark()) {
            (Style::Markdown, mark) => mark,
            (Style::Plain, "[x]") => "Done:",
            (Style::Plain, _) => "Open:",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_workspace;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// The sample workspace on Sunday 22 Nov 2026.
    fn sample() -> Workspace {
        sample_workspace(
            "2026-11-22T09:00:00Z".parse().unwrap(),
            d("2026-11-22"),
            &mut SequentialIds::default(),
        )
    }

    fn helios(ws: &Workspace) -> &Project {
        ws.live_projects()
            .find(|p| p.name.starts_with("Helios"))
            .unwrap()
    }

    #[test]
    fn the_sample_deal_update_covers_every_section() {
        let today = d("2026-11-22");
        let ws = sample();
        let p = helios(&ws);
        let u = status_update(
            &ws,
            p,
            today,
            today
                .checked_sub_days(chrono::Days::new(7))
                .unwrap_or(today),
            "- Confirm the budget owner\n\n* Share the security questionnaire",
            &UpdateOptions::internal(),
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
    fn the_plain_text_says_the_same_without_markdown_marks() {
        let ws = sample();
        let p = helios(&ws);
        let options = UpdateOptions::internal();
        let u = status_update(
            &ws,
            p,
            d("2026-11-22"),
            d("2026-11-15"),
            "Sign *now*",
            &options,
        );
        let (plain, marked) = (u.to_plain_text(), u.to_markdown());
        assert!(!plain.is_empty());
        assert!(plain.starts_with(&format!("{} — status update 22 Nov 2026\n=", p.name)));
        assert!(plain.contains("Next steps\n----------\n"), "{plain}");
        assert!(
            plain.contains("- Sign *now*"),
            "typed text stays as typed:\n{plain}"
        );
        assert!(!plain.contains("**") && !plain.contains("\n#"), "{plain}");
        // The same lines, only the marks differ.
        let words = |t: &str| t.lines().filter(|l| l.starts_with("- ")).count();
        assert_eq!(words(&plain), words(&marked));
    }

    #[test]
    fn the_mailto_link_carries_recipients_subject_and_body_within_its_limit() {
        let to = vec![
            "anna.keller@acme.example".to_string(),
            "o'neil+deals@x.example".into(),
        ];
        let link = mailto(&to, "Acme — update 3 Dec", "Line one\nZürich & more?");
        assert!(link.whole);
        assert_eq!(
            link.href,
            "mailto:anna.keller@acme.example,o%27neil%2Bdeals@x.example?subject=Acme%20%E2%80%94%20update%203%20Dec&body=Line%20one%0D%0AZ%C3%BCrich%20%26%20more%3F"
        );
        let long = "x".repeat(crate::model::limits::MAILTO_CHARS);
        let cut = mailto(&to, "Long", &long);
        assert!(!cut.whole);
        assert!(cut.href.ends_with(&encode(PASTE_HERE, "")));
        assert!(cut.href.chars().count() <= crate::model::limits::MAILTO_CHARS);
    }

    #[test]
    fn the_client_version_holds_none_of_the_internal_fields() {
        let today = d("2026-11-22");
        let ws = sample();
        let p = helios(&ws);
        let since = d("2026-11-01");
        let internal = status_update(&ws, p, today, since, "", &UpdateOptions::internal());
        let client = status_update(&ws, p, today, since, "", &UpdateOptions::client());
        let (inside, outside) = (internal.to_markdown(), client.to_markdown());
        // What only the team may read, each present in the internal version first.
        let value = p.value.display();
        let mut secret: Vec<String> = vec![
            "Health:".into(),
            "At risk".into(),
            "## Risks and mitigation".into(),
            value.clone(),
            format!("{} %", p.probability),
        ];
        secret.extend(ws.risks.of(p.id).map(|r| md(&r.description)));
        secret.extend(internal.health_reasons.iter().map(|r| md(r)));
        let notes: Vec<String> = ws
            .communications
            .of(p.id)
            .filter(|c| c.date > since)
            .map(|c| md(&c.summary))
            .collect();
        assert!(
            !notes.is_empty(),
            "the sample logs conversations in the window"
        );
        secret.extend(notes);
        let internal_people: Vec<String> = ws
            .stakeholders
            .of(p.id)
            .filter(|s| s.internal)
            .map(|s| s.name.clone())
            .collect();
        assert!(!internal_people.is_empty());
        assert!(secret.len() > 6);
        for s in &secret {
            assert!(inside.contains(s.as_str()), "the team's update has {s}");
            assert!(
                !outside.contains(s.as_str()),
                "the client's update leaks {s}:\n{outside}"
            );
        }
        for name in &internal_people {
            assert!(!client.recipients.contains(name), "{name} is ours");
        }
        // It goes to the client's people; progress, next steps and asks stay.
        assert!(!client.recipients.is_empty());
        assert!(client
            .recipients
            .iter()
            .all(|r| ws.stakeholders.iter().any(|s| s.name == *r && !s.internal)));
        assert!(outside.contains("## Progress against milestones"));
        assert!(outside.contains("## Next steps"));
        assert!(client.file_name().contains("-client-update-"));

        // Ticked, each is shared.
        let ticked = UpdateOptions {
            health: true,
            risks: true,
            value: true,
            ..UpdateOptions::client()
        };
        let shared = status_update(&ws, p, today, since, "", &ticked).to_markdown();
        for s in [
            "**Health:** At risk",
            "## Risks and mitigation",
            value.as_str(),
        ] {
            assert!(shared.contains(s), "{s}");
        }
        // Health reasons and the conversation log are never the client's.
        assert!(!shared.contains(&md(&internal.health_reasons[0])));
    }

    /// The client's update is the mutual action plan: agreed milestones and tasks only,
    /// with the client's own owner on a step; it says how much it left out.
    #[test]
    fn the_client_sees_the_mutual_action_plan_only() {
        let today = d("2026-11-22");
        let ws = sample();
        let p = helios(&ws);
        let since = d("2026-10-01");
        let internal = status_update(&ws, p, today, since, "", &UpdateOptions::internal());
        let client = status_update(&ws, p, today, since, "", &UpdateOptions::client());
        let milestones = ws.milestones_of(p.id);
        let (agreed, ours): (Vec<&Milestone>, Vec<&Milestone>) =
            milestones.iter().copied().partition(|m| m.with_client);
        assert!(
            !agreed.is_empty() && !ours.is_empty(),
            "the sample has both"
        );
        let names = |u: &StatusUpdate| {
            u.milestones
                .iter()
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&internal).len(), milestones.len());
        assert_eq!(
            names(&client),
            agreed.iter().map(|m| m.name.clone()).collect::<Vec<_>>()
        );
        let outside = client.to_markdown();
        let tasks = ws.tasks_of(p.id);
        let internal_titles: Vec<&str> = tasks
            .iter()
            .filter(|t| !t.with_client)
            .map(|t| t.title.as_str())
            .collect();
        assert!(!internal_titles.is_empty());
        for title in &internal_titles {
            assert!(
                !outside.contains(&md(title)),
                "{title} is internal:\n{outside}"
            );
        }
        for m in &ours {
            assert!(!outside.contains(&md(&m.name)), "{} is internal", m.name);
        }
        // A step the client owns names their person to the client, both to the team.
        let step = tasks
            .iter()
            .find(|t| {
                t.with_client
                    && t.client_owner.is_some()
                    && !t.is_done()
                    && t.due_date.is_some_and(|d| d <= d_plus(today, 14))
            })
            .expect("the sample has an open agreed step with a client owner in the next two weeks");
        let theirs = ws
            .stakeholders
            .iter()
            .find(|s| Some(s.id) == step.client_owner)
            .map(|s| s.name.clone())
            .unwrap();
        let ours_name = ws.member_name(step.owner);
        let line = |u: &StatusUpdate| {
            u.next_steps
                .iter()
                .find(|l| l.text == step.title)
                .and_then(|l| l.owner.clone())
        };
        assert_eq!(line(&client), Some(theirs.clone()));
        assert_eq!(line(&internal), Some(format!("{ours_name} with {theirs}")));
        // What was left out, counted and said.
        assert_eq!(client.left_out.milestones, ours.len());
        assert_eq!(
            client.left_out.tasks,
            tasks
                .iter()
                .filter(|t| !t.with_client && !t.is_done())
                .count()
        );
        assert!(client
            .left_out
            .describe()
            .unwrap()
            .starts_with("Left out for the client: "));
        assert_eq!(internal.left_out, LeftOut::default());
        assert_eq!(internal.left_out.describe(), None);
    }

    fn d_plus(day: NaiveDate, days: u64) -> NaiveDate {
        day.checked_add_days(chrono::Days::new(days)).unwrap()
    }

    #[test]
    fn typed_text_cannot_break_the_markdown() {
        assert_eq!(
            md("Q4 *final* [draft] #1"),
            "Q4 \\*final\\* \\[draft\\] \\#1"
        );
    }
}

/// The e-mail addresses an update goes to (its recipients' that have a usable one), and
/// the names of recipients without one.
pub fn recipient_addresses(
    ws: &Workspace,
    project: &Project,
    audience: Audience,
) -> (Vec<String>, Vec<String>) {
    let mut addresses: Vec<String> = Vec::new();
    let mut without = Vec::new();
    let mut add = |name: &str, email: &str| {
        let email = email.trim();
        if !crate::model::draft::plausible_email(email) {
            without.push(name.to_string());
        } else if !addresses.iter().any(|a| a.eq_ignore_ascii_case(email)) {
            addresses.push(email.to_string());
        }
    };
    for (person, name) in recipients(ws, project, audience) {
        let email = match person {
            Some(id) => ws.stakeholders.get(id.0).map(|s| s.email.clone()),
            None => ws
                .live_members()
                .find(|m| m.name == name)
                .map(|m| m.email.clone()),
        };
        add(&name, &email.unwrap_or_default());
    }
    (addresses, without)
}

/// A `mailto:` link (RFC 6068) and whether the body is in it: a body that would make the
/// link longer than [`crate::model::limits::MAILTO_CHARS`] (what mail apps reliably take) is
/// left out for the person to paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailto {
    pub href: String,
    pub whole: bool,
}

/// What the e-mail says when the update is too long for the link.
pub const PASTE_HERE: &str = "(The status update is on your clipboard: paste it here.)";

pub fn mailto(to: &[String], subject: &str, body: &str) -> Mailto {
    let head = format!(
        "mailto:{}?subject={}&body=",
        to.iter()
            .map(|a| encode(a, "@"))
            .collect::<Vec<_>>()
            .join(","),
        encode(subject, "")
    );
    let whole = format!("{head}{}", encode(&body.replace('\n', "\r\n"), ""));
    if whole.chars().count() <= crate::model::limits::MAILTO_CHARS {
        return Mailto {
            href: whole,
            whole: true,
        };
    }
    Mailto {
        href: format!("{head}{}", encode(PASTE_HERE, "")),
        whole: false,
    }
}

/// Percent-encodes all but unreserved characters (and those in `keep`), as UTF-8.
fn encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || "-._~".contains(c) || keep.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}
