//! The stage gate: the current stage's exit criteria as a checklist, and moving to the next
//! stage — blocked while criteria are open unless the person writes why they move on anyway.

use crate::engine::plan::{open_criteria, passing, stage_probability};
use crate::model::command::Closing;
use crate::model::common::plural;
use crate::model::ProjectCommand;
use crate::model::{ProjectId, Stage};
use crate::ui::components::dialog::Modal;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// What a forward move does with the passed stages' open milestones: "done", "skip" (with
/// `why`) or "leave".
pub fn closing_of(choice: &str, why: String) -> Option<Closing> {
    match choice {
        "done" => Some(Closing::Done),
        "skip" => Some(Closing::Skipped(why)),
        _ => None,
    }
}

/// The open milestones of the stages a move passes, and the choice of closing them (with
/// their open tasks) in the same undoable step: done, skipped with a reason, or left open.
#[component]
pub fn PassedWork(
    milestones: Vec<(String, usize)>,
    choice: RwSignal<String>,
    why: RwSignal<String>,
) -> impl IntoView {
    (!milestones.is_empty()).then(|| {
        let option = move |value: &'static str, label: &'static str| view! {
            <label class="check-label">
                <input type="radio" name="passed-work" value=value prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value.to_string()) />
                " " {label}
            </label>
        };
        view! {
            <fieldset class="passed-work" data-testid="passed-work">
                <legend class="field-label">"Earlier stages still open"</legend>
                <ul>{milestones.into_iter().map(|(name, open)| view! {
                    <li>{name}<span class="muted">{format!(" — {}", plural(open, "open task", "open tasks"))}</span></li>
                }).collect_view()}</ul>
                {option("done", "Mark them done, with their open tasks")}
                {option("skip", "Mark them skipped, with their open tasks")}
                {move || (choice.get() == "skip").then(|| view! {
                    <label class="field">
                        <span class="field-label">"Why they are skipped"</span>
                        <input type="text" name="skip-reason" prop:value=move || why.get() on:input=move |ev| why.set(event_target_value(&ev)) />
                    </label>
                })}
                {option("leave", "Leave them open")}
            </fieldset>
        }
    })
}

#[component]
pub fn StageGate(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let gate = Memo::new(move |_| {
        app.with(|ws| {
            let p = ws.project(id)?;
            let (all, open) = open_criteria(ws, p);
            let next = p.stage.next();
            let probability = next.map(|n| stage_probability(ws, p, n));
            Some((
                p.stage,
                next,
                all,
                open,
                probability,
                p.gate_overrides.clone(),
                p.status.is_open(),
            ))
        })
        .flatten()
    });
    let advancing = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<String>);
    let choice = RwSignal::new("done".to_string());
    let why = RwSignal::new(String::new());
    let advance = move |with_reason: bool| {
        let Some((_, Some(next), _, open, Some(probability), _, _)) = gate.get_untracked() else {
            return;
        };
        let command = ProjectCommand::ChangeStage {
            id,
            to: next,
            unmet: open,
            reason: with_reason.then(|| reason.get_untracked()),
            probability,
            close_passed: closing_of(&choice.get_untracked(), why.get_untracked()),
        };
        match app.dispatch(command) {
            Ok(()) => {
                advancing.set(false);
                reason.set(String::new());
                refusal.set(None);
                app.notify(format!("Moved to {}.", next.label()));
            }
            Err(e) => refusal.set(Some(e.to_string())),
        }
    };
    move || {
        let (stage, next, all, open, _, overrides, is_open) = gate.get()?;
        Some(view! {
            <section class="card gate" aria-labelledby="gate-title">
                <div class="gate-head">
                    <div>
                        <h2 id="gate-title">{format!("Exit criteria — {}", stage.label())}</h2>
                        <p class="muted">
                            {if all.is_empty() { "This stage has no exit criteria.".to_string() } else { format!("{} of {} met", all.len() - open.len(), all.len()) }}
                        </p>
                    </div>
                    {next.filter(|_| is_open).map(|n| view! {
                        <button class="button primary" on:click=move |_| { refusal.set(None); advancing.set(true); }>
                            {format!("Advance to {}", n.label())}
                        </button>
                    })}
                </div>
                <ul class="criteria">
                    {all.into_iter().map(|c| {
                        let met = !open.contains(&c);
                        let label = c.clone();
                        view! {
                            <li>
                                <label class="check-label">
                                    <input
                                        type="checkbox"
                                        checked=met
                                        on:change=move |ev| { let _ = app.dispatch(ProjectCommand::SetCriterion { id, criterion: c.clone(), met: event_target_checked(&ev) }); }
                                    />
                                    <span>{label}</span>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(!overrides.is_empty()).then(|| view! {
                    <details class="overrides">
                        <summary>{format!("{} past unmet criteria", plural(overrides.len(), "stage move", "stage moves"))}</summary>
                        <ul>
                            {overrides.into_iter().map(|o| view! {
                                <li>
                                    {format!("{} → {} on {}: “{}” (unmet: {})", o.from.label(), o.to.label(), crate::model::day(o.at.date_naive()), o.reason, o.unmet.join("; "))}
                                </li>
                            }).collect_view()}
                        </ul>
                    </details>
                })}
                {move || advancing.get().then(|| {
                    let next: Stage = next.unwrap_or(Stage::Closed);
                    let open = gate.with_untracked(|g| g.as_ref().map(|g| g.3.clone()).unwrap_or_default());
                    let blocked = !open.is_empty();
                    let passed = app
                        .with(|ws| ws.project(id).map(|p| passing(ws, p, next).milestones))
                        .flatten()
                        .unwrap_or_default();
                    view! {
                        <Modal title=format!("Advance to {}?", next.label()) on_close=Callback::new(move |_| advancing.set(false))>
                            <div class="dialog-body">
                                {if blocked {
                                    view! {
                                        <p><strong>"These exit criteria are not met yet:"</strong></p>
                                        <ul class="unmet">{open.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                                        <p>"Tick them off first, or write why the project moves on anyway. The reason is kept with the project."</p>
                                        <label class="field">
                                            <span class="field-label">"Reason for moving on"</span>
                                            <textarea rows="3" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                                        </label>
                                    }.into_any()
                                } else {
                                    view! { <p>"Every exit criterion of this stage is met."</p> }.into_any()
                                }}
                                <PassedWork milestones=passed choice why />
                                {move || refusal.get().map(|r| view! { <p class="field-error" role="alert">{r}</p> })}
                            </div>
                            <div class="dialog-actions">
                                <button type="button" class="button" on:click=move |_| advancing.set(false)>"Cancel"</button>
                                {if blocked {
                                    view! { <button type="button" class="button danger" on:click=move |_| advance(true)>"Advance anyway"</button> }.into_any()
                                } else {
                                    view! { <button type="button" class="button primary" on:click=move |_| advance(false)>{format!("Advance to {}", next.label())}</button> }.into_any()
                                }}
                            </div>
                        </Modal>
                    }
                })}
            </section>
        })
    }
}
