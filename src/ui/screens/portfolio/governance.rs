//! The portfolio's governance: every decision taken (filterable by verdict), and portfolio
//! reviews — recorded with their date, attendees and notes, listed with the decisions taken
//! in them, and printable.

use crate::model::PortfolioCommand;
use crate::model::ReviewDraft;
use crate::model::{IdSource, ReviewId, Verdict};
use crate::ui::components::decision_log::{decision_log, DecisionTable, LogRow};
use crate::ui::components::dialog::{ConfirmDelete, Modal};
use crate::ui::components::form::{
    dispatch_on_submit, use_draft, DraftInput, DraftTextarea, Field, FormActions,
};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

/// The portfolio-wide decision log with a verdict filter, and the reviews.
#[component]
pub fn Governance() -> impl IntoView {
    let app = use_app();
    let filter = RwSignal::new(None::<Verdict>);
    let log = Memo::new(move |_| app.with(|ws| decision_log(ws, None)).unwrap_or_default());
    let reviews = Memo::new(move |_| {
        app.with(|ws| {
            let mut live: Vec<_> = ws
                .reviews
                .iter()
                .filter(|r| r.stamp.deleted_at.is_none())
                .map(|r| {
                    let names: Vec<String> = r
                        .attendees
                        .iter()
                        .map(|m| ws.member_name(Some(*m)))
                        .collect();
                    (r.id, r.date, names.join(", "), r.notes.clone())
                })
                .collect();
            crate::sorting::sort_by_key(&mut live, |r| std::cmp::Reverse(r.1));
            live
        })
        .unwrap_or_default()
    });
    let editing = RwSignal::new(None::<Option<ReviewId>>);
    let deleting = RwSignal::new(None::<ReviewId>);
    view! {
        <section class="section" data-testid="decision-log">
            <header class="section-head">
                <h2>"Decision log"</h2>
                <label class="inline-filter">
                    <span>"Show"</span>
                    <select name="verdict" on:change=move |ev| filter.set(Verdict::from_key(&event_target_value(&ev)))>
                        <option value="">"All decisions"</option>
                        {Verdict::ALL.into_iter().map(|v| view! { <option value=v.key()>{v.label()}</option> }).collect_view()}
                    </select>
                </label>
            </header>
            {move || {
                let rows: Vec<LogRow> = log.get().into_iter().filter(|r| filter.get().is_none_or(|v| r.verdict == v)).collect();
                if rows.is_empty() {
                    view! { <p class="muted">"No decisions here yet. Approve, hold or reject a proposal above and it is logged with its reason."</p> }.into_any()
                } else {
                    view! { <DecisionTable rows with_project=true /> }.into_any()
                }
            }}
        </section>
        <section class="section" data-testid="reviews">
            <header class="section-head">
                <div>
                    <h2>"Portfolio reviews"</h2>
                    <p class="muted">"Who met, when, and the decisions taken there."</p>
                </div>
                <div class="head-actions">
                    <button class="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print"</button>
                    <button class="button primary" on:click=move |_| editing.set(Some(None))>"Record a review"</button>
                </div>
            </header>
            {move || {
                let list = reviews.get();
                if list.is_empty() {
                    return view! { <p class="muted">"No reviews recorded yet."</p> }.into_any();
                }
                list.into_iter().map(|(id, date, attendees, notes)| {
                    let taken: Vec<LogRow> = log.get().into_iter().filter(|r| r.review == Some(id)).collect();
                    let when = crate::model::day(date).to_string();
                    let (edit_label, delete_label) = (format!("Edit review of {when}"), format!("Delete review of {when}"));
                    view! {
                        <article class="card review">
                            <header class="section-head">
                                <h3>{format!("Review of {when}")}</h3>
                                <span class="row-actions">
                                    <button class="button small" aria-label=edit_label on:click=move |_| editing.set(Some(Some(id)))>"Edit"</button>
                                    <button class="button small danger-text" aria-label=delete_label on:click=move |_| deleting.set(Some(id))>"Delete"</button>
                                </span>
                            </header>
                            <p><strong>"Attendees: "</strong>{if attendees.is_empty() { "—".to_string() } else { attendees }}</p>
                            {(!notes.is_empty()).then(|| view! { <p class="muted">{notes}</p> })}
                            {if taken.is_empty() {
                                view! { <p class="muted">"No decisions recorded in this review."</p> }.into_any()
                            } else {
                                view! { <DecisionTable rows=taken with_project=true /> }.into_any()
                            }}
                        </article>
                    }
                }).collect_view().into_any()
            }}
        </section>
        {move || editing.get().map(|review| view! { <ReviewDialog review on_done=Callback::new(move |_| editing.set(None)) /> })}
        <ConfirmDelete pending=deleting title="Delete review?" confirm_label="Delete review" command=PortfolioCommand::DeleteReview
            message="The review leaves the list; its decisions stay in the log. Undo (Ctrl+Z) brings it back." />
    }
}

#[component]
fn ReviewDialog(review: Option<ReviewId>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let initial = review
        .and_then(|id| {
            app.with(|ws| {
                ws.reviews
                    .iter()
                    .find(|r| r.id == id)
                    .map(ReviewDraft::from_review)
            })
            .flatten()
        })
        .unwrap_or_else(|| ReviewDraft::blank(today()));
    let (draft, ctl) = use_draft(initial, ReviewDraft::check);
    let members = app.with(|ws| ws.member_names()).unwrap_or_default();
    let id: ReviewId = review.unwrap_or_else(|| RandomIds.next());
    let submit = dispatch_on_submit(
        draft,
        ctl,
        ReviewDraft::check,
        move |input| PortfolioCommand::SaveReview { id, input },
        on_done,
    );
    view! {
        <Modal title=(if review.is_some() { "Edit portfolio review" } else { "Record a portfolio review" }).to_string() on_close=on_done wide=true>
            <form class="form-grid" on:submit=submit novalidate=true>
                <Field label="Date" error=ctl.error("date")>
                    <DraftInput draft ctl field="date" kind="date" get=|d: &ReviewDraft| d.date.clone() set=|d, v| d.date = v />
                </Field>
                <fieldset class="field wide attendees">
                    <legend class="field-label">"Attendees"</legend>
                    {members.into_iter().map(|(mid, name)| view! {
                        <label class="check-label">
                            <input type="checkbox"
                                prop:checked=move || draft.with(|d| d.attendees.contains(&mid))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| {
                                        d.attendees.retain(|m| *m != mid);
                                        if on { d.attendees.push(mid); }
                                    });
                                } />
                            {name}
                        </label>
                    }).collect_view()}
                </fieldset>
                <Field label="Notes" error=ctl.error("notes") wide=true>
                    <DraftTextarea draft ctl field="notes" get=|d: &ReviewDraft| d.notes.clone() set=|d, v| d.notes = v rows=3 placeholder="What was discussed and agreed" />
                </Field>
                <FormActions submit_label=if review.is_some() { "Save review" } else { "Record review" } on_cancel=on_done />
            </form>
        </Modal>
    }
}
