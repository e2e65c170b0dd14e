//! Merging a teammate's file: pick it, see what it brings (new, changed on their side,
//! deleted on their side, conflicts, unchanged — by kind), choose per conflict with both
//! versions side by side, then apply all of it or nothing.

use crate::engine::merge::{
    all, apply, keep_children, pairings, preview, remap, Choice, Choices, PairKind, Preview,
};
use crate::engine::validate::validate;
use crate::model::common::plural;
use crate::model::{MemberId, Workspace};
use crate::ui::components::dialog::Modal;
use crate::ui::components::file::{pick_into, Picking};
use crate::ui::components::layout::NotKept;
use crate::ui::state::Replaced;
use crate::ui::state::{now, use_app};
use leptos::prelude::*;

#[component]
pub fn MergePanel() -> impl IntoView {
    let state = RwSignal::new(Picking::Idle);
    let on_change = pick_into(state);
    view! {
        <div class="import-panel">
            <crate::ui::components::file::FilePick label="Teammate's file (.json)" testid="merge-file" on_change />
            {move || match state.get() {
                Picking::Idle => ().into_any(),
                Picking::Reading(file) => crate::ui::components::file::reading(&file),
                Picking::Sealed { file, bytes } => view! {
                    <crate::ui::components::seal::UnsealForm file bytes state />
                }.into_any(),
                Picking::Failed { file, lines } => view! {
                    <crate::ui::components::file::FileProblems file lines verb="merged" testid="merge-errors" />
                }.into_any(),
                Picking::Ready { file, workspace } => view! {
                    <MergeDialog file theirs=*workspace on_done=Callback::new(move |_| state.set(Picking::Idle)) />
                }.into_any(),
            }}
        </div>
    }
}

