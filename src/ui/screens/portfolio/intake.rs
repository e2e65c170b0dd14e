//! Intake and prioritisation: propose a project, score proposed and open projects on the
//! workspace's criteria, rank them, see overlapping work for one client, and decide —
//! approve, put on hold or reject, with a reason.

use crate::dates::Written;
use crate::engine::portfolio::{client_overlaps, needs_text, ranking, score_text, unscored};
use crate::engine::workload::people_overlaps;
use crate::model::common::group_thousands;
use crate::model::{
    Criterion, DecisionId, IdSource, ProjectId, ProjectStatus, ReviewId, TemplateId, Verdict,
};
use crate::model::{DecisionDraft, ProjectDraft, ProjectInput};
use crate::model::{PortfolioCommand, ProjectCommand};
use crate::ui::components::dialog::Modal;
use crate::ui::components::figures::money;
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftSelect, DraftTextarea, Field, FormActions,
};
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::components::project_form::{PlaybookChoice, ProjectForm};
use crate::ui::router::{ProjectTab, Route};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[derive(Clone, PartialEq, Hash)]
struct RankRow {
    id: ProjectId,
    rank: usize,
    name: String,
    status: ProjectStatus,
    score: Option<u8>,
    /// "72", or what is missing ("not scored: 3 of 5 criteria").
    score_text: String,
    focus: String,
    value: String,
    needs: String,
    /// For the chart: value in minor units and people × weeks.
    value_minor: i64,
    effort: u32,
}

impl Row for RankRow {
    type Id = ProjectId;
    fn id(&self) -> ProjectId {
        self.id
    }
}

