//! The Templates section: sales playbooks to browse, create, duplicate, edit and delete.

use crate::model::common::plural;
use crate::model::problems as template_problems;
use crate::model::WorkspaceCommand;
use crate::model::{IdSource, Stage, Template, TemplateId, TemplateStage, TemplateTask};
use crate::ui::components::dialog::Confirm;
use crate::ui::components::empty::EmptyState;
use crate::ui::components::keyed::{key, Row, Rows};
use crate::ui::router::{navigate, Route};
use crate::ui::state::{now, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// One playbook's card, as shown.
#[derive(Clone, PartialEq, Hash)]
struct TemplateRow {
    id: TemplateId,
    name: String,
    description: String,
    chain: String,
    counts: String,
}

impl Row for TemplateRow {
    type Id = TemplateId;
    fn id(&self) -> TemplateId {
        self.id
    }
}

impl TemplateRow {
    fn of(t: &Template) -> Self {
        let tasks = t.stages.iter().map(|s| s.tasks.len()).sum::<usize>();
        TemplateRow {
            id: t.id,
            name: t.name.clone(),
            description: t.description.clone(),
            chain: t
                .stages
                .iter()
                .map(|s| s.stage.label())
                .collect::<Vec<_>>()
                .join(" → "),
            counts: format!(
                "{} · {}",
                plural(t.stages.len(), "stage", "stages"),
                plural(tasks, "default task", "default tasks")
            ),
        }
    }
}

#[component]
pub fn TemplatesScreen() -> impl IntoView {
    let app = use_app();
    let templates = Memo::new(move |_| {
        app.with(|ws| ws.live_templates().map(TemplateRow::of).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    // Whether the list is empty, apart from the list: the view that switches on it is not
    // redrawn by an edit, so the keyed rows below keep their DOM and an edit redraws its row.
    let no_templates = Memo::new(move |_| templates.with(Vec::is_empty));
    let deleting = RwSignal::new(None::<TemplateId>);
    let create = move |_| {
        let id: TemplateId = RandomIds.next();
        let template = Template {
            id,
            stamp: crate::model::Stamp::new(now(), None),
            name: "New playbook".into(),
            description: String::new(),
            stages: vec![TemplateStage {
                stage: Stage::Prospect,
                milestone: "First meeting held".into(),
                exit_criteria: Vec::new(),
                probability: 10,
                typical_days: None,
                tasks: Vec::new(),
                milestone_with_client: false,
            }],
        };
        if app
            .dispatch(WorkspaceCommand::SaveTemplate(template))
            .is_ok()
        {
            navigate(&Route::Template(id));
        }
    };
    let duplicate = move |id: TemplateId| {
        let Some(mut copy) = app
            .with(|ws| ws.templates.iter().find(|t| t.id == id).cloned())
            .flatten()
        else {
            return;
        };
        copy.id = RandomIds.next();
        copy.name = format!("{} (copy)", copy.name);
        let new_id = copy.id;
        if app.dispatch(WorkspaceCommand::SaveTemplate(copy)).is_ok() {
            navigate(&Route::Template(new_id));
        }
    };
    let restore = move |_| {
        let existing: Vec<String> = templates
            .get_untracked()
            .into_iter()
            .map(|t| t.name)
            .collect();
        for t in crate::model::playbooks::builtin(&mut RandomIds, now()) {
            if !existing.contains(&t.name) {
                let _ = app.dispatch(WorkspaceCommand::SaveTemplate(t));
            }
        }
    };
    view! {
        <div class="page">
            <header class="page-head">
                <div>
                    <h1>"Templates"</h1>
                    <p class="muted">"Playbooks: the stages, exit criteria and default tasks a kind of pursuit goes through. New projects are planned backwards from them."</p>
                </div>
                <div class="head-actions">
                    <button class="button" on:click=restore>"Add missing built-ins"</button>
                    <button class="button primary" on:click=create>"New template"</button>
                </div>
            </header>
            {move || if no_templates.get() {
                view! { <EmptyState title="No templates" message="Add the built-in playbooks or create your own." /> }.into_any()
            } else {
                view! {
                    <div class="cards">
                        <Rows each=move || templates.get() key=key let:t>
                            <article class="card template-card">
                                <h2><a href=Route::Template(t.id).href()>{t.name.clone()}</a></h2>
                                <p class="muted">{t.description.clone()}</p>
                                <p class="stage-chain">{t.chain.clone()}</p>
                                <p class="muted">{t.counts.clone()}</p>
                                <div class="head-actions">
                                    <a class="button small" href=Route::Template(t.id).href()>"Edit"</a>
                                    <button class="button small" on:click=move |_| duplicate(t.id)>"Duplicate"</button>
                                    <button class="button small danger-text" aria-label=format!("Delete template {}", t.name) on:click=move |_| deleting.set(Some(t.id))>"Delete"</button>
                                </div>
                            </article>
                        </Rows>
                    </div>
                }.into_any()
            }}
            {move || deleting.get().map(|id| view! {
                <Confirm
                    title="Delete template?".to_string()
                    message="Projects planned from it keep their milestones and tasks.".to_string()
                    confirm_label="Delete template".to_string()
                    danger=true
                    on_cancel=Callback::new(move |_| deleting.set(None))
                    on_confirm=Callback::new(move |_| { let _ = app.dispatch(WorkspaceCommand::DeleteTemplate(id)); deleting.set(None); })
                />
            })}
        </div>
    }
}

/// A task key from its title: "Write the proposal" → "write-the-proposal".
fn key_for(title: &str, taken: &[String]) -> String {
    let base: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let base = base
        .split('-')
        .filter(|s| !s.is_empty())
        .take(4)
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() {
        "task".to_string()
    } else {
        base
    };
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    key
}

#[component]
pub fn TemplateEditor(id: TemplateId) -> impl IntoView {
    let app = use_app();
    let Some(initial) = app
        .with(|ws| ws.live_templates().find(|t| t.id == id).cloned())
        .flatten()
    else {
        return view! {
            <div class="page"><EmptyState title="Template not found" message="It may have been deleted."><a class="button" href="#/templates">"Back to templates"</a></EmptyState></div>
        }.into_any();
    };
    let draft = RwSignal::new(initial);
    // Redraw the editor only when stages or tasks are added or removed, never while typing.
    let shape = Memo::new(move |_| {
        draft.with(|t| t.stages.iter().map(|s| s.tasks.len()).collect::<Vec<_>>())
    });
    // What was typed into a number field and is not a number in range: the draft keeps its
    // last good value, the field says what is wrong, and the template cannot be saved.
    let typos = RwSignal::new(BTreeMap::<String, String>::new());
    let problems = Memo::new(move |_| {
        let mut all = draft.with(template_problems);
        all.extend(typos.with(|t| t.values().cloned().collect::<Vec<_>>()));
        all
    });
    let ed = Editing { draft, typos };
    let tried = RwSignal::new(false);
    let save = move |_| {
        tried.set(true);
        if problems.with_untracked(|p| p.is_empty())
            && app
                .dispatch(WorkspaceCommand::SaveTemplate(draft.get_untracked()))
                .is_ok()
        {
            app.notify("Template saved.");
            navigate(&Route::Templates);
        }
    };
    let text = move |get: fn(&Template) -> String,
                     set: fn(&mut Template, String),
                     label: &'static str| {
        view! {
            <label class="field">
                <span class="field-label">{label}</span>
                <input type="text" prop:value=move || draft.with(get) on:input=move |ev| { let v = event_target_value(&ev); draft.update(|t| set(t, v)); } />
            </label>
        }
    };
    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/templates">"Templates"</a><span aria-hidden="true">" / "</span><span>{move || draft.with(|t| t.name.clone())}</span></nav>
            <header class="page-head">
                <h1>{move || draft.with(|t| t.name.clone())}</h1>
                <div class="head-actions">
                    <a class="button" href="#/templates">"Cancel"</a>
                    <button class="button primary" on:click=save>"Save template"</button>
                </div>
            </header>
            {move || (tried.get() && !problems.with(|p| p.is_empty())).then(|| view! {
                <div class="import-errors" role="alert"><p><strong>"The template can't be saved yet:"</strong></p><ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul></div>
            })}
            <section class="card form-grid">
                {text(|t| t.name.clone(), |t, v| t.name = v, "Name")}
                {text(|t| t.description.clone(), |t, v| t.description = v, "Description")}
            </section>
            {move || shape.get().into_iter().enumerate().map(|(si, task_count)| view! { <StageCard ed si task_count /> }).collect_view()}
            <button class="button" on:click=move |_| draft.update(|t| {
                let next = t.stages.last().and_then(|s| s.stage.next()).unwrap_or(Stage::Prospect);
                t.stages.push(TemplateStage { stage: next, milestone: format!("{} complete", next.label()), exit_criteria: Vec::new(), probability: next.default_probability(), typical_days: None, tasks: Vec::new(), milestone_with_client: false });
            })>"Add stage"</button>
        </div>
    }.into_any()
}

/// A template being edited, and what was typed into its number fields that is not a
/// number in range (the draft keeps its last good value meanwhile).
#[derive(Clone, Copy)]
struct Editing {
    draft: RwSignal<Template>,
    typos: RwSignal<BTreeMap<String, String>>,
}

impl Editing {
    /// Adding or removing stages and tasks redraws their fields from the draft.
    fn reshape(self, f: &dyn Fn(&mut Template)) {
        self.typos.set(BTreeMap::new());
        self.draft.update(|t| f(t));
    }

    /// The message of a field, while what was typed there is refused.
    fn typo(self, key: String) -> impl Fn() -> Option<String> {
        let typos = self.typos;
        move || typos.with(|t| t.get(&key).cloned())
    }

    /// A field's message: set when what was typed is refused, cleared when it is taken.
    fn settle(self, key: String, problem: Option<String>) {
        self.typos.update(|t| match problem {
            Some(message) => {
                t.insert(key, message);
            }
            None => {
                t.remove(&key);
            }
        })
    }
}

/// A stage of the template: its sales stage, milestone, probability, typical days, exit
/// criteria and tasks.
#[component]
fn StageCard(ed: Editing, si: usize, task_count: usize) -> impl IntoView {
    let app = use_app();
    let draft = ed.draft;
    let stage_get = move |f: fn(&TemplateStage) -> String| {
        move || draft.with(|t| t.stages.get(si).map(f).unwrap_or_default())
    };
    view! {
        <section class="card stage-card">
            <header class="section-head">
                <h2>{move || format!("Stage {}: {}", si + 1, draft.with(|t| t.stages.get(si).map(|s| s.stage.label()).unwrap_or_default()))}</h2>
                <button class="button small danger-text" on:click=move |_| ed.reshape(&|t| { t.stages.remove(si); })>"Remove stage"</button>
            </header>
            <div class="form-grid">
                <label class="field">
                    <span class="field-label">"Sales stage"</span>
                    <select on:change=move |ev| { if let Some(s) = Stage::from_key(&event_target_value(&ev)) { draft.update(|t| t.stages[si].stage = s) } }>
                        {Stage::ALL.iter().map(|s| view! { <option value=s.key() selected=move || draft.with(|t| t.stages.get(si).map(|x| x.stage) == Some(*s))>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"Milestone"</span>
                    <input type="text" prop:value=stage_get(|s| s.milestone.clone()) on:input=move |ev| { let v = event_target_value(&ev); draft.update(|t| t.stages[si].milestone = v) } />
                </label>
                <label class="field">
                    <span class="field-label">"Win probability (%)"</span>
                    <input type="text" inputmode="numeric" prop:value=stage_get(|s| s.probability.to_string())
                        aria-invalid=move || ed.typo(format!("p{si}"))().is_some().to_string()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            match v.trim().parse::<u8>() {
                                Ok(n) if n <= 100 => { ed.settle(format!("p{si}"), None); draft.update(|t| t.stages[si].probability = n) }
                                _ => ed.settle(format!("p{si}"), Some(format!("Stage {}: the win probability must be a whole number from 0 to 100 (“{}” is not).", si + 1, v.trim()))),
                            }
                        } />
                    {move || ed.typo(format!("p{si}"))().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                </label>
                <label class="field">
                    <span class="field-label">"Typical days in stage"</span>
                    <input type="text" inputmode="numeric" name=format!("typical-days-{si}")
                        placeholder=move || app.with(|ws| draft.with(|t| t.stages.get(si).and_then(|s| ws.settings.health.typical_days(s.stage)))).flatten().map(|d| format!("{d} (the workspace's)")).unwrap_or_default()
                        prop:value=stage_get(|s| s.typical_days.map(|d| d.to_string()).unwrap_or_default())
                        aria-invalid=move || ed.typo(format!("d{si}"))().is_some().to_string()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            match v.trim() {
                                "" => { ed.settle(format!("d{si}"), None); draft.update(|t| t.stages[si].typical_days = None) }
                                text => match text.parse::<u32>() {
                                    Ok(n) => { ed.settle(format!("d{si}"), None); draft.update(|t| t.stages[si].typical_days = Some(n)) }
                                    Err(_) => ed.settle(format!("d{si}"), Some(format!("Stage {}: typical days must be a whole number of days, or empty for the workspace's (“{text}” is not).", si + 1))),
                                },
                            }
                        } />
                    {move || ed.typo(format!("d{si}"))().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    <p class="field-hint">"New plans give stages time in proportion to this; empty uses the workspace's."</p>
                </label>
                <label class="check-label field">
                    <input type="checkbox" name=format!("milestone-with-client-{si}")
                        prop:checked=move || draft.with(|t| t.stages.get(si).is_some_and(|s| s.milestone_with_client))
                        on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|t| t.stages[si].milestone_with_client = on) } />
                    " Milestone agreed with the client (shown in the client's update)"
                </label>
                <label class="field wide">
                    <span class="field-label">"Exit criteria (one per line)"</span>
                    <textarea rows="3" prop:value=stage_get(|s| s.exit_criteria.join("\n")) on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|t| t.stages[si].exit_criteria = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect());
                    }></textarea>
                </label>
            </div>
            <table class="data-table stack template-tasks">
                <thead><tr><th scope="col">"Task"</th><th scope="col">"Key"</th><th scope="col">"Days"</th><th scope="col">"Owner role"</th><th scope="col">"Waits for (keys)"</th><th scope="col">"With the client"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>
                    {(0..task_count).map(|ti| view! { <TaskEditor ed si ti /> }).collect_view()}
                </tbody>
            </table>
            <button class="button small" on:click=move |_| draft.update(|t| {
                let taken: Vec<String> = t.stages.iter().flat_map(|s| s.tasks.iter().map(|x| x.key.clone())).collect();
                let key = key_for(&format!("task {}", taken.len() + 1), &taken);
                t.stages[si].tasks.push(TemplateTask { key, title: "New task".into(), duration_days: 1, owner_role: String::new(), depends_on: Vec::new(), with_client: false });
            })>"Add task"</button>
        </section>
    }
}

/// One task of a stage: title, key, days, owner role, what it waits for, agreed with the
/// client.
#[component]
fn TaskEditor(ed: Editing, si: usize, ti: usize) -> impl IntoView {
    let draft = ed.draft;
    let get = move |f: fn(&TemplateTask) -> String| {
        move || {
            draft.with(|t| {
                t.stages
                    .get(si)
                    .and_then(|s| s.tasks.get(ti))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <tr>
            <td data-label="Task" class="task-cell"><input type="text" aria-label="Task title" prop:value=get(|t| t.title.clone()) on:input=move |ev| { let v = event_target_value(&ev); draft.update(|t| t.stages[si].tasks[ti].title = v) } /></td>
            <td data-label="Key" class="muted key-cell">{get(|t| t.key.clone())}</td>
            <td data-label="Days">
                <input type="text" inputmode="numeric" class="narrow" aria-label="Working days" prop:value=get(|t| t.duration_days.to_string())
                    aria-invalid=move || ed.typo(format!("w{si}-{ti}"))().is_some().to_string()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        match v.trim().parse::<u32>() {
                            Ok(n) => { ed.settle(format!("w{si}-{ti}"), None); draft.update(|t| t.stages[si].tasks[ti].duration_days = n) }
                            Err(_) => {
                                let title = draft.with_untracked(|t| t.stages[si].tasks[ti].title.clone());
                                ed.settle(format!("w{si}-{ti}"), Some(format!("Stage {}, task “{title}”: working days must be a whole number (“{}” is not).", si + 1, v.trim())));
                            }
                        }
                    } />
                // The cell is narrow: a short word here, the whole message above the form.
                {move || ed.typo(format!("w{si}-{ti}"))().map(|_| view! { <p class="field-error" role="alert">"Whole days only"</p> })}
            </td>
            <td data-label="Owner role"><input type="text" aria-label="Owner role" prop:value=get(|t| t.owner_role.clone()) on:input=move |ev| { let v = event_target_value(&ev); draft.update(|t| t.stages[si].tasks[ti].owner_role = v) } /></td>
            <td data-label="Waits for (keys)"><input type="text" aria-label="Waits for" prop:value=get(|t| t.depends_on.join(", ")) on:input=move |ev| {
                let v = event_target_value(&ev);
                draft.update(|t| t.stages[si].tasks[ti].depends_on = v.split(',').map(str::trim).filter(|k| !k.is_empty()).map(String::from).collect());
            } /></td>
            <td data-label="With the client"><input type="checkbox" class="inline-check" aria-label="Agreed with the client"
                prop:checked=move || draft.with(|t| t.stages.get(si).and_then(|s| s.tasks.get(ti)).is_some_and(|x| x.with_client))
                on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|t| t.stages[si].tasks[ti].with_client = on) } /></td>
            <td class="row-actions"><button class="icon-button" aria-label="Remove task" on:click=move |_| ed.reshape(&|t| { t.stages[si].tasks.remove(ti); })>"×"</button></td>
        </tr>
    }
}