/// "brings 3 new, 2 changed, 1 deleted and 1 conflict".
fn brings(p: &Preview) -> String {
    let t = p.total();
    let parts: Vec<String> = [
        (t.new, "new", "new"),
        (t.changed, "changed on their side", "changed on their side"),
        (t.deleted, "deleted on their side", "deleted on their side"),
        (t.conflicts, "conflict", "conflicts"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| plural(n, one, many))
    .collect();
    match parts.len() {
        0 => "brings nothing new: everything in it is already here.".into(),
        1 => format!("brings {}.", parts[0]),
        n => format!("brings {} and {}.", parts[..n - 1].join(", "), parts[n - 1]),
    }
}

/// The preview of a merge and its choices. `theirs` is merged into this browser's
/// workspace; with `into`, into that workspace instead (the team's, when this browser's
/// workspace joins a team database), whose id, name and settings the result keeps.
#[component]
pub fn MergeDialog(
    file: String,
    theirs: Workspace,
    on_done: Callback<()>,
    #[prop(optional)] into: Option<Workspace>,
    /// With `into`: takes the merged workspace to put in place (this dialog may be gone by
    /// the time it is kept: the workspace it shows is replaced).
    #[prop(optional)]
    on_merged: Option<Callback<Workspace>>,
) -> impl IntoView {
    let app = use_app();
    let joining = into.is_some();
    let into = StoredValue::new(into);
    // The workspace merged into: the given one, else this browser's.
    let with_mine = move |f: &dyn Fn(&Workspace) -> Workspace| -> Option<Workspace> {
        match into.with_value(|i| i.as_ref().map(f)) {
            Some(out) => Some(out),
            None => app.with_real(|mine| f(mine)),
        }
    };
    // People and playbooks in their file that are ones here under other ids (workspaces
    // started separately), and what the person chose for each: the one here, or new.
    let pairs = StoredValue::new(
        into.with_value(|i| i.as_ref().map(|mine| pairings(mine, &theirs)))
            .or_else(|| app.with_real(|mine| pairings(mine, &theirs)))
            .unwrap_or_default(),
    );
    let paired = RwSignal::new(
        pairs.with_value(|p| p.iter().map(|x| (x.theirs, x.proposed)).collect::<Vec<_>>()),
    );
    let original = StoredValue::new(theirs);
    // Their file with the accepted pairs written as the ids here.
    let mapped = Memo::new(move |_| {
        let accepted: Vec<(uuid::Uuid, uuid::Uuid)> = paired.with(|p| {
            p.iter()
                .filter_map(|(from, to)| to.map(|to| (*from, to)))
                .collect()
        });
        original.with_value(|t| remap(t, &accepted))
    });
    let theirs = mapped;
    let file_name = StoredValue::new(file.clone());
    let result = Memo::new(move |_| {
        into.with_value(|i| i.as_ref().map(|mine| theirs.with(|t| preview(mine, t))))
            .or_else(|| app.with_real(|mine| theirs.with(|t| preview(mine, t))))
            .unwrap_or_default()
    });
    let choices = RwSignal::new(Choices::new());
    let problems = RwSignal::new(Vec::<String>::new());
    // The browser's answer when it would not take the merged workspace: refused before
    // anything changed (no room), or on screen but not stored.
    let refused = RwSignal::new(None::<String>);
    let not_kept = RwSignal::new(None::<String>);
    let name_of = move |id: Option<MemberId>| -> String {
        let names = |mine: &Workspace| {
            theirs.with_untracked(|t| crate::ui::components::conflict::editor_name(id, &[mine, t]))
        };
        into.with_value(|i| i.as_ref().map(names))
            .or_else(|| app.with_real(names))
            .unwrap_or_default()
    };
    let apply_merge = move |_| {
        let kept = StoredValue::new(Default::default());
        let Some(mut merged) = with_mine(&|mine| {
            let picked = choices.get_untracked();
            theirs.with_untracked(|t| {
                let mut merged = apply(mine, t, &picked);
                // A project kept over their deletion keeps its tasks, milestones and the rest.
                let (restored, _) = keep_children(&mut merged, mine, t, now(), app.editor());
                kept.set_value(restored);
                merged
            })
        }) else {
            return;
        };
        let kept = kept.get_value();
        if let Some(team) = into.get_value() {
            // Joining: the team's workspace record stays as the team has it.
            merged.id = team.id;
            merged.name = team.name;
            merged.settings = team.settings;
            merged.stamp = team.stamp;
        }
        let problems_of = |ws: &Workspace| -> Vec<String> {
            validate(ws).iter().map(|p| p.to_string()).collect()
        };
        let before: Vec<String> = into
            .with_value(|i| i.as_ref().map(problems_of))
            .or_else(|| app.with(problems_of))
            .unwrap_or_default();
        let new_problems: Vec<String> = validate(&merged)
            .iter()
            .map(|p| p.to_string())
            .filter(|p| !before.contains(p))
            .collect();
        if !new_problems.is_empty() {
            problems.set(new_problems);
            return;
        }
        if let Some(on_merged) = on_merged {
            return on_merged.run(merged);
        }
        let summary = result.with_untracked(brings);
        let file = file_name.get_value();
        refused.set(None);
        app.replace_kept(
            merged,
            format!("merged {file}"),
            move |outcome| match outcome {
                Replaced::Kept => merged_notice(app, &file, &summary, &kept, on_done),
                Replaced::Refused(reason) => refused.set(Some(reason)),
                Replaced::NotKept(reason) => not_kept.set(Some(reason)),
            },
        );
    };
    let file_for_title = file.clone();
    view! {
        <Modal title=format!("Merge {file_for_title}") on_close=on_done wide=true>
            <div class="merge-preview">
                <p data-testid="merge-summary">
                    {let file = file.clone(); move || format!("{file} {}", result.with(brings))}
                    {move || (joining).then(|| view! {
                        <span class="muted">" It joins the team's workspace: the team's name and settings stay as they are, and everything merged goes to the whole team. Undo brings your workspace back as it was."</span>
                    })}
                    {move || (!joining && !result.with(|r| r.same_workspace)).then(|| view! {
                        <span class="muted">" It comes from another workspace (for example a shared project): your workspace's name and settings stay as they are."</span>
                    })}
                </p>
                {(!pairs.with_value(Vec::is_empty)).then(|| view! { <Pairings pairs=pairs.get_value() paired into /> })}
                <MergeCounts result />
                {move || {
                    let conflicts = result.with(|r| r.conflicts.clone());
                    (!conflicts.is_empty()).then(|| view! {
                        <section class="conflicts" data-testid="conflicts">
                            <header class="section-head">
                                <h3>{format!("Changed on both sides ({})", conflicts.len())}</h3>
                                <div class="head-actions">
                                    <button type="button" class="button small" on:click=move |_| choices.set(result.with_untracked(|r| all(r, Choice::Mine)))>"Keep all mine"</button>
                                    <button type="button" class="button small" on:click=move |_| choices.set(result.with_untracked(|r| all(r, Choice::Theirs)))>"Take all theirs"</button>
                                </div>
                            </header>
                            <p class="muted">"Each is preselected with the later change. Pick the version to keep."</p>
                            {conflicts.into_iter().map(|c| view! { <crate::ui::components::conflict::ConflictCard c choices name_of /> }).collect_view()}
                        </section>
                    })
                }}
                <MergeRefusals refused not_kept problems file=file_name.get_value() />
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_done.run(())>"Cancel"</button>
                    {move || if result.with(|r| r.total().brings_anything()) && not_kept.with(Option::is_none) {
                        view! { <button type="button" class="button primary" on:click=apply_merge>"Apply merge"</button> }.into_any()
                    } else {
                        ().into_any()
                    }}
                </div>
            </div>
        </Modal>
    }
}

/// How many records of each kind the merge brings: new, changed, deleted, in conflict.
#[component]
fn MergeCounts(result: Memo<crate::engine::merge::Preview>) -> impl IntoView {
    view! {
        <div class="table-wrap flat" tabindex="0" role="region" aria-label="What the merge brings, by kind of record">
            <table class="data-table merge-counts" data-testid="merge-counts">
                <thead><tr>
                    <th scope="col">"What"</th><th scope="col" class="numeric">"New"</th><th scope="col" class="numeric">"Changed by them"</th>
                    <th scope="col" class="numeric">"Deleted by them"</th><th scope="col" class="numeric">"Conflicts"</th><th scope="col" class="numeric">"Unchanged"</th>
                </tr></thead>
                <tbody>
                    {move || result.get().counts.into_iter().filter(|(_, c)| c.brings_anything()).map(|(kind, c)| view! {
                        <tr data-kind=kind.singular()>
                            <th scope="row">{kind.label()}</th>
                            <td class="numeric" data-label="New">{c.new}</td>
                            <td class="numeric" data-label="Changed on their side">{c.changed}</td>
                            <td class="numeric" data-label="Deleted on their side">{c.deleted}</td>
                            <td class="numeric" class:conflict-count={c.conflicts > 0} data-label="Conflicts">{c.conflicts}</td>
                            <td class="numeric muted" data-label="Unchanged">{c.unchanged}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="5">"Everything else, unchanged"</th>
                        <td class="numeric muted" data-testid="merge-unchanged">{move || result.with(|r| {
                            let shown: usize = r.counts.values().filter(|c| c.brings_anything()).map(|c| c.unchanged).sum();
                            let all = r.total().unchanged;
                            format!("{} records", crate::model::common::group_thousands((all - shown) as u64))
                        })}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// Why the merge changed nothing (no room, inconsistent), or was not kept.
#[component]
fn MergeRefusals(
    refused: RwSignal<Option<String>>,
    not_kept: RwSignal<Option<String>>,
    problems: RwSignal<Vec<String>>,
    file: String,
) -> impl IntoView {
    let file = StoredValue::new(file);
    view! {
        {move || refused.get().map(|reason| view! {
            <div class="import-errors" role="alert" data-testid="merge-refused">
                <p><strong>"The merged workspace was not stored, so nothing was changed."</strong></p>
                <p>{reason}</p>
            </div>
        })}
        {move || not_kept.get().map(|reason| view! { <NotKept what=file.with_value(|f| format!("The merge of {f}")) reason /> })}
        {move || (!problems.with(Vec::is_empty)).then(|| view! {
            <div class="import-errors" role="alert">
                <p><strong>"This merge would leave the workspace inconsistent, so nothing was changed:"</strong></p>
                <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                <p class="muted">"Choose other versions above, or fix it on one side and exchange files again."</p>
            </div>
        })}
    }
}

/// Says what a kept merge brought, and closes the dialog.
fn merged_notice(
    app: crate::ui::state::AppState,
    file: &str,
    summary: &str,
    kept: &std::collections::BTreeMap<crate::engine::records::Kind, usize>,
    on_done: Callback<()>,
) {
    let kept: Vec<String> = kept
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.label().to_lowercase()))
        .collect();
    let kept = if kept.is_empty() {
        String::new()
    } else {
        format!(
            " Projects you kept over their deletion keep what they own: {} came back.",
            kept.join(", ")
        )
    };
    app.notify(format!("Merged {file}: it {summary}{kept}"));
    on_done.run(());
}

/// "Same people and playbooks": each of theirs that matches one here, with the match
/// proposed and changeable (or kept as new).
#[component]
fn Pairings(
    pairs: Vec<crate::engine::merge::Pairing>,
    paired: RwSignal<Vec<(uuid::Uuid, Option<uuid::Uuid>)>>,
    /// The workspace merged into, when it is not this browser's (joining a team's).
    into: StoredValue<Option<Workspace>>,
) -> impl IntoView {
    let app = use_app();
    let joining = into.with_value(Option::is_some);
    let options = move |kind: PairKind| -> Vec<(uuid::Uuid, String)> {
        let list = move |ws: &Workspace| -> Vec<(uuid::Uuid, String)> {
            match kind {
                PairKind::Member => ws
                    .live_members()
                    .map(|m| (m.id.0, m.name.clone()))
                    .collect(),
                PairKind::Template => ws
                    .live_templates()
                    .map(|t| (t.id.0, t.name.clone()))
                    .collect(),
            }
        };
        into.with_value(|i| i.as_ref().map(list))
            .or_else(|| app.with_real(list))
            .unwrap_or_default()
    };
    let (intro, from, to) = if joining {
        ("Your workspace was started apart from the team's, so the same person or playbook has another id there. Matches are proposed; change any that are wrong.", "In your workspace", "In the team's")
    } else {
        ("Their file was started apart from yours, so the same person or playbook has another id there. Matches are proposed; change any that are wrong.", "In their file", "Is here")
    };
    view! {
        <section class="pairings" data-testid="pairings">
            <h3>"Same people and playbooks?"</h3>
            <p class="muted">{intro}</p>
            <div class="table-wrap flat">
                <table class="data-table">
                    <thead><tr><th scope="col">{from}</th><th scope="col">{to}</th><th scope="col">"Matched by"</th></tr></thead>
                    <tbody>
                        {pairs.into_iter().map(|p| {
                            let theirs = p.theirs;
                            let what = match p.kind { PairKind::Member => "person", PairKind::Template => "playbook" };
                            view! {
                                <tr>
                                    <th scope="row">{p.name.clone()}<span class="muted">{format!(" ({what})")}</span></th>
                                    <td>
                                        <select aria-label=format!("{} is here", p.name) on:change=move |ev| {
                                            let to = uuid::Uuid::parse_str(&event_target_value(&ev)).ok();
                                            paired.update(|all| if let Some(x) = all.iter_mut().find(|x| x.0 == theirs) { x.1 = to });
                                        }>
                                            <option value="" selected=p.proposed.is_none()>{format!("A new {what}")}</option>
                                            {options(p.kind).into_iter().map(|(id, name)| view! {
                                                <option value=id.to_string() selected=p.proposed == Some(id)>{name}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                    <td class="muted">{p.why}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
