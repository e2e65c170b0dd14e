//! The Pipeline board: a column per stage with count, total and weighted value; cards move by
//! drag and drop, by Shift+←/→ on a focused card, or with the "Move to" menu. Forward moves go
//! through the stage gate; moving to Won or Lost asks for the reason.

use crate::engine::periods::{contains, period_of};
use crate::engine::plan::{open_criteria, passing, stage_probability};
use crate::model::common::group_thousands;
use crate::model::ProjectCommand;
use crate::model::{
    MemberId, Money, PeriodKind, ProjectId, ProjectKind, ProjectStatus, Stage, TemplateId,
    Workspace,
};
use crate::ui::components::dialog::Modal;
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::components::outcome::CloseDialog;
use crate::ui::components::project_form::template_choices;
use crate::ui::components::stage_gate::{closing_of, PassedWork};
use crate::ui::router::{replace_route, use_route, ListQuery, ProjectTab, Route};
use crate::ui::state::{today, use_app};
use leptos::prelude::*;

/// Where a card can go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Stage(Stage),
    Won,
    Lost,
}

impl Column {
    fn label(self) -> &'static str {
        match self {
            Column::Stage(s) => s.label(),
            Column::Won => "Won",
            Column::Lost => "Lost",
        }
    }

    fn key(self) -> String {
        match self {
            Column::Stage(s) => s.key().to_string(),
            Column::Won => "won".into(),
            Column::Lost => "lost".into(),
        }
    }

    fn from_key(key: &str) -> Option<Column> {
        match key {
            "won" => Some(Column::Won),
            "lost" => Some(Column::Lost),
            k => Stage::from_key(k).map(Column::Stage),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Card {
    pub id: ProjectId,
    pub name: String,
    pub client: String,
    pub owner: String,
    pub value: String,
    pub weighted: String,
    pub probability: u8,
    pub target: String,
    pub overdue: bool,
    pub health: Option<(crate::engine::health::HealthStatus, String)>,
}

#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Lane {
    pub column: Column,
    pub cards: Vec<Card>,
    pub total: i64,
    pub weighted: i64,
}

impl Row for Lane {
    type Id = Column;
    fn id(&self) -> Column {
        self.column
    }
}

/// The board's columns for a template (or every stage), with the filtered projects in them.
/// Pure, so it is tested natively.
pub fn board(
    ws: &Workspace,
    q: &ListQuery,
    today: chrono::NaiveDate,
    healths: &std::collections::HashMap<ProjectId, crate::engine::health::Health>,
) -> Vec<Lane> {
    let template =
        TemplateId::parse(&q.template).and_then(|id| ws.live_templates().find(|t| t.id == id));
    let mut stages: Vec<Stage> = match template {
        Some(t) => t
            .stages
            .iter()
            .map(|s| s.stage)
            .filter(|s| *s != Stage::Closed)
            .collect(),
        None => Stage::ALL
            .iter()
            .copied()
            .filter(|s| *s != Stage::Closed)
            .collect(),
    };
    stages.dedup();
    if stages.is_empty() {
        stages.push(Stage::Prospect);
    }
    let owner = MemberId::parse(&q.owner);
    let period = match q.period.as_str() {
        "month" => Some(PeriodKind::Month),
        "quarter" => Some(PeriodKind::Quarter),
        "year" => Some(PeriodKind::FiscalYear),
        _ => None,
    }
    .map(|k| period_of(k, today, ws.settings.fiscal_year_start_month));
    let needle = q.search.trim().to_lowercase();
    let mut lanes: Vec<Lane> = stages
        .iter()
        .map(|s| Column::Stage(*s))
        .chain([Column::Won, Column::Lost])
        .map(|column| Lane {
            column,
            cards: Vec::new(),
            total: 0,
            weighted: 0,
        })
        .collect();
    let currency = &ws.settings.currency;
    let mut projects: Vec<_> = ws
        .live_projects()
        .filter(|p| {
            p.status.is_open() || matches!(p.status, ProjectStatus::Won | ProjectStatus::Lost)
        })
        .filter(|p| owner.is_none() || p.owner == owner)
        .filter(|p| q.kind.is_empty() || p.kind.key() == q.kind)
        .filter(|p| {
            needle.is_empty()
                || p.client.to_lowercase().contains(&needle)
                || p.name.to_lowercase().contains(&needle)
        })
        .filter(|p| period.is_none_or(|per| contains(per, crate::engine::forecast::period_day(p))))
        .collect();
    crate::sorting::sort_by_key(&mut projects, |p| (p.target_date, p.name.to_lowercase()));
    for p in projects {
        let column = match p.status {
            ProjectStatus::Won => Column::Won,
            ProjectStatus::Lost => Column::Lost,
            // A stage the template skips goes to the closest earlier column it has.
            _ => Column::Stage(
                stages
                    .iter()
                    .rev()
                    .find(|s| **s <= p.stage)
                    .copied()
                    .unwrap_or(stages[0]),
            ),
        };
        let Some(lane) = lanes.iter_mut().find(|l| l.column == column) else {
            continue;
        };
        if &p.value.currency == currency {
            lane.total = lane.total.saturating_add(p.value.minor);
            lane.weighted = lane.weighted.saturating_add(if p.status.is_open() {
                p.weighted_minor()
            } else {
                0
            });
        }
        lane.cards.push(Card {
            id: p.id,
            name: p.name.clone(),
            client: p.client.clone(),
            owner: ws.member_name(p.owner),
            value: p.value.display(),
            weighted: Money::new(p.weighted_minor(), p.value.currency.clone()).display(),
            probability: p.probability,
            target: crate::model::day(p.target_date).to_string(),
            overdue: p.status.is_open() && p.target_date < today,
            health: healths
                .get(&p.id)
                .map(crate::ui::components::health::health_summary),
        });
    }
    lanes
}

/// Why a card can't move yet: the board is drawn from the index while the records are read.
const STILL_OPENING: &str =
    "Your workspace is still opening: cards can be moved once every project's record is read.";

/// Cards a lane shows before "Show all".
const LANE_CARDS: usize = 50;

/// A move waiting for the person's answer (gate reason or close reason).
#[derive(Clone, Copy, PartialEq)]
enum Pending {
    Gate(ProjectId, Stage),
    Close(ProjectId, bool),
}

#[component]
pub fn PipelineScreen() -> impl IntoView {
    let app = use_app();
    let route = use_route();
    let query = Memo::new(move |_| match route.get() {
        Route::Pipeline(q) => q,
        _ => ListQuery::default(),
    });
    let lanes = Memo::new(move |_| {
        let q = query.get();
        let healths = app.healths();
        app.with_projects(|ws| board(ws, &q, today(), &healths))
            .unwrap_or_default()
    });
    let collapsed = RwSignal::new(vec![Column::Won, Column::Lost]);
    // Lanes showing every card rather than the first LANE_CARDS.
    let showing_all = RwSignal::new(Vec::<Column>::new());
    let pending = RwSignal::new(None::<Pending>);
    let dragging = RwSignal::new(None::<ProjectId>);
    let reason = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<String>);

    // Moves a card; asks first when a gate or a close needs an answer.
    let move_card = Callback::new(move |(id, to): (ProjectId, Column)| {
        if app.is_opening() {
            app.notify_error(STILL_OPENING);
            return;
        }
        let Some((from_stage, status, (unmet, passed), probability)) = app
            .with(|ws| {
                let p = ws.project(id)?;
                let (open, passed) = match to {
                    Column::Stage(s) => {
                        let pass = passing(ws, p, s);
                        (pass.criteria, !pass.milestones.is_empty())
                    }
                    _ => (open_criteria(ws, p).1, false),
                };
                let probability = match to {
                    Column::Stage(s) => stage_probability(ws, p, s),
                    _ => p.probability,
                };
                Some((p.stage, p.status, (open, passed), probability))
            })
            .flatten()
        else {
            return;
        };
        match to {
            Column::Won => pending.set(Some(Pending::Close(id, true))),
            Column::Lost => pending.set(Some(Pending::Close(id, false))),
            Column::Stage(stage) => {
                if !status.is_open() {
                    app.notify_error(
                        "Closed projects stay in Won or Lost; reopen one from its page first.",
                    );
                } else if stage == from_stage {
                } else if stage > from_stage && (!unmet.is_empty() || passed) {
                    reason.set(String::new());
                    refusal.set(None);
                    pending.set(Some(Pending::Gate(id, stage)));
                } else if app
                    .dispatch(ProjectCommand::ChangeStage {
                        id,
                        to: stage,
                        unmet: Vec::new(),
                        reason: None,
                        probability,
                        close_passed: None,
                    })
                    .is_ok()
                {
                    app.notify(format!("Moved to {}.", stage.label()));
                }
            }
        }
    });
    let columns = move || lanes.with(|l| l.iter().map(|l| l.column).collect::<Vec<_>>());
    let neighbour = Callback::new(move |(id, step): (ProjectId, i32)| -> Option<Column> {
        let cols = columns();
        let at = lanes.with(|l| {
            l.iter()
                .position(|lane| lane.cards.iter().any(|c| c.id == id))
        })?;
        let to = at as i32 + step;
        (0..cols.len() as i32)
            .contains(&to)
            .then(|| cols[to as usize])
    });
    let currency = move || {
        app.with_team(|ws| ws.settings.currency.clone())
            .unwrap_or_default()
    };

    view! {
        <div class="page wide-page">
            <header class="page-head">
                <div>
                    <h1>"Pipeline"</h1>
                    <p class="muted">"Move a card by dragging it, with Shift+← / Shift+→, or with its “Move to” menu."</p>
                </div>
                <a class="button" href="#/win-loss">"Win/loss lessons"</a>
            </header>
            {move || app.is_opening().then(|| view! { <crate::ui::components::reading_line::ReadingLine /> })}
            <PipelineToolbar query />
            <div class="board" data-testid="board">
                <Rows each=move || lanes.get() key=key let:lane>
                    <LaneColumn lane collapsed showing_all dragging move_card neighbour columns=Signal::derive(columns) currency=Signal::derive(currency) />
                </Rows>
            </div>
            {move || pending.get().map(|p| match p {
                Pending::Close(id, won) => view! { <CloseDialog id won on_done=Callback::new(move |_| pending.set(None)) /> }.into_any(),
                Pending::Gate(id, stage) => view! { <GateDialog id stage pending reason refusal /> }.into_any(),
            })}
        </div>
    }
}

