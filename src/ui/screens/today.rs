//! Today: what to act on now, for me, a teammate or the whole team (`?owner=` in the
//! address). Each line says why it is there and offers the next step in one click: tick it
//! off, snooze it to a day, reschedule it, log the conversation, or open it. The rules are
//! `engine::today`'s (defined in `docs/metrics.md`).

use crate::dates::Written;
use crate::engine::today::{page, whose, Line, Next, Page, Section, Who};
use crate::model::command::FollowUpCommand;
use crate::model::follow_up::Subject;
use crate::model::{day, weekday, ProjectId};
use crate::ui::components::conversation_dialog::ConversationDialog;
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::router::{replace_route, use_route, ListQuery, ProjectTab, Route};
use crate::ui::state::{today, use_app};
use leptos::prelude::*;

impl Row for Line {
    type Id = Subject;
    fn id(&self) -> Subject {
        self.subject
    }
}

/// The Today screen.
#[component]
pub fn TodayScreen() -> impl IntoView {
    let app = use_app();
    let route = use_route();
    let owner = Memo::new(move |_| match route.get() {
        Route::Today(q) => q.owner,
        _ => String::new(),
    });
    let who = Memo::new(move |_| whose(&owner.get(), app.me.get()));
    // A long group draws its first lines and offers the rest: a team's Today at 10,000
    // projects holds tens of thousands of lines.
    let expanded = RwSignal::new([false; 7]);
    let all = Memo::new(move |_| {
        let (who, expanded) = (who.get(), expanded.get());
        let shown = |s: Section| {
            if expanded[s as usize] {
                usize::MAX
            } else {
                SHOWN_AT_FIRST
            }
        };
        app.with(|ws| page(ws, today(), who, shown))
            .unwrap_or_default()
    });
    let logging = RwSignal::new(None::<(ProjectId, crate::model::StakeholderId)>);
    let team = Memo::new(move |_| who.get() == Who::Team);
    let empty = Memo::new(move |_| all.with(|t| t.lines.is_empty()));
    view! {
        <div class="page today">
            <header class="page-head">
                <div>
                    <h1>"Today"</h1>
                    <p class="muted">{move || weekday(today()).to_string()}</p>
                </div>
                <WhoseToday owner />
            </header>
            <ReminderNote />
            {move || empty.get().then(|| view! {
                <section class="empty-state" data-testid="today-empty">
                    <h2>"Nothing needs you today"</h2>
                    <p>"No task is overdue or due this week, everyone has heard from you within their cadence, and no risk is due for review."</p>
                </section>
            })}
            {Section::ALL.into_iter().map(|section| view! { <TodaySection section all expanded team logging /> }).collect_view()}
            <Snoozed all />
            {move || logging.get().map(|(project, who)| view! {
                <ConversationDialog project entry=None with=vec![who] on_done=Callback::new(move |_| logging.set(None)) />
            })}
        </div>
    }
}