/// Score (across) × value (up) of the scored projects, each bubble sized by the people ×
/// weeks it needs. The ranking table below is its table twin.
#[component]
fn ScoreChart(rows: Memo<Vec<RankRow>>) -> impl IntoView {
    const W: f64 = 640.0;
    const H: f64 = 260.0;
    const PAD: f64 = 36.0;
    // Room on the left for the value axis' labels ("EUR 480k").
    const LEFT: f64 = 70.0;
    let app = use_app();
    move || {
        let scored: Vec<RankRow> = rows
            .get()
            .into_iter()
            .filter(|r| r.score.is_some())
            .collect();
        if scored.is_empty() {
            return None;
        }
        let top = scored
            .iter()
            .map(|r| r.value_minor)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        let big = scored.iter().map(|r| r.effort).max().unwrap_or(1).max(1) as f64;
        let currency = app
            .with(|ws| ws.settings.currency.clone())
            .unwrap_or_default();
        let summary = format!(
            "Score against value for {} scored projects; the table below lists the same figures.",
            scored.len()
        );
        Some(view! {
            <figure class="card score-chart" data-testid="score-chart">
                <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary>
                    <line class="axis" x1=LEFT y1=H - PAD x2=W - 8.0 y2=H - PAD />
                    <line class="axis" x1=LEFT y1=24.0 x2=LEFT y2=H - PAD />
                    {[0u8, 25, 50, 75, 100].into_iter().map(|t| {
                        let x = LEFT + f64::from(t) / 100.0 * (W - LEFT - 16.0);
                        view! { <text class="tick" x=x y=H - PAD + 16.0 text-anchor="middle">{t}</text> }
                    }).collect_view()}
                    <text class="tick" x=W / 2.0 y=H - 4.0 text-anchor="middle">"Portfolio score →"</text>
                    <text class="tick" x=10.0 y=16.0>"Value ↑"</text>
                    {[0.0, 0.5, 1.0].into_iter().map(|share: f64| {
                        let y = H - PAD - share * (H - PAD - 40.0);
                        let label = crate::model::common::Money::new((share * top) as i64, currency.clone()).compact();
                        view! { <text class="tick" x=LEFT - 6.0 y=y + 4.0 text-anchor="end">{label}</text> }
                    }).collect_view()}
                    {scored.into_iter().map(|r| {
                        let score = f64::from(r.score.unwrap_or(0));
                        let x = LEFT + score / 100.0 * (W - LEFT - 16.0);
                        let y = H - PAD - (r.value_minor as f64 / top) * (H - PAD - 40.0);
                        let radius = 6.0 + 16.0 * (f64::from(r.effort) / big).sqrt();
                        view! {
                            <g class=format!("bubble status-{}", r.status.key())>
                                <circle cx=x cy=y r=radius><title>{format!("{}: score {}, {}, {}", r.name, score, r.value, r.needs)}</title></circle>
                                <text x=x y=y + 4.0 text-anchor="middle">{r.rank}</text>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption class="muted">"Bubbles are numbered by rank; bigger bubbles need more people × weeks. Proposed projects are outlined."</figcaption>
            </figure>
        })
    }
}

/// The ranking of proposed and open projects, with scoring and decisions.
#[component]
pub fn Ranking(query: Signal<crate::ui::router::ListQuery>) -> impl IntoView {
    let app = use_app();
    let rows = Memo::new(move |_| {
        let q = query.get();
        app.with(|ws| {
            ranking(ws)
                .into_iter()
                .enumerate()
                .filter_map(|(i, (id, score))| {
                    let p = ws.project(id).filter(|p| super::keep(p, &q))?;
                    Some(RankRow {
                        id,
                        rank: i + 1,
                        name: p.name.clone(),
                        status: p.status,
                        score,
                        score_text: score_text(p, &ws.settings.criteria),
                        focus: p.focus_area.clone(),
                        value: money(p.value.minor, &p.value.currency),
                        needs: needs_text(p.people_needed, p.weeks_needed)
                            .unwrap_or_else(|| "—".into()),
                        value_minor: p.value.minor.max(0),
                        effort: p.people_needed.saturating_mul(p.weeks_needed),
                    })
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let overlaps = Memo::new(move |_| {
        app.with(|ws| {
            let name = |id| ws.project(id).map(|p| p.name.clone()).unwrap_or_default();
            let mut lines: Vec<String> = client_overlaps(ws)
                .into_iter()
                .map(|o| {
                    let names: Vec<String> = o
                        .projects
                        .iter()
                        .take(3)
                        .map(|p| format!("“{}”", name(*p)))
                        .collect();
                    let more = o.projects.len().saturating_sub(3);
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!(
                        "{}: {}{more} run at the same time.",
                        o.client,
                        names.join(", ")
                    )
                })
                .collect();
            lines.extend(people_overlaps(ws, today(), 12).into_iter().map(|o| {
                let projects: Vec<String> = o
                    .projects
                    .iter()
                    .map(|p| format!("“{}”", name(*p)))
                    .collect();
                format!(
                    "{} is over capacity in the week of {}: {} need them at once.",
                    ws.member_name(Some(o.member)),
                    o.week.written("%d %b"),
                    projects.join(" and ")
                )
            }));
            lines
        })
        .unwrap_or_default()
    });
    // Long portfolios draw the best first and the rest on request.
    let shown = RwSignal::new(super::PAGE);
    let proposing = RwSignal::new(false);
    let scoring = RwSignal::new(None::<ProjectId>);
    let deciding = RwSignal::new(None::<(ProjectId, Verdict)>);
    view! {
        <section class="section" data-testid="ranking">
            <header class="section-head">
                <div>
                    <h2>"Proposals and ranking"</h2>
                    <p class="muted">"Proposed and open projects by portfolio score (0–100): revenue potential, strategic fit, resources, risk and customer value, weighted as set on the Data screen."</p>
                </div>
                <button class="button primary" on:click=move |_| proposing.set(true)>"Propose a project"</button>
            </header>
            {move || {
                let list = overlaps.get();
                (!list.is_empty()).then(|| view! {
                    <div class="callout warning" role="status" data-testid="overlaps">
                        <strong>"Overlapping work"</strong>
                        <ul>{list.iter().take(8).cloned().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                        {(list.len() > 8).then(|| view! { <p class="muted">{format!("… and {} more.", list.len() - 8)}</p> })}
                    </div>
                })
            }}
            <ScoreChart rows />
            <div class="table-wrap">
                <table class="data-table stack ranking-table">
                    <thead><tr>
                        <th scope="col" class="numeric">"Rank"</th><th scope="col">"Project"</th><th scope="col">"Status"</th>
                        <th scope="col" class="numeric">"Score"</th><th scope="col">"Focus area"</th><th scope="col" class="numeric">"Value"</th>
                        <th scope="col">"Needs"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>
                        <Rows each=move || rows.with(|r| r.iter().take(shown.get()).cloned().collect::<Vec<_>>()) key=key let:r>
                            {
                                let id = r.id;
                                let proposed = matches!(r.status, ProjectStatus::Proposed | ProjectStatus::OnHold);
                                let name = r.name.clone();
                                view! {
                                    <tr>
                                        <td data-label="Rank" class="numeric">{r.rank}</td>
                                        <th scope="row"><a href=Route::Project(id, ProjectTab::Overview).href()>{r.name.clone()}</a></th>
                                        <td data-label="Status">{r.status.label()}</td>
                                        <td data-label="Score" class="numeric">{if r.score.is_some() { view! { <strong>{r.score_text.clone()}</strong> }.into_any() } else { view! { <span class="muted">{r.score_text.clone()}</span> }.into_any() }}</td>
                                        <td data-label="Focus area">{if r.focus.is_empty() { "—".to_string() } else { r.focus.clone() }}</td>
                                        <td data-label="Value" class="numeric">{r.value.clone()}</td>
                                        <td data-label="Needs">{r.needs.clone()}</td>
                                        <td class="row-actions">
                                            <button class="button small" aria-label=format!("Score {name}") on:click=move |_| scoring.set(Some(id))>"Score"</button>
                                            {proposed.then(|| {
                                                let (a, h, j) = (name.clone(), name.clone(), name.clone());
                                                view! {
                                                    <button class="button small" aria-label=format!("Approve {a}") on:click=move |_| deciding.set(Some((id, Verdict::Approve)))>"Approve"</button>
                                                    {(r.status == ProjectStatus::Proposed).then(|| view! {
                                                        <button class="button small" aria-label=format!("Put {h} on hold") on:click=move |_| deciding.set(Some((id, Verdict::Hold)))>"Hold"</button>
                                                    })}
                                                    <button class="button small danger-text" aria-label=format!("Reject {j}") on:click=move |_| deciding.set(Some((id, Verdict::Reject)))>"Reject"</button>
                                                }
                                            })}
                                        </td>
                                    </tr>
                                }
                            }
                        </Rows>
                    </tbody>
                </table>
            </div>
            {move || super::more_button(rows.with(Vec::len), shown)}
        </section>
        {move || proposing.get().then(|| view! { <ProposeDialog on_done=Callback::new(move |_| proposing.set(false)) /> })}
        {move || scoring.get().map(|id| view! { <ScoreDialog id on_done=Callback::new(move |_| scoring.set(None)) /> })}
        {move || deciding.get().map(|(project, verdict)| view! { <DecisionDialog project verdict on_done=Callback::new(move |_| deciding.set(None)) /> })}
    }
}

/// "Propose a project": the project form, starting as Proposed with its intake questions open.
#[component]
fn ProposeDialog(on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let draft = app
        .with(|ws| {
            let mut d = ProjectDraft::blank(&ws.settings.currency, app.me.get_untracked(), today());
            d.status = ProjectStatus::Proposed;
            d
        })
        .unwrap_or_else(|| ProjectDraft::blank(&Default::default(), None, today()));
    view! {
        <Modal title="Propose a project".to_string() on_close=on_done wide=true>
            <p class="muted">"It lands as Proposed: scored and decided on in the portfolio, not yet in the pipeline."</p>
            <ProjectForm
                initial=draft
                submit_label="Propose project"
                on_cancel=on_done
                on_save=Callback::new(move |(input, _): (ProjectInput, Option<PlaybookChoice>)| {
                    let id: ProjectId = RandomIds.next();
                    if app.dispatch(ProjectCommand::CreateProject { id, input }).is_ok() {
                        app.notify("Proposed. Score it to rank it against the rest of the portfolio.");
                        on_done.run(());
                    }
                })
            />
        </Modal>
    }
}

/// Scores a project 1–5 on each criterion; each choice says what its level means.
#[component]
fn ScoreDialog(id: ProjectId, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let (name, criteria, initial): (String, Vec<Criterion>, BTreeMap<String, u8>) = app
        .with(|ws| {
            let p = ws.project(id)?;
            Some((
                p.name.clone(),
                ws.settings.criteria.clone(),
                p.scores.clone(),
            ))
        })
        .flatten()
        .unwrap_or_default();
    let scores = RwSignal::new(initial);
    let weighted: Vec<Criterion> = criteria.iter().filter(|c| c.weight > 0).cloned().collect();
    // What is still missing, as the choices stand (not as saved).
    let missing = Memo::new(move |_| {
        scores
            .with(|s| unscored(s, &weighted))
            .into_iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if app
            .dispatch(PortfolioCommand::ScoreProject {
                id,
                scores: scores.get_untracked(),
            })
            .is_ok()
        {
            on_done.run(());
        }
    };
    view! {
        <Modal title=format!("Score “{name}”") on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                {criteria.into_iter().map(|c| {
                    let key = c.key.clone();
                    let key_get = key.clone();
                    let hint = format!("Weight {}{}", c.weight, if c.inverse { " · more is worse" } else { "" });
                    view! {
                        <div class="field wide">
                            <label>
                                <span class="field-label">{c.name.clone()}</span>
                                <select name=format!("score-{}", c.key) on:change=move |ev| {
                                    let v = event_target_value(&ev).parse::<u8>().ok();
                                    scores.update(|s| match v {
                                        Some(v) => { s.insert(key.clone(), v); }
                                        None => { s.remove(&key); }
                                    });
                                }>
                                    <option value="" selected=move || scores.with(|s| !s.contains_key(&key_get))>"Not scored"</option>
                                    {c.levels.iter().enumerate().map(|(i, meaning)| {
                                        let v = i as u8 + 1;
                                        let k = c.key.clone();
                                        view! { <option value=v.to_string() selected=move || scores.with(|s| s.get(&k) == Some(&v))>{format!("{v} — {meaning}")}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                            <p class="field-hint">{hint}</p>
                        </div>
                    }
                }).collect_view()}
                <p class="callout info wide" role="status" data-testid="score-missing">{move || {
                    let missing = missing.get();
                    if missing.is_empty() {
                        "Every criterion is scored: the project gets a score and its rank.".to_string()
                    } else {
                        format!(
                            "Still to score: {}. A project gets a score only when every weighted criterion is scored, so that every score ranks on the same grounds; until then it is listed last, as not scored.",
                            missing.join(", ")
                        )
                    }
                }}</p>
                <FormActions submit_label="Save scores" on_cancel=on_done />
            </form>
        </Modal>
    }
}

/// Approve, put on hold or reject, with a reason (and the review it was taken in).
#[component]
fn DecisionDialog(project: ProjectId, verdict: Verdict, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let name = app
        .with(|ws| ws.project(project).map(|p| p.name.clone()))
        .flatten()
        .unwrap_or_default();
    let (draft, ctl) = use_draft(DecisionDraft::blank(verdict, today()), DecisionDraft::check);
    let reviews = Signal::derive(move || {
        let mut options = vec![(String::new(), "Outside a review".to_string())];
        app.with(|ws| {
            let mut live: Vec<_> = ws
                .reviews
                .iter()
                .filter(|r| r.stamp.deleted_at.is_none())
                .collect();
            crate::sorting::sort_by_key(&mut live, |r| std::cmp::Reverse(r.date));
            options.extend(live.into_iter().map(|r| {
                (
                    r.id.to_text(),
                    format!("Portfolio review of {}", crate::model::day(r.date)),
                )
            }));
        });
        options
    });
    // An approved project without a plan can be laid out from a playbook, backwards from
    // its target date, as a new project can.
    let plannable = verdict == Verdict::Approve
        && app
            .with(|ws| ws.tasks_of(project).is_empty())
            .unwrap_or(false);
    let playbook = RwSignal::new(None::<TemplateId>);
    let id: DecisionId = RandomIds.next();
    let submit = dispatch_on_submit(
        draft,
        ctl,
        DecisionDraft::check,
        move |mut input: crate::model::DecisionInput| {
            if let Some(template) = playbook.get_untracked() {
                input.playbook = app
                    .with(|ws| {
                        let t = ws.templates.iter().find(|t| t.id == template)?;
                        let p = ws.project(project)?;
                        let stamp = crate::model::Stamp::new(
                            crate::ui::state::now(),
                            app.me.get_untracked(),
                        );
                        let plan_for = crate::engine::plan::PlanFor::new(
                            ws,
                            t,
                            project,
                            (p.start_date, p.target_date),
                            p.owner,
                        );
                        let plan = crate::engine::plan::plan_from_template(
                            ws,
                            t,
                            &plan_for,
                            today(),
                            &mut RandomIds,
                            &stamp,
                        )
                        .ok()?;
                        Some(crate::model::PlaybookPlan {
                            template,
                            milestones: plan.milestones,
                            tasks: plan.tasks,
                        })
                    })
                    .flatten();
            }
            PortfolioCommand::DecideProject { id, project, input }
        },
        on_done,
    );
    let templates = crate::ui::components::project_form::template_choices();
    let title = match verdict {
        Verdict::Approve => format!("Approve “{name}”"),
        Verdict::Hold => format!("Put “{name}” on hold"),
        Verdict::Reject => format!("Reject “{name}”"),
    };
    let effect = match verdict {
        Verdict::Approve => "It becomes active pipeline.",
        Verdict::Hold => "It waits, on hold, until decided again.",
        Verdict::Reject => "It is cancelled; its records stay.",
    };
    // What approving asks of the team, from the proposal's people × weeks.
    let load = (verdict == Verdict::Approve)
        .then(|| {
            app.with(|ws| {
                let p = ws.project(project)?;
                crate::engine::workload::approval_effect(ws, p, today())
            })
            .flatten()
        })
        .flatten();
    view! {
        <Modal title on_close=on_done wide=true>
            <p class="muted">{effect}" The decision is logged with its reason, the date and who decided."</p>
            {load.map(|e| {
                let short = e.hours_needed > e.hours_free;
                view! {
                    <p class="callout" class:warning=short data-testid="approval-effect">
                        {format!(
                            "It needs about {} hours over {} weeks; the team has {} hours free in that time{}",
                            group_thousands(e.hours_needed.round() as u64), e.weeks, group_thousands(e.hours_free.round() as u64),
                            if short { " — not enough without moving other work." } else { "." }
                        )}
                        " "<a href=Route::Workload.href()>"See the workload"</a>
                    </p>
                }
            })}
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Reason" error=ctl.error("reason") wide=true>
                    <DraftTextarea draft ctl field="reason" get=|d: &DecisionDraft| d.reason.clone() set=|d, v| d.reason = v rows=2 placeholder="e.g. Fills the Q1 pipeline gap in logistics" />
                </Field>
                <Field label="Date" error=ctl.error("date")>
                    <DraftInput draft ctl field="date" kind="date" get=|d: &DecisionDraft| d.date.clone() set=|d, v| d.date = v />
                </Field>
                <Field label="Taken in" error=ctl.error("review")>
                    <DraftSelect draft field="review" options=reviews get=|d: &DecisionDraft| d.review.map(|r| r.to_text()).unwrap_or_default() set=|d, v| d.review = ReviewId::parse(&v) />
                </Field>
                {plannable.then(|| view! {
                    <div class="field wide">
                        <label>
                            <span class="field-label">"Plan from a playbook"</span>
                            <select name="playbook" on:change=move |ev| playbook.set(TemplateId::parse(&event_target_value(&ev)))>
                                <option value="">"No — add milestones and tasks later"</option>
                                {templates.into_iter().map(|(tid, name)| view! { <option value=tid.to_text()>{name}</option> }).collect_view()}
                            </select>
                        </label>
                        <p class="field-hint">"Milestones and tasks laid out backwards from the target date."</p>
                    </div>
                })}
                <FormActions submit_label=verdict_button(verdict) on_cancel=on_done />
            </form>
        </Modal>
    }
}

fn verdict_button(v: Verdict) -> &'static str {
    match v {
        Verdict::Approve => "Approve",
        Verdict::Hold => "Put on hold",
        Verdict::Reject => "Reject",
    }
}
