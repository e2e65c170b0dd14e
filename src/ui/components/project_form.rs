//! The project form, used to create a project and to edit one.

use crate::engine::plan::{default_roles, plan_from_template, PlanFor};
use crate::model::{
    MemberId, ProjectId, ProjectKind, ProjectStatus, SequentialIds, Stage, TemplateId,
};
use crate::model::{ProjectDraft, ProjectInput};
use crate::ui::components::form::{
    submitted, use_draft, DraftInput, DraftSelect, DraftTextarea, Field, FormActions,
};
use crate::ui::state::use_app;
use crate::ui::state::{now, today};
use leptos::prelude::*;

/// Options for an owner picker: every live member, plus "Unassigned".
pub fn member_options() -> Signal<Vec<(String, String)>> {
    let app = use_app();
    Signal::derive(move || {
        let mut options = vec![(String::new(), "Unassigned".to_string())];
        app.with(|ws| options.extend(ws.live_members().map(|m| (m.id.to_text(), m.name.clone()))));
        options
    })
}

fn fixed<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (key(*v).to_string(), label(*v).to_string()))
        .collect()
}

/// The live templates as (id, name), for pickers.
pub fn template_choices() -> Vec<(TemplateId, String)> {
    use_app()
        .with_team(|ws| {
            ws.live_templates()
                .map(|t| (t.id, t.name.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// A playbook chosen for a new project, with who takes each of its roles (`None`: the deal
/// owner).
#[derive(Clone, Debug, PartialEq)]
pub struct PlaybookChoice {
    pub template: TemplateId,
    pub roles: Vec<(String, Option<MemberId>)>,
}

/// What planning a new project from a playbook would give, shown before it is created:
/// whether it ends late, what it says, and who gets how many of its tasks.
fn plan_preview(
    choice: Option<PlaybookChoice>,
    draft: &ProjectDraft,
) -> Option<(bool, String, String)> {
    let app = use_app();
    let choice = choice?;
    let date = |s: &str| crate::dates::parse_day(s.trim());
    let target = date(&draft.target_date)?;
    let start = date(&draft.start_date).unwrap_or_else(today);
    app.with(|ws| {
        let t = ws.templates.iter().find(|t| t.id == choice.template)?;
        let stamp = crate::model::Stamp::new(now(), None);
        let plan = PlanFor {
            project: ProjectId(uuid::Uuid::nil()),
            start,
            target,
            owner: draft.owner,
            roles: choice.roles.clone(),
        };
        let p = plan_from_template(ws, t, &plan, today(), &mut SequentialIds::default(), &stamp)
            .ok()?;
        let (late, text) = p.summary();
        Some((late, text, who_gets(ws, &p.tasks)))
    })
    .flatten()
}

/// "Tasks: Lena Vogel 9 · Sam Ortiz 4", most first.
fn who_gets(ws: &crate::model::Workspace, tasks: &[crate::model::Task]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for t in tasks {
        let name = ws.member_name(t.owner);
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, c)) => *c += 1,
            None => counts.push((name, 1)),
        }
    }
    crate::sorting::sort_by(&mut counts, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let parts: Vec<String> = counts.iter().map(|(n, c)| format!("{n} {c}")).collect();
    format!("Tasks: {}", parts.join(" · "))
}

/// The project form. With `playbooks`, it also offers to lay out milestones and tasks from a
/// template, and previews when work must start.
#[component]
pub fn ProjectForm(
    initial: ProjectDraft,
    submit_label: &'static str,
    on_save: Callback<(ProjectInput, Option<PlaybookChoice>)>,
    on_cancel: Callback<()>,
    #[prop(optional)] playbooks: bool,
) -> impl IntoView {
    let initial_status = initial.status;
    let (draft, ctl) = use_draft(initial, ProjectDraft::check);
    let template = RwSignal::new(None::<TemplateId>);
    // Roles someone gave a member by hand; the rest follow the deal owner's team.
    let picked = RwSignal::new(Vec::<(String, Option<MemberId>)>::new());
    let app = use_app();
    let choice = Memo::new(move |_| {
        let template = template.get()?;
        let owner = draft.with(|d| d.owner);
        let mut roles = app
            .with(|ws| {
                let t = ws.templates.iter().find(|t| t.id == template)?;
                Some(default_roles(ws, t, owner))
            })
            .flatten()?;
        picked.with(|picked| {
            for (role, member) in roles.iter_mut() {
                if let Some((_, m)) = picked.iter().find(|(r, _)| r == role) {
                    *member = *m;
                }
            }
        });
        Some(PlaybookChoice { template, roles })
    });
    let preview = Memo::new(move |_| draft.with(|d| plan_preview(choice.get(), d)));
    let submit = move |ev| {
        if let Some(input) = submitted(ev, draft, ctl, ProjectDraft::check) {
            on_save.run((input, choice.get_untracked()));
        }
    };
    view! {
        <form class="form-grid" on:submit=submit novalidate=true>
            {playbooks.then(|| view! { <PlaybookPick template picked choice preview /> })}
            <Field label="Project name" error=ctl.error("name") wide=true>
                <DraftInput draft ctl field="name" get=|d: &ProjectDraft| d.name.clone() set=|d, v| d.name = v autofocus=true placeholder="e.g. Helios Logistics — managed IT services" />
            </Field>
            <Field label="Kind" error=ctl.error("kind")>
                <DraftSelect draft field="kind" options=Signal::derive(|| fixed(&ProjectKind::ALL, ProjectKind::key, ProjectKind::label))
                    get=|d: &ProjectDraft| d.kind.key().to_string()
                    set=|d, v| if let Some(k) = ProjectKind::from_key(&v) { d.kind = k } />
            </Field>
            <Field label="Client" error=ctl.error("client")>
                <DraftInput draft ctl field="client" get=|d: &ProjectDraft| d.client.clone() set=|d, v| d.client = v placeholder="Organisation" />
            </Field>
            <Field label="Owner" error=ctl.error("owner")>
                <DraftSelect draft field="owner" options=member_options()
                    get=|d: &ProjectDraft| d.owner.map(|o| o.to_text()).unwrap_or_default()
                    set=|d, v| d.owner = MemberId::parse(&v) />
            </Field>
            <Field label="Stage" error=ctl.error("stage")>
                <DraftSelect draft field="stage" options=Signal::derive(|| fixed(&Stage::ALL, Stage::key, Stage::label))
                    get=|d: &ProjectDraft| d.stage.key().to_string()
                    set=|d, v| if let Some(s) = Stage::from_key(&v) {
                        // The probability follows the stage unless someone typed their own.
                        if d.probability.trim() == d.stage.default_probability().to_string() {
                            d.probability = s.default_probability().to_string();
                        }
                        d.stage = s;
                    } />
            </Field>
            <Field label="Status" error=ctl.error("status") hint="To close a deal as won or lost, use Mark won / Mark lost on its page: it asks why.">
                <DraftSelect draft field="status" options=Signal::derive(move || {
                    // Won and lost are reached through the close dialog, which records the reason.
                    let keep = |s: &ProjectStatus| !matches!(s, ProjectStatus::Won | ProjectStatus::Lost) || *s == initial_status;
                    let statuses: Vec<ProjectStatus> = ProjectStatus::ALL.into_iter().filter(keep).collect();
                    fixed(&statuses, ProjectStatus::key, ProjectStatus::label)
                })
                    get=|d: &ProjectDraft| d.status.key().to_string()
                    set=|d, v| if let Some(s) = ProjectStatus::from_key(&v) { d.status = s } />
            </Field>
            <Field label="Value" error=ctl.error("value") hint="Expected revenue when won">
                <DraftInput draft ctl field="value" get=|d: &ProjectDraft| d.value.clone() set=|d, v| d.value = v inputmode="decimal" placeholder="250,000" />
            </Field>
            <Field label="Currency" error=ctl.error("currency")>
                <DraftInput draft ctl field="currency" get=|d: &ProjectDraft| d.currency.clone() set=|d, v| d.currency = v placeholder="EUR" />
            </Field>
            <Field label="Budget" error=ctl.error("budget") hint="What winning it may cost, in the same currency; empty for none">
                <DraftInput draft ctl field="budget" get=|d: &ProjectDraft| d.budget.clone() set=|d, v| d.budget = v inputmode="decimal" placeholder="15,000" />
            </Field>
            <Field label="Probability (%)" error=ctl.error("probability")>
                <DraftInput draft ctl field="probability" get=|d: &ProjectDraft| d.probability.clone() set=|d, v| d.probability = v inputmode="numeric" />
            </Field>
            <Field label="Start date" error=ctl.error("start_date")>
                <DraftInput draft ctl field="start_date" kind="date" get=|d: &ProjectDraft| d.start_date.clone() set=|d, v| d.start_date = v />
            </Field>
            <Field label="Target date" error=ctl.error("target_date")>
                <DraftInput draft ctl field="target_date" kind="date" get=|d: &ProjectDraft| d.target_date.clone() set=|d, v| d.target_date = v />
            </Field>
            <Field label="Reference" error=ctl.error("reference") hint="Its id in your CRM, so importing the next export updates it">
                <DraftInput draft ctl field="reference" get=|d: &ProjectDraft| d.reference.clone() set=|d, v| d.reference = v placeholder="e.g. OPP-10482" />
            </Field>
            <Field label="Goal and description" error=ctl.error("description") wide=true>
                <textarea
                    name="description"
                    rows="3"
                    prop:value=move || draft.with(|d| d.description.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|d| d.description = v);
                    }
                ></textarea>
            </Field>
            <IntakeFields draft ctl open=initial_status == ProjectStatus::Proposed />
            <FormActions submit_label on_cancel />
        </form>
    }
}

/// The playbook to plan from, who takes each of its roles, and when work must start.
#[component]
fn PlaybookPick(
    template: RwSignal<Option<TemplateId>>,
    picked: RwSignal<Vec<(String, Option<MemberId>)>>,
    choice: Memo<Option<PlaybookChoice>>,
    preview: Memo<Option<(bool, String, String)>>,
) -> impl IntoView {
    let members = member_options();
    view! {
        <div class="field wide playbook-pick">
            <label>
                <span class="field-label">"Playbook"</span>
                <select name="playbook" on:change=move |ev| template.set(TemplateId::parse(&event_target_value(&ev)))>
                    <option value="">"None — add milestones and tasks yourself"</option>
                    {template_choices().into_iter().map(|(id, name)| view! { <option value=id.to_text()>{name}</option> }).collect_view()}
                </select>
            </label>
            {template_choices().is_empty().then(|| view! {
                <p class="field-hint" data-testid="no-playbooks">"This workspace has no playbooks. Templates → “Add missing built-ins” brings back the built-in ones (complex B2B deal, upsell campaign, lead generation)."</p>
            })}
            {move || preview.get().map(|(late, text, _)| view! { <p class="plan-preview" class:late=late data-testid="plan-preview">{text}</p> })}
            {move || choice.get().filter(|c| !c.roles.is_empty()).map(|c| view! {
                <fieldset class="roles" data-testid="playbook-roles">
                    <legend>"Who does what"</legend>
                    {c.roles.into_iter().map(|(role, member)| {
                        let label = role.clone();
                        view! {
                            <label class="field">
                                <span class="field-label">{role.clone()}</span>
                                <select aria-label=format!("Owner for {label}") on:change=move |ev| {
                                    let m = MemberId::parse(&event_target_value(&ev));
                                    let role = role.clone();
                                    picked.update(|p| {
                                        p.retain(|(r, _)| *r != role);
                                        p.push((role, m));
                                    });
                                }>
                                    {members.get().into_iter().map(|(value, name)| {
                                        let selected = member.map(|m| m.to_text()).unwrap_or_default() == value;
                                        let name = if value.is_empty() { "The deal owner".to_string() } else { name };
                                        view! { <option value=value selected=selected>{name}</option> }
                                    }).collect_view()}
                                </select>
                            </label>
                        }
                    }).collect_view()}
                    {move || preview.get().map(|(_, _, who)| view! { <p class="muted" data-testid="who-gets">{who}</p> })}
                </fieldset>
            })}
        </div>
    }
}

/// What portfolio intake asks of a project: why, focus area, sponsor, people and weeks.
#[component]
fn IntakeFields(
    draft: RwSignal<ProjectDraft>,
    ctl: crate::ui::components::form::FormCtl,
    open: bool,
) -> impl IntoView {
    view! {
        <details class="field wide intake" open=open>
            <summary>"Intake: why, focus area, sponsor and people needed"</summary>
            <div class="form-grid">
                <Field label="Why take it on" error=ctl.error("rationale") wide=true>
                    <DraftTextarea draft ctl field="rationale" get=|d: &ProjectDraft| d.rationale.clone() set=|d, v| d.rationale = v rows=2 placeholder="The case for it in a sentence or two" />
                </Field>
                <Field label="Strategic focus area" error=ctl.error("focus_area")>
                    <DraftInput draft ctl field="focus_area" get=|d: &ProjectDraft| d.focus_area.clone() set=|d, v| d.focus_area = v placeholder="e.g. Logistics vertical" />
                </Field>
                <Field label="Sponsor" error=ctl.error("sponsor")>
                    <DraftInput draft ctl field="sponsor" get=|d: &ProjectDraft| d.sponsor.clone() set=|d, v| d.sponsor = v />
                </Field>
                <Field label="People needed" error=ctl.error("people_needed")>
                    <DraftInput draft ctl field="people_needed" get=|d: &ProjectDraft| d.people_needed.clone() set=|d, v| d.people_needed = v inputmode="numeric" />
                </Field>
                <Field label="Weeks needed" error=ctl.error("weeks_needed")>
                    <DraftInput draft ctl field="weeks_needed" get=|d: &ProjectDraft| d.weeks_needed.clone() set=|d, v| d.weeks_needed = v inputmode="numeric" />
                </Field>
            </div>
        </details>
    }
}
