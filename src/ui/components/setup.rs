//! "Set up in five steps": the checklist a workspace started empty shows until each step is
//! done or the person puts it away. Each step is ticked by doing it, never by a click on
//! the checklist itself.

use crate::model::common::Stamped as _;
use crate::model::{MemberId, ProjectStatus, Workspace};
use crate::ui::router::Route;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// One step, as the checklist shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SetupStep {
    pub title: &'static str,
    /// What to do, in one line.
    pub hint: &'static str,
    /// Where it is done.
    pub href: String,
    pub done: bool,
}

/// The five steps and whether each is done. Pure, so it is tested natively: the team and
/// who you are (a member, and this browser knows which one is you); quotas (any revenue
/// target set); a playbook (a deal planned from one, or a playbook the team edited or made);
/// the first deal; and a copy outside this browser (the workspace downloaded).
pub fn setup_steps(ws: &Workspace, me: Option<MemberId>, exported: bool) -> Vec<SetupStep> {
    let team = me.is_some_and(|m| ws.member(m).is_some());
    let quotas = ws.quotas.iter().any(|q| q.is_live() && q.target > 0);
    let playbook = ws.live_projects().any(|p| p.template_id.is_some())
        || ws
            .live_templates()
            .any(|t| t.stamp.updated_by.is_some() || t.stamp.created_at != t.stamp.updated_at);
    let deal = ws
        .live_projects()
        .any(|p| p.status != ProjectStatus::Proposed);
    vec![
        SetupStep {
            title: "Your team, and who you are",
            hint: "Add the people who sell, then choose yourself under “I am” on this screen.",
            href: Route::Team.href(),
            done: team,
        },
        SetupStep {
            title: "Quotas",
            hint: "Give each person, or the team, a revenue target for the period.",
            href: Route::Goals.href(),
            done: quotas,
        },
        SetupStep {
            title: "A playbook",
            hint: "Plan a deal from a built-in playbook, or adapt one to how you sell.",
            href: Route::Templates.href(),
            done: playbook,
        },
        SetupStep {
            title: "Your first deal",
            hint: "Create it with its value and target date; a playbook plans it backwards.",
            href: Route::Projects(Default::default()).href(),
            done: deal,
        },
        SetupStep {
            title: "A copy outside this browser",
            hint: "Download the workspace (Data), so it never lives in one browser only.",
            href: Route::Data.href(),
            done: exported,
        },
    ]
}

/// The checklist card, for a workspace started empty in this browser, until every step is
/// done or it is put away.
#[component]
pub fn SetupChecklist() -> impl IntoView {
    let app = use_app();
    let dismissed = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        // The notice changes after a download: the last step is read again then.
        app.notices.current.track();
        dismissed.track();
        let id = app.with_real(|ws| ws.id)?;
        (crate::storage::web::setup_state(id).as_deref() == Some("open")).then_some(())?;
        let me = app.me.get();
        let steps =
            app.with_real(|ws| setup_steps(ws, me, crate::storage::web::was_exported(ws.id)))?;
        (!steps.iter().all(|s| s.done)).then_some((id, steps))
    });
    move || {
        shown.get().map(|(id, steps)| {
            let done = steps.iter().filter(|s| s.done).count();
            view! {
                <section class="card setup-checklist" data-testid="setup-checklist" aria-labelledby="setup-title">
                    <header class="section-head">
                        <div>
                            <h2 id="setup-title">"Set up in five steps"</h2>
                            <p class="muted">{format!("{done} of 5 done. Each is ticked when you do it.")}</p>
                        </div>
                        <button class="button small" on:click=move |_| {
                            crate::storage::web::set_setup_state(id, "dismissed");
                            dismissed.set(true);
                        }>"Put away"</button>
                    </header>
                    <ol class="setup-steps">
                        {steps.into_iter().map(|s| view! {
                            <li class:done=s.done>
                                <span class="setup-mark" aria-hidden="true">{if s.done { "✓" } else { "" }}</span>
                                <div>
                                    <a href=s.href>{s.title}</a>
                                    <span class="visually-hidden">{if s.done { " (done)" } else { " (to do)" }}</span>
                                    <p class="muted small-print">{s.hint}</p>
                                </div>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdSource, SequentialIds};

    #[test]
    fn each_step_is_ticked_by_doing_it() {
        let now = "2026-12-03T09:00:00Z".parse().unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let mut ids = SequentialIds::default();
        let empty = Workspace::new(ids.next(), "Team".into(), now);
        let ticks = |ws: &Workspace, me, exported| {
            setup_steps(ws, me, exported)
                .iter()
                .map(|s| s.done)
                .collect::<Vec<_>>()
        };
        assert_eq!(ticks(&empty, None, false), [false; 5]);
        assert_eq!(
            ticks(&empty, None, true),
            [false, false, false, false, true]
        );
        // The sample has a team, quotas, deals planned from playbooks.
        let sample = crate::sample::sample_workspace(now, today, &mut ids);
        let someone = sample.members[0].id;
        assert_eq!(
            ticks(&sample, None, false),
            [false, true, true, true, false]
        );
        assert_eq!(ticks(&sample, Some(someone), true), [true; 5]);
        // Who you are must be one of the team.
        assert!(!ticks(&sample, Some(ids.next()), false)[0]);
    }
}
