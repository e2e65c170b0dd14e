//! The workspace's scoring criteria: name, weight, whether more is worse, and what each
//! level from 1 to 5 means. Saving re-scores every project (scores are computed, never
//! stored as totals); criteria that cannot score (no weight anywhere, a repeated key) are
//! refused with the reason.

use crate::model::Criterion;
use crate::model::WorkspaceCommand;
use crate::ui::components::keyed::{self, Rows};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// A criterion being edited: its fields are signals the inputs write in place. The rows are
/// made anew from the stored criteria whenever those change (saved here, undone, imported or
/// saved in another tab), so the key need only tell rows apart.
#[derive(Clone)]
struct Row {
    key: String,
    name: RwSignal<String>,
    weight: RwSignal<String>,
    inverse: RwSignal<bool>,
    levels: [RwSignal<String>; 5],
}

impl std::hash::Hash for Row {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl keyed::Row for Row {
    type Id = String;
    fn id(&self) -> String {
        self.key.clone()
    }
}

impl Row {
    fn from(c: &Criterion) -> Self {
        Self {
            key: c.key.clone(),
            name: RwSignal::new(c.name.clone()),
            weight: RwSignal::new(c.weight.to_string()),
            inverse: RwSignal::new(c.inverse),
            levels: c.levels.clone().map(RwSignal::new),
        }
    }
}

/// A key for a new criterion: its position, kept unique among the others.
fn fresh_key(rows: &[Row]) -> String {
    (rows.len() + 1..)
        .map(|n| format!("criterion-{n}"))
        .find(|k| rows.iter().all(|r| &r.key != k))
        .unwrap_or_default()
}

/// The scoring criteria card, drawn anew from the stored criteria whenever they change.
#[component]
pub fn ScoringSettingsCard() -> impl IntoView {
    let app = use_app();
    let stored = Memo::new(move |_| {
        app.with(|ws| ws.settings.criteria.clone())
            .unwrap_or_default()
    });
    move || view! { <CriteriaForm initial=stored.get() /> }
}

#[component]
fn CriteriaForm(initial: Vec<Criterion>) -> impl IntoView {
    let app = use_app();
    let initial: Vec<Row> = initial.iter().map(Row::from).collect();
    let rows = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let read = move || -> Result<Vec<Criterion>, String> {
        let mut out = Vec::new();
        for r in rows.get_untracked() {
            let name = r.name.get_untracked().trim().to_string();
            let weight = match r.weight.get_untracked().trim().parse::<u32>() {
                Ok(w) => w,
                Err(_) => {
                    return Err(format!(
                        "The weight of “{name}” is a whole number from 0 to {}.",
                        crate::model::limits::MAX_CRITERION_WEIGHT
                    ))
                }
            };
            out.push(Criterion {
                key: r.key.clone(),
                name,
                weight,
                inverse: r.inverse.get_untracked(),
                levels: r.levels.map(|l| l.get_untracked().trim().to_string()),
            });
        }
        match crate::model::intake::problems(&out).into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(out),
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let criteria = match read() {
            Ok(c) => c,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let Some(mut settings) = app.with_real(|ws| ws.settings.clone()) else {
            return;
        };
        settings.criteria = criteria;
        match app.dispatch(WorkspaceCommand::UpdateSettings(settings)) {
            Ok(_) => {
                error.set(None);
                app.notify("Scoring criteria saved; every project's score is recomputed.");
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let add = move |_| {
        rows.update(|rs| {
            let key = fresh_key(rs);
            rs.push(Row::from(&Criterion {
                key,
                name: "New criterion".into(),
                weight: 10,
                inverse: false,
                levels: ["Very low", "Low", "Medium", "High", "Very high"].map(String::from),
            }));
        })
    };
    view! {
        <section class="card span-all">
            <h2>"Scoring criteria"</h2>
            <p class="muted">"What proposed and open projects are scored by, 1 to 5 each. A project's score is Σ weight × score ÷ Σ weight × 5, as a percentage; where more is worse, a 5 counts as 1."</p>
            <form class="settings-form criteria-form" on:submit=save data-testid="scoring-settings">
                <Rows each=move || rows.get() key=keyed::key let:r>
                    {
                        let key = r.key.clone();
                        view! {
                            <fieldset class="criterion">
                                <legend class="visually-hidden">{move || r.name.get()}</legend>
                                <div class="criterion-head">
                                    <label class="field"><span class="field-label">"Criterion"</span>
                                        <input type="text" name=format!("{}-name", r.key) prop:value=move || r.name.get() on:input=move |ev| r.name.set(event_target_value(&ev)) />
                                    </label>
                                    <label class="field weight"><span class="field-label">"Weight"</span>
                                        <input type="text" inputmode="numeric" name=format!("{}-weight", r.key) prop:value=move || r.weight.get() on:input=move |ev| r.weight.set(event_target_value(&ev)) />
                                    </label>
                                    <label class="check-label">
                                        <input type="checkbox" prop:checked=move || r.inverse.get() on:change=move |ev| r.inverse.set(event_target_checked(&ev)) />
                                        "More is worse"
                                    </label>
                                    <button type="button" class="button small danger-text" aria-label=move || format!("Remove criterion {}", r.name.get())
                                        on:click=move |_| rows.update(|rs| rs.retain(|x| x.key != key))>"Remove"</button>
                                </div>
                                <div class="levels">
                                    {r.levels.into_iter().enumerate().map(|(i, level)| view! {
                                        <label class="field"><span class="field-label">{format!("{} means", i + 1)}</span>
                                            <input type="text" name=format!("{}-level-{}", r.key, i + 1) prop:value=move || level.get() on:input=move |ev| level.set(event_target_value(&ev)) />
                                        </label>
                                    }).collect_view()}
                                </div>
                            </fieldset>
                        }
                    }
                </Rows>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="button" class="button" on:click=add>"Add criterion"</button>
                    <button type="submit" class="button primary">"Save criteria"</button>
                </div>
            </form>
        </section>
    }
}