/// The choice of whose Today: mine, a teammate's or the team's, kept in the address.
#[component]
fn WhoseToday(owner: Memo<String>) -> impl IntoView {
    let app = use_app();
    let options = Memo::new(move |_| {
        let mut out = Vec::new();
        if app.me.get().is_some() {
            out.push((String::new(), "Mine".to_string()));
        }
        out.push(("team".to_string(), "The whole team".to_string()));
        let me = app.me.get();
        app.with(|ws| {
            out.extend(
                ws.live_members()
                    .filter(|m| Some(m.id) != me)
                    .map(|m| (m.id.to_text(), m.name.clone())),
            )
        });
        out
    });
    let selected = move || {
        let o = owner.get();
        if o.is_empty() && app.me.get().is_none() {
            "team".to_string()
        } else {
            o
        }
    };
    view! {
        <label class="inline-field">
            <span>"Showing"</span>
            <select data-testid="today-whose" on:change=move |ev| {
                let query = ListQuery { owner: event_target_value(&ev), ..ListQuery::default() };
                replace_route(&Route::Today(query));
            }>
                {move || options.get().into_iter().map(|(value, label)| {
                    let chosen = value == selected();
                    view! { <option value=value selected=chosen>{label}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// How many lines of a group are drawn before "Show all".
const SHOWN_AT_FIRST: usize = 50;

/// One group of Today (Overdue, Due today, …), left out when it has no line.
#[component]
fn TodaySection(
    section: Section,
    all: Memo<Page>,
    expanded: RwSignal<[bool; 7]>,
    team: Memo<bool>,
    logging: RwSignal<Option<(ProjectId, crate::model::StakeholderId)>>,
) -> impl IntoView {
    let count = Memo::new(move |_| all.with(|t| t.count(section)));
    let lines = Memo::new(move |_| {
        all.with(|t| {
            t.lines
                .iter()
                .filter(|l| l.section == section)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let shown = Memo::new(move |_| lines.with(Vec::len));
    let heading = format!("today-{}", section_key(section));
    move || {
        (count.get() > 0).then(|| {
            let (id, labelled, testid) = (heading.clone(), heading.clone(), heading.clone());
            view! {
                <section class="section today-section" aria-labelledby=labelled data-testid=testid>
                    <h2 id=id>{section.title()}<span class="count">{move || count.get()}</span></h2>
                    <ul class="today-lines">
                        <Rows each=move || lines.get() key=key let:line>
                            <TodayLine line team logging />
                        </Rows>
                    </ul>
                    {move || (count.get() > shown.get()).then(|| view! {
                        <button class="button" on:click=move |_| expanded.update(|e| e[section as usize] = true)>
                            {move || format!("Show all {}", crate::model::common::group_thousands(count.get() as u64))}
                        </button>
                    })}
                </section>
            }
        })
    }
}

fn section_key(section: Section) -> &'static str {
    match section {
        Section::Overdue => "overdue",
        Section::DueToday => "due-today",
        Section::ThisWeek => "this-week",
        Section::Cadence => "cadence",
        Section::Review => "review",
        Section::Milestones => "milestones",
        Section::PastTarget => "past-target",
    }
}

/// What a line's title opens: the tab where its record lives.
fn tab_of(subject: Subject) -> ProjectTab {
    match subject {
        Subject::Task(_) | Subject::Milestone(_) => ProjectTab::Overview,
        Subject::Risk(_) => ProjectTab::Risks,
        Subject::Stakeholder(_) => ProjectTab::People,
        Subject::Project(_) => ProjectTab::Overview,
    }
}

/// Which small form a line has open.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    Snooze,
    Reschedule,
}

#[component]
fn TodayLine(
    line: Line,
    team: Memo<bool>,
    logging: RwSignal<Option<(ProjectId, crate::model::StakeholderId)>>,
) -> impl IntoView {
    let app = use_app();
    let open = RwSignal::new(None::<Open>);
    let subject = line.subject;
    let project = line.project;
    let href = Route::Project(project, tab_of(subject)).href();
    let owner = untrack(|| app.with(|ws| ws.member_name(line.owner))).unwrap_or_default();
    // A refused step changes nothing; why is said on the line.
    let failed = RwSignal::new(None::<String>);
    let act = move |command: FollowUpCommand| match app.dispatch(command) {
        Ok(()) => {
            failed.set(None);
            open.set(None);
        }
        Err(e) => failed.set(Some(e.to_string())),
    };
    let done = move |_| act(FollowUpCommand::Done(subject));
    let log = move |_| {
        if let Subject::Stakeholder(id) = subject {
            logging.set(Some((project, id)));
        }
    };
    let label = line.title.clone();
    view! {
        <li class="today-line card" data-testid="today-line">
            <div class="today-what">
                <a class="today-title" href=href>{line.title.clone()}</a>
                // A deal's own line is titled with its name already.
                {(!matches!(subject, Subject::Project(_))).then(|| view! { <span class="muted today-project">{line.project_name.clone()}</span> })}
                {move || team.get().then(|| view! { <span class="today-owner">{owner.clone()}</span> }.into_any())}
                <p class="today-why">{line.why.clone()}</p>
            </div>
            <div class="today-actions">
                {matches!(line.next, Next::DoneOrReschedule).then(|| view! {
                    <button class="button" on:click=done aria-label=format!("Done: {label}")>"Done"</button>
                })}
                {matches!(line.next, Next::Log).then(|| view! {
                    <button class="button" on:click=log>"Log conversation"</button>
                })}
                {(!matches!(line.next, Next::Log)).then(|| view! {
                    <button class="button" aria-expanded=move || (open.get() == Some(Open::Reschedule)).to_string()
                        on:click=move |_| open.update(|o| *o = toggle(*o, Open::Reschedule))>"Reschedule"</button>
                })}
                <button class="button" aria-expanded=move || (open.get() == Some(Open::Snooze)).to_string()
                    on:click=move |_| open.update(|o| *o = toggle(*o, Open::Snooze))>"Snooze"</button>
            </div>
            {move || open.get().map(|which| view! { <DayForm which subject on_pick=Callback::new(act) /> })}
            {move || failed.get().map(|why| view! { <p class="field-error today-refused" role="alert">{why}</p> })}
        </li>
    }
}

fn toggle(current: Option<Open>, which: Open) -> Option<Open> {
    (current != Some(which)).then_some(which)
}

/// Picks the day to snooze a line to, or to move its date to: a few common days in one
/// click, or any day typed.
#[component]
fn DayForm(which: Open, subject: Subject, on_pick: Callback<FollowUpCommand>) -> impl IntoView {
    let today = today();
    let command = move |day: chrono::NaiveDate| match which {
        Open::Snooze => FollowUpCommand::Snooze {
            subject,
            until: Some(day),
        },
        Open::Reschedule => FollowUpCommand::Reschedule { subject, to: day },
    };
    let quick = quick_days(today, which);
    let typed = RwSignal::new(crate::model::limits::add_days(today, 1).to_string());
    let error = RwSignal::new(None::<String>);
    let verb = match which {
        Open::Snooze => "Snooze until",
        Open::Reschedule => "Move to",
    };
    let field_id = format!(
        "day-{}",
        crate::ui::components::keyed::fingerprint(&(subject, verb))
    );
    view! {
        <form class="today-day-form" on:submit=move |ev| {
            ev.prevent_default();
            match typed.get_untracked().parse::<chrono::NaiveDate>() {
                Ok(day) => { error.set(None); on_pick.run(command(day)) }
                Err(_) => error.set(Some("Enter a date, such as 2026-12-10.".into())),
            }
        }>
            <div class="quick-days">
                {quick.into_iter().map(|(label, day)| view! {
                    <button type="button" class="button small" on:click=move |_| on_pick.run(command(day))>
                        {format!("{label} ({})", day.written("%a %d %b"))}
                    </button>
                }).collect_view()}
            </div>
            <label for=field_id.clone()>{verb}</label>
            <input id=field_id type="date" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
            <button type="submit" class="button primary small">{match which { Open::Snooze => "Snooze", Open::Reschedule => "Move" }}</button>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </form>
    }
}

/// One-click days: tomorrow, next Monday, in a week (and in two weeks for a new date).
fn quick_days(today: chrono::NaiveDate, which: Open) -> Vec<(&'static str, chrono::NaiveDate)> {
    use chrono::Datelike;
    let add = crate::model::limits::add_days;
    let to_monday = 7 - i64::from(today.weekday().num_days_from_monday());
    let mut out = vec![
        ("Tomorrow", add(today, 1)),
        ("Next Monday", add(today, to_monday)),
        ("In a week", add(today, 7)),
    ];
    if which == Open::Reschedule {
        out.push(("In two weeks", add(today, 14)));
    }
    out
}

/// Lines snoozed past today, to bring back early.
#[component]
fn Snoozed(all: Memo<Page>) -> impl IntoView {
    let app = use_app();
    let lines = Memo::new(move |_| all.with(|t| t.snoozed.clone()));
    let count = Memo::new(move |_| lines.with(Vec::len));
    move || {
        (count.get() > 0).then(|| view! {
            <details class="section today-snoozed" data-testid="today-snoozed">
                <summary>{move || format!("Snoozed ({})", count.get())}</summary>
                <ul class="today-lines">
                    <Rows each=move || lines.get() key=key let:line>
                        {
                            let subject = line.subject;
                            let until = line.snoozed_until.map(|d| day(d).to_string()).unwrap_or_default();
                            view! {
                                <li class="today-line card">
                                    <div class="today-what">
                                        <span class="today-title">{line.title.clone()}</span>
                                        <span class="muted today-project">{line.project_name.clone()}</span>
                                        <p class="today-why">{format!("{} · snoozed until {until}", line.why)}</p>
                                    </div>
                                    <div class="today-actions">
                                        <button class="button" on:click=move |_| { let _ = app.dispatch(FollowUpCommand::Snooze { subject, until: None }); }>"Bring back"</button>
                                    </div>
                                </li>
                            }
                        }
                    </Rows>
                </ul>
            </details>
        })
    }
}

/// What reminders do in this browser, and the button that lets them be notifications.
#[component]
fn ReminderNote() -> impl IntoView {
    use crate::ui::state::reminders::{ask_for_notifications, notifications_allowed};
    let allowed = RwSignal::new(notifications_allowed());
    let ask = move |_| ask_for_notifications(move |yes| allowed.set(yes));
    view! {
        <p class="callout info today-reminders" data-testid="reminder-note">
            {move || if allowed.get() {
                "Reminders on your tasks show as notifications while Pursuit is open in a tab. "
            } else {
                "Reminders on your tasks show in this page while Pursuit is open in a tab. "
            }}
            "No browser can remind you while every Pursuit tab is closed: for that, Data → My dates exports your tasks to your calendar with each reminder as an alarm."
            {move || (!allowed.get()).then(|| view! {
                " " <button class="button small" on:click=ask>"Show reminders as notifications"</button>
            })}
        </p>
    }
}
