//! One record changed on both sides, both versions side by side, field by field, with the
//! choice of which to keep: the file merge's conflict view, also used for records a
//! teammate and I edited apart while syncing.

use crate::dates::Written;
use crate::engine::merge::{Choice, Choices, Conflict, Kind};
use crate::model::MemberId;
use leptos::prelude::*;

/// Who made a version, for the conflict view: the member's name as found in `workspaces`
/// (in order), "someone (no member chosen)" for an edit made before choosing who one is.
pub fn editor_name(id: Option<MemberId>, workspaces: &[&crate::model::Workspace]) -> String {
    let Some(id) = id else {
        return "someone (no member chosen)".into();
    };
    workspaces
        .iter()
        .find_map(|ws| ws.members.iter().find(|m| m.id == id))
        .map(|m| m.name.clone())
        .unwrap_or_else(|| "an unknown member".into())
}

/// A record changed on both sides: the fields that differ, mine and theirs with who changed
/// them when, and a choice between them (the later change preselected).
#[component]
pub fn ConflictCard(
    c: Conflict,
    choices: RwSignal<Choices>,
    name_of: impl Fn(Option<MemberId>) -> String + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let key = c.key;
    let default = c.default;
    let chosen = move || choices.with(|ch| ch.get(&key).copied().unwrap_or(default));
    let pick = move |choice: Choice| {
        choices.update(|ch| {
            ch.insert(key, choice);
        })
    };
    let when = |at: chrono::DateTime<chrono::Utc>| {
        at.with_timezone(&chrono::Local)
            .written("%d %b %H:%M")
            .to_string()
    };
    let kind: Kind = key.0;
    let group = format!("conflict-{}", key.1);
    let kind_word = kind.singular();
    let heading = format!(
        "{}{}: {}{}",
        kind_word.get(..1).unwrap_or_default().to_uppercase(),
        kind_word.get(1..).unwrap_or_default(),
        c.title,
        c.project
            .as_ref()
            .filter(|p| **p != c.title)
            .map(|p| format!(" · {p}"))
            .unwrap_or_default()
    );
    let mine = format!("Mine — {}, {}", name_of(c.mine.by), when(c.mine.at));
    let theirs = format!("Theirs — {}, {}", name_of(c.theirs.by), when(c.theirs.at));
    view! {
        <fieldset class="conflict card" data-testid="conflict">
            <legend><strong>{heading}</strong></legend>
            <table class="data-table conflict-table stack">
                <thead><tr>
                    <th scope="col">"Field"</th>
                    <th scope="col">{mine.clone()}</th>
                    <th scope="col">{theirs.clone()}</th>
                </tr></thead>
                <tbody>
                    {c.fields.iter().map(|f| view! {
                        <tr>
                            <th scope="row">{f.field.clone()}</th>
                            <td data-label=mine.clone() class:picked=move || chosen() == Choice::Mine>{f.mine.clone()}</td>
                            <td data-label=theirs.clone() class:picked=move || chosen() == Choice::Theirs>{f.theirs.clone()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="conflict-pick">
                <label class="check-label"><input type="radio" name=group.clone() prop:checked=move || chosen() == Choice::Mine on:change=move |_| pick(Choice::Mine) />" Keep mine"</label>
                <label class="check-label"><input type="radio" name=group prop:checked=move || chosen() == Choice::Theirs on:change=move |_| pick(Choice::Theirs) />" Take theirs"</label>
            </div>
        </fieldset>
    }
}