/// The filters of the board, kept in the route.
#[component]
fn PipelineToolbar(query: Memo<ListQuery>) -> impl IntoView {
    let app = use_app();
    let set_query = move |f: &dyn Fn(&mut ListQuery)| {
        let mut q = query.get_untracked();
        f(&mut q);
        replace_route(&Route::Pipeline(q));
    };
    view! {
        <div class="toolbar" role="search">
            <label class="search">
                <span class="visually-hidden">"Search client or project"</span>
                <input type="search" placeholder="Client or project" prop:value=move || query.with(|q| q.search.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.search = v.clone()) } />
            </label>
            <select aria-label="Owner" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.owner = v.clone()) }>
                <option value="">"All owners"</option>
                {move || app.with_team(|ws| ws.member_names()).unwrap_or_default().into_iter().map(|(id, name)| {
                    view! { <option value=id.to_text() selected=move || query.with(|q| q.owner == id.to_text())>{name}</option> }
                }).collect_view()}
            </select>
            <select aria-label="Kind" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.kind = v.clone()) }>
                <option value="">"All kinds"</option>
                {ProjectKind::ALL.iter().map(|k| view! { <option value=k.key() selected=move || query.with(|q| q.kind == k.key())>{k.label()}</option> }).collect_view()}
            </select>
            <select aria-label="Target date" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.period = v.clone()) }>
                {[("", "Any target date"), ("month", "Target this month"), ("quarter", "Target this quarter"), ("year", "Target this fiscal year")].into_iter().map(|(v, l)| {
                    view! { <option value=v selected=move || query.with(|q| q.period == v)>{l}</option> }
                }).collect_view()}
            </select>
            <select aria-label="Stages of" on:change=move |ev| { let v = event_target_value(&ev); set_query(&|q| q.template = v.clone()) }>
                <option value="">"All stages"</option>
                {move || template_choices().into_iter().map(|(id, name)| view! { <option value=id.to_text() selected=move || query.with(|q| q.template == id.to_text())>{format!("Stages of {name}")}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// A column of the board: its totals, and its cards unless collapsed (the first
/// LANE_CARDS until asked for all).
#[component]
#[allow(clippy::too_many_arguments)]
fn LaneColumn(
    lane: Lane,
    collapsed: RwSignal<Vec<Column>>,
    showing_all: RwSignal<Vec<Column>>,
    dragging: RwSignal<Option<ProjectId>>,
    move_card: Callback<(ProjectId, Column)>,
    neighbour: Callback<(ProjectId, i32), Option<Column>>,
    columns: Signal<Vec<Column>>,
    currency: Signal<crate::model::Currency>,
) -> impl IntoView {
    let column = lane.column;
    let is_collapsed = move || collapsed.with(|c| c.contains(&column));
    let total = Money::new(lane.total, currency.get()).compact();
    let weighted = Money::new(lane.weighted, currency.get()).compact();
    let count = lane.cards.len();
    let cards = std::sync::Arc::new(lane.cards);
    let all = move || showing_all.with(|c| c.contains(&column));
    view! {
        <section
            class="lane"
            class:collapsed=is_collapsed
            class:closed-lane=matches!(column, Column::Won | Column::Lost)
            aria-label=format!("{} column", column.label())
            data-column=column.key()
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                if let Some(id) = dragging.get_untracked() {
                    dragging.set(None);
                    move_card.run((id, column));
                }
            }
        >
            <header class="lane-head">
                <div>
                    <h2>{column.label()}<span class="count" data-testid=format!("count-{}", column.key())>{count}</span></h2>
                    <p class="lane-totals" data-testid=format!("totals-{}", column.key())>
                        {total}
                        {matches!(column, Column::Stage(_)).then(|| view! { <span class="muted">{format!(" · weighted {weighted}")}</span> })}
                    </p>
                </div>
                {matches!(column, Column::Won | Column::Lost).then(|| view! {
                    <button class="icon-button" aria-expanded=move || (!is_collapsed()).to_string()
                        aria-label=move || format!("{} the {} column", if is_collapsed() { "Expand" } else { "Collapse" }, column.label())
                        on:click=move |_| collapsed.update(|c| if let Some(i) = c.iter().position(|x| *x == column) { c.remove(i); } else { c.push(column); })>
                        {move || if is_collapsed() { "+" } else { "−" }}
                    </button>
                })}
            </header>
            // A collapsed lane draws no cards, and an open one its first
            // LANE_CARDS: a lane of thousands (an imported CRM) stays quick.
            {move || (!is_collapsed()).then(|| {
            let shown = if all() { count } else { count.min(LANE_CARDS) };
            view! {
            <ul class="cards-list">
                {cards.iter().take(shown).map(|c| view! { <DealCard c=c.clone() column columns dragging move_card neighbour /> }).collect_view()}
            </ul>
            {(count > shown).then(|| view! {
                <button class="button lane-more" data-testid=format!("more-{}", column.key())
                    on:click=move |_| showing_all.update(|c| c.push(column))>
                    {format!("Show all {}", group_thousands(count as u64))}
                </button>
            })}
            }
            })}
        </section>
    }
}

/// A deal on the board: dragged, moved with Shift+arrows or its "Move to" menu.
#[component]
fn DealCard(
    c: Card,
    column: Column,
    columns: Signal<Vec<Column>>,
    dragging: RwSignal<Option<ProjectId>>,
    move_card: Callback<(ProjectId, Column)>,
    neighbour: Callback<(ProjectId, i32), Option<Column>>,
) -> impl IntoView {
    let id = c.id;
    let name = c.name.clone();
    // Drawn from the index while the records are read: nothing moves until they are.
    let app = use_app();
    let opening = move || app.is_opening();
    view! {
        <li
            class="deal-card"
            class:overdue=c.overdue
            draggable=move || (!opening()).to_string()
            tabindex="0"
            aria-label=format!("{}, {}, {}", c.name, c.value, column.label())
            data-project=id.to_text()
            on:dragstart=move |ev| {
                dragging.set(Some(id));
                if let Some(dt) = ev.data_transfer() { let _ = dt.set_data("text/plain", &id.to_text()); }
            }
            on:keydown=move |ev| {
                let step = match ev.key().as_str() { "ArrowRight" if ev.shift_key() => 1, "ArrowLeft" if ev.shift_key() => -1, _ => 0 };
                if step != 0 {
                    ev.prevent_default();
                    if let Some(to) = neighbour.run((id, step)) { move_card.run((id, to)); }
                }
            }
        >
            <a class="card-title" href=Route::Project(id, ProjectTab::Overview).href()>{c.name.clone()}</a>
            <p class="muted">{[c.client.clone(), c.owner.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
            <p class="card-money"><strong>{c.value.clone()}</strong><span class="muted">{format!(" · {} % · weighted {}", c.probability, c.weighted)}</span></p>
            <p class="card-date">
                {format!("Target {}", c.target)}
                {c.overdue.then(|| view! { <span class="flag">"Target passed"</span> })}
                {c.health.clone().map(|(status, why)| view! { <crate::ui::components::health::HealthBadge status why /> })}
            </p>
            <label class="move-to">
                <span class="visually-hidden">{format!("Move {name} to")}</span>
                <select aria-label=format!("Move {name} to") disabled=opening on:change=move |ev| {
                    if let Some(to) = Column::from_key(&event_target_value(&ev)) { move_card.run((id, to)); }
                }>
                    <option value="" selected=true>"Move to…"</option>
                    {columns.get().into_iter().filter(|c| *c != column).map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                </select>
            </label>
        </li>
    }
}

/// Asks before a move forward past open exit criteria or open milestones of the stages
/// passed: a reason, and what becomes of the passed work.
#[component]
fn GateDialog(
    id: ProjectId,
    stage: Stage,
    pending: RwSignal<Option<Pending>>,
    reason: RwSignal<String>,
    refusal: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let (name, pass, probability) = app
        .with(|ws| {
            let p = ws.project(id);
            (
                p.map(|p| p.name.clone()).unwrap_or_default(),
                p.map(|p| passing(ws, p, stage)).unwrap_or_default(),
                p.map(|p| stage_probability(ws, p, stage)).unwrap_or(0),
            )
        })
        .unwrap_or_default();
    let open = pass.criteria;
    let blocked = !open.is_empty();
    let unmet = open.clone();
    let choice = RwSignal::new("done".to_string());
    let why = RwSignal::new(String::new());
    view! {
        <Modal title=format!("Move “{name}” to {}?", stage.label()) on_close=Callback::new(move |_| pending.set(None))>
            <div class="dialog-body">
                {blocked.then(|| view! {
                    <p><strong>"These exit criteria are not met yet:"</strong></p>
                    <ul class="unmet">{open.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    <label class="field">
                        <span class="field-label">"Reason for moving on"</span>
                        <textarea rows="3" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </label>
                })}
                <PassedWork milestones=pass.milestones choice why />
                {move || refusal.get().map(|r| view! { <p class="field-error" role="alert">{r}</p> })}
            </div>
            <div class="dialog-actions">
                <button class="button" on:click=move |_| pending.set(None)>"Cancel"</button>
                <button class="button danger" on:click=move |_| {
                    let close_passed = closing_of(&choice.get_untracked(), why.get_untracked());
                    match app.dispatch(ProjectCommand::ChangeStage { id, to: stage, unmet: unmet.clone(), reason: blocked.then(|| reason.get_untracked()), probability, close_passed }) {
                        Ok(()) => { pending.set(None); app.notify(format!("Moved to {}.", stage.label())); }
                        Err(e) => { app.notices.current.set(None); refusal.set(Some(e.to_string())); }
                    }
                }>{if blocked { "Move anyway" } else { "Move" }}</button>
            </div>
        </Modal>
    }
}
