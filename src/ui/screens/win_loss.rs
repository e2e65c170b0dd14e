//! Win/loss lessons: win rates by owner, kind, template and stage reached, loss reasons
//! ranked, cycle length of won vs lost deals, and which milestones won deals completed that
//! lost ones did not.

use crate::engine::forecast::{win_loss, Results};
use crate::model::common::{group_thousands, plural};
use crate::ui::components::empty::EmptyState;
use crate::ui::state::use_app;
use leptos::prelude::*;
use std::collections::BTreeMap;

fn rate(r: Option<f64>) -> String {
    r.map(|r| format!("{:.0} %", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn breakdown(title: &'static str, rows: BTreeMap<String, Results>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{title}</h2>
            <div class="table-wrap flat"><table class="data-table compact">
                <thead><tr><th scope="col">"Group"</th><th scope="col" class="numeric">"Won"</th><th scope="col" class="numeric">"Lost"</th><th scope="col" class="numeric">"Win rate"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(name, r)| view! {
                        <tr><th scope="row">{name}</th><td class="numeric">{group_thousands(r.won as u64)}</td><td class="numeric">{group_thousands(r.lost as u64)}</td><td class="numeric">{rate(r.win_rate())}</td></tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </section>
    }
}

#[component]
pub fn WinLossScreen() -> impl IntoView {
    let app = use_app();
    let w = Memo::new(move |_| app.with(|ws| win_loss(ws, None)).unwrap_or_default());
    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/pipeline">"Pipeline"</a><span aria-hidden="true">" / "</span><span>"Win/loss"</span></nav>
            <header class="page-head"><h1>"Win/loss lessons"</h1></header>
            {move || {
                let w = w.get();
                if w.overall.won + w.overall.lost == 0 {
                    return view! { <EmptyState title="No closed deals yet" message="Mark deals won or lost, with the reason, and the lessons appear here." /> }.into_any();
                }
                view! {
                    <div class="kpis">
                        <div class="kpi"><span>"Win rate"</span><strong data-testid="win-rate">{rate(w.overall.win_rate())}</strong><small>{format!("{} won, {} lost", group_thousands(w.overall.won as u64), group_thousands(w.overall.lost as u64))}</small></div>
                        <div class="kpi"><span>"Value win rate"</span><strong data-testid="value-win-rate">{rate(w.overall.value_win_rate())}</strong><small data-testid="value-win-rate-note">{w.overall.value_rate_note().unwrap_or_else(|| "by value of closed deals".into())}</small></div>
                        <div class="kpi"><span>"Cycle, won deals"</span><strong>{w.cycle_won.map(|d| format!("{d:.0} days")).unwrap_or_else(|| "—".into())}</strong><small>"start to close"</small></div>
                        <div class="kpi"><span>"Cycle, lost deals"</span><strong>{w.cycle_lost.map(|d| format!("{d:.0} days")).unwrap_or_else(|| "—".into())}</strong><small>"start to close"</small></div>
                    </div>
                    <div class="cards">
                        <section class="card">
                            <h2>"Why we lose"</h2>
                            <ol class="reasons" data-testid="loss-reasons">
                                {w.loss_reasons.into_iter().map(|(reason, n)| view! { <li><strong>{reason}</strong><span class="muted">{format!(" — {}", plural(n, "deal", "deals"))}</span></li> }).collect_view()}
                            </ol>
                        </section>
                        {breakdown("By owner", w.by_owner)}
                        {breakdown("By kind", w.by_kind)}
                        {breakdown("By template", w.by_template)}
                        {breakdown("By stage reached", w.by_stage)}
                        <Calibration />
                        <section class="card">
                            <h2>"Practice that separates wins from losses"</h2>
                            {if w.milestones.is_empty() {
                                view! { <p class="muted">"Template-based deals that close will show which milestones winners completed."</p> }.into_any()
                            } else {
                                view! {
                                    <table class="data-table">
                                        <thead><tr><th scope="col">"Milestone"</th><th scope="col" class="numeric">"Done in won deals"</th><th scope="col" class="numeric">"Done in lost deals"</th></tr></thead>
                                        <tbody>
                                            {w.milestones.into_iter().map(|(name, won, lost)| view! {
                                                <tr><th scope="row">{name}</th><td class="numeric">{rate(won)}</td><td class="numeric">{rate(lost)}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }.into_any()
                            }}
                        </section>
                    </div>
                }.into_any()
            }}
        </div>
    }
}

/// What the team's closed deals say each stage's win probability is, beside what a playbook
/// assumes, with one undoable click to adopt the learned rates into that playbook.
#[component]
fn Calibration() -> impl IntoView {
    use crate::engine::calibration::{adopted, calibrate, unplaced_losses, Scope, ENOUGH_DEALS};
    use crate::model::TemplateId;
    let app = use_app();
    let playbooks = Memo::new(move |_| {
        app.with(|ws| {
            ws.live_templates()
                .map(|t| (t.id, t.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let owners = Memo::new(move |_| app.with(|ws| ws.member_names()).unwrap_or_default());
    // None: every closed deal, against the stages' defaults.
    let playbook = RwSignal::new(None::<TemplateId>);
    // None: everyone's deals.
    let owner = RwSignal::new(None::<crate::model::MemberId>);
    let rates = Memo::new(move |_| {
        let (template, owner) = (playbook.get(), owner.get());
        app.with(|ws| calibrate(ws, Scope { template, owner }))
            .unwrap_or_default()
    });
    let unplaced = Memo::new(move |_| {
        let (template, owner) = (playbook.get(), owner.get());
        app.with(|ws| unplaced_losses(ws, Scope { template, owner }))
            .unwrap_or(0)
    });
    let adopt = move |_| {
        let Some(id) = playbook.get_untracked() else {
            return;
        };
        let Some(updated) = app
            .with(|ws| adopted(ws, id, &rates.get_untracked()))
            .flatten()
        else {
            app.notify("The playbook already uses the learned probabilities.");
            return;
        };
        let name = updated.name.clone();
        if app
            .dispatch(crate::model::WorkspaceCommand::SaveTemplate(updated))
            .is_ok()
        {
            app.notify(format!(
                "“{name}” now uses the learned probabilities. Undo takes them back."
            ));
        }
    };
    view! {
        <section class="card wide calibration" data-testid="calibration">
            <h2>"Learned win probabilities"</h2>
            <p class="muted">{format!("Of the closed deals that reached each stage, the share won; offered for a playbook once {ENOUGH_DEALS} deals back it.")}</p>
            <label class="field">
                <span class="field-label">"Deals of"</span>
                <select data-testid="calibration-playbook" on:change=move |ev| playbook.set(TemplateId::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || playbook.get().is_none()>"Every playbook (against the stage defaults)"</option>
                    {move || playbooks.get().into_iter().map(|(id, name)| view! {
                        <option value=id.to_text() selected=move || playbook.get() == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span class="field-label">"Owned by"</span>
                <select data-testid="calibration-owner" on:change=move |ev| owner.set(crate::model::MemberId::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || owner.get().is_none()>"Everyone"</option>
                    {move || owners.get().into_iter().map(|(id, name)| view! {
                        <option value=id.to_text() selected=move || owner.get() == Some(id)>{name}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="table-wrap flat" tabindex="0" role="region" aria-label="Learned win probabilities by stage">
            <table class="data-table">
                <thead><tr><th scope="col">"Stage"</th><th scope="col" class="numeric">"Assumed"</th><th scope="col" class="numeric">"Learned"</th><th scope="col" class="numeric">"Deals"</th></tr></thead>
                <tbody>
                    {move || rates.get().into_iter().map(|r| {
                        let learned = r.learned.map(|p| format!("{p} %")).unwrap_or_else(|| "—".into());
                        let count = if r.enough() { format!("{} won of {}", r.won, r.reached) } else { format!("{} won of {} (too few)", r.won, r.reached) };
                        view! { <tr><th scope="row">{r.stage.label()}</th><td class="numeric">{format!("{} %", r.assumed)}</td><td class="numeric">{learned}</td><td class="numeric">{count}</td></tr> }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            {move || (unplaced.get() > 0).then(|| view! {
                <p class="muted" data-testid="calibration-unplaced">{format!(
                    "{} do not say at which stage they were lost (imported without it), so they count as lost at every stage.",
                    crate::model::common::plural(unplaced.get(), "lost deal", "lost deals")
                )}</p>
            })}
            {move || owner.get().is_some().then(|| view! {
                <p class="muted" data-testid="calibration-owner-note">"One person's rates show where their deals win or stall; a playbook is shared, so it takes the rates of everyone's deals."</p>
            })}
            {move || playbook.get().filter(|_| owner.get().is_none()).map(|_| view! {
                <button class="button" data-testid="adopt-probabilities"
                    disabled=move || app.with(|ws| playbook.get().and_then(|id| adopted(ws, id, &rates.get()))).flatten().is_none()
                    on:click=adopt>"Use the learned probabilities in this playbook"</button>
            })}
        </section>
    }
}
