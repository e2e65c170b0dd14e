//! The weekly status update: one click writes it from the project's milestones, recent work,
//! conversations, risks and next steps. Copy it as Markdown, download it, print it as a clean
//! page, and log it as sent so the next one starts from there.

use crate::dates::Written;
use crate::engine::status_update::{
    last_update_sent, mailto, recipient_addresses, recipients, status_update, Audience,
    StatusUpdate, UpdateOptions, UPDATE_CHANNEL,
};
use crate::model::CommunicationInput;
use crate::model::RecordCommand;
use crate::model::{CommunicationId, IdSource, ProjectId};
use crate::ui::components::download::download;
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use chrono::Duration;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Copies text to the clipboard; resolves to whether the browser allowed it.
async fn copy_text(text: String) -> bool {
    let run = || -> Option<js_sys::Promise> {
        let navigator = web_sys::window()?.navigator();
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).ok()?;
        let write: js_sys::Function = js_sys::Reflect::get(&clipboard, &"writeText".into())
            .ok()?
            .dyn_into()
            .ok()?;
        write.call1(&clipboard, &text.into()).ok()?.dyn_into().ok()
    };
    match run() {
        Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}

#[component]
pub fn UpdateTab(id: ProjectId) -> impl IntoView {
    let app = use_app();
    let default_since = app
        .with(|ws| last_update_sent(ws, id))
        .flatten()
        .unwrap_or_else(|| today() - Duration::days(7));
    let since = RwSignal::new(default_since.to_string());
    let asks = RwSignal::new(String::new());
    let options = RwSignal::new(UpdateOptions::client());
    let update = Memo::new(move |_| {
        let since = since
            .get()
            .parse()
            .unwrap_or_else(|_| today() - Duration::days(7));
        let asks = asks.get();
        let options = options.get();
        app.with(|ws| {
            ws.project(id)
                .map(|p| status_update(ws, p, today(), since, &asks, &options))
        })
        .flatten()
    });
    let markdown = Memo::new(move |_| update.with(|u| u.as_ref().map(StatusUpdate::to_markdown)));
    let copy = move |_| {
        let Some(text) = markdown.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if copy_text(text).await {
                app.notify("Status update copied as Markdown. Paste it into an email or chat.");
            } else {
                app.notify_error("The browser did not allow copying. Select the Markdown below and copy it, or download it.");
            }
        });
    };
    let save_file = move |_| {
        if let Some(u) = update.get_untracked() {
            if !download(&u.file_name(), "text/markdown", &u.to_markdown()) {
                app.notify_error("The browser refused the download.");
            }
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let log_sent = move |_: ()| {
        let today = today();
        let audience = options.get_untracked().audience;
        let Some(input) = app.with(|ws| sent_entry(ws, id, audience, today)) else {
            return;
        };
        let entry: CommunicationId = RandomIds.next();
        if app
            .dispatch(RecordCommand::SaveCommunication {
                id: entry,
                project: id,
                input,
            })
            .is_ok()
        {
            since.set(today.to_string());
            app.notify("Logged as sent. The next update covers what happens from today.");
        }
    };
    // The e-mail link: the audience's addresses, the subject and the update as plain text.
    let mail = Memo::new(move |_| {
        let audience = options.get().audience;
        let (to, without) = app
            .with(|ws| ws.project(id).map(|p| recipient_addresses(ws, p, audience)))
            .flatten()
            .unwrap_or_default();
        update.with(|u| {
            u.as_ref().map(|u| {
                let link = mailto(&to, &u.subject(), &u.to_plain_text());
                (link, u.to_plain_text(), to.len(), without)
            })
        })
    });
    let send = move |_| {
        let Some((link, text, _, _)) = mail.get_untracked() else {
            return;
        };
        if !link.whole {
            leptos::task::spawn_local(async move {
                if copy_text(text).await {
                    app.notify("The update is longer than an e-mail link carries: it is on your clipboard. Paste it into the e-mail that opened.");
                } else {
                    app.notify_error("The update is longer than an e-mail link carries and the browser did not allow copying: copy the text below into the e-mail.");
                }
            });
        }
        log_sent(());
    };
    // The weekly update as a recurring task, in one click.
    let repeat_weekly = move |_| {
        let today = today();
        let Some(input) = app
            .with(|ws| {
                ws.project(id).map(|p| {
                    crate::model::TaskInput::weekly_update(
                        &p.name,
                        app.me.get_untracked().or(p.owner),
                        today,
                    )
                })
            })
            .flatten()
        else {
            return;
        };
        let said = format!(
            "Added “{}”: every week on {}, first due {}. Today lists it when it is due.",
            input.title,
            input
                .due_date
                .map(|d| d.written("%a").to_string())
                .unwrap_or_default(),
            input
                .due_date
                .map(|d| crate::model::day(d).to_string())
                .unwrap_or_default()
        );
        let task: crate::model::TaskId = RandomIds.next();
        match app.dispatch(crate::model::PlanCommand::AddTask {
            id: task,
            project: id,
            input,
        }) {
            Ok(()) => app.notify(said),
            Err(e) => app.notify_error(e.to_string()),
        }
    };
    view! {
        <div class="update-layout">
            <section class="card update-controls no-print">
                <h2>"Weekly status update"</h2>
                <p class="muted">"Written from the plan, the log and the risk register. Add what you need from the readers, then copy, download or print it."</p>
                <AudienceChoice options />
                {move || update.with(|u| u.as_ref().and_then(|u| u.left_out.describe())).map(|text| view! {
                    <p class="callout info" role="status" data-testid="left-out">{text}</p>
                })}
                <label class="field">
                    <span class="field-label">"Covering work since"</span>
                    <input type="date" name="since" prop:value=move || since.get() on:input=move |ev| since.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field-label">"Asks (one per line)"</span>
                    <textarea name="asks" rows="3" placeholder="e.g. Confirm who signs the order form" prop:value=move || asks.get() on:input=move |ev| asks.set(event_target_value(&ev))></textarea>
                </label>
                {move || mail.get().map(|(link, _, count, without)| view! {
                    <div class="send-mail">
                        <a class="button primary" href=link.href data-testid="send-mail" on:click=send>"Send by e-mail"</a>
                        <p class="field-hint" data-testid="send-mail-hint">{send_hint(count, &without, link.whole)}</p>
                    </div>
                })}
                <div class="button-row">
                    <button class="button" on:click=copy>"Copy as Markdown"</button>
                    <button class="button" on:click=save_file>"Download .md"</button>
                    <button class="button" on:click=print>"Print"</button>
                    <button class="button" on:click=repeat_weekly title="Adds a task that comes back every week, due a week from today">"Repeat weekly as a task"</button>
                    <button class="button" on:click=move |_| log_sent(()) title="Adds the update to the conversation log and counts as contact with the people it went to">"Log as sent"</button>
                </div>
                <details class="markdown-source">
                    <summary>"Markdown"</summary>
                    <textarea readonly=true rows="14" aria-label="Status update as Markdown" data-testid="update-markdown" prop:value=move || markdown.get().unwrap_or_default()></textarea>
                </details>
            </section>
            {move || update.get().map(|u| view! { <UpdatePage u /> })}
        </div>
    }
}

/// What "Send by e-mail" will do, in words: to how many, who has no address, and whether the
/// update goes in the e-mail or on the clipboard.
fn send_hint(count: usize, without: &[String], whole: bool) -> String {
    let mut text = match count {
        0 => "Opens your mail app with the subject and the update; add the recipients there."
            .to_string(),
        n => format!(
            "Opens your mail app addressed to {}, with the subject and the update.",
            crate::model::common::plural(n, "person", "people")
        ),
    };
    if !without.is_empty() {
        text.push_str(&format!(
            " No e-mail address for {}: add it in People.",
            without.join(", ")
        ));
    }
    if !whole {
        text.push_str(
            " The update is too long for an e-mail link: it goes on your clipboard to paste.",
        );
    }
    text.push_str(" It is logged as sent.");
    text
}

/// The conversation that logs an update as sent today to its audience's people.
fn sent_entry(
    ws: &crate::model::Workspace,
    id: ProjectId,
    audience: Audience,
    today: chrono::NaiveDate,
) -> CommunicationInput {
    CommunicationInput {
        date: today,
        channel: UPDATE_CHANNEL.into(),
        stakeholders: ws
            .project(id)
            .map(|p| {
                recipients(ws, p, audience)
                    .into_iter()
                    .filter_map(|(s, _)| s)
                    .collect()
            })
            .unwrap_or_default(),
        summary: match audience {
            Audience::Client => "Weekly status update sent to the client.".into(),
            Audience::Internal => "Weekly status update sent to the team.".into(),
        },
        next_step: String::new(),
        next_step_date: None,
    }
}

/// Who the update is for, and what else the client may see.
#[component]
fn AudienceChoice(options: RwSignal<UpdateOptions>) -> impl IntoView {
    let audience_button = move |value: Audience, label: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (options.get().audience == value).to_string()
                on:click=move |_| options.update(|o| o.audience = value)>{label}</button>
        }
    };
    let tick = move |label: &'static str,
                     get: fn(&UpdateOptions) -> bool,
                     set: fn(&mut UpdateOptions, bool)| {
        view! {
            <label class="check-line">
                <input type="checkbox" prop:checked=move || get(&options.get()) on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    options.update(|o| set(o, on));
                } />
                {label}
            </label>
        }
    };
    view! {
    <div class="field">
        <span class="field-label" id="audience-label">"For"</span>
        <div class="segmented" role="group" aria-labelledby="audience-label">
            {audience_button(Audience::Client, "The client")}
            {audience_button(Audience::Internal, "Our team")}
        </div>
        <p class="field-hint">{move || match options.get().audience {
            Audience::Client => "The mutual action plan — milestones and tasks agreed with the client — and what we need from them. Health, risks, value and our conversation notes stay out unless ticked.",
            Audience::Internal => "Everything: health and its reasons, risks, value and probability, and the conversation log.",
        }}</p>
    </div>
    {move || (options.get().audience == Audience::Client).then(|| view! {
        <fieldset class="share-ticks">
            <legend class="field-label">"Also share with the client"</legend>
            {tick("Health status", |o| o.health, |o, v| o.health = v)}
            {tick("Risks and mitigation", |o| o.risks, |o, v| o.risks = v)}
            {tick("Value and probability", |o| o.value, |o, v| o.value = v)}
        </fieldset>
    })}
    }
}

/// The update as a clean page: what the preview shows and what prints.
#[component]
fn UpdatePage(u: StatusUpdate) -> impl IntoView {
    let day = |d: chrono::NaiveDate| d.written("%-d %b %Y").to_string();
    view! {
        <article class="card status-page printable" data-testid="status-update" data-audience=match u.audience { Audience::Client => "client", Audience::Internal => "internal" }>
            <header>
                <h2>{format!("{} — status update {}", u.project, day(u.date))}</h2>
                <p class="muted">
                    {format!("Stage: {}", u.stage)}
                    {u.health.map(|h| format!(" · Health: {h}"))}
                    {u.value.clone().map(|v| format!(" · Value: {v}"))}
                    {format!(" · Target: {}", day(u.target))}
                </p>
                {(!u.health_reasons.is_empty()).then(|| view! {
                    <ul class="muted">{u.health_reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                })}
                {(!u.recipients.is_empty()).then(|| view! { <p class="muted">{format!("For: {}", u.recipients.join(", "))}</p> })}
            </header>
            <h3>"Progress against milestones"</h3>
            {if u.milestones.is_empty() {
                view! { <p class="muted">"No milestones planned yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="update-milestones">
                        {u.milestones.iter().map(|m| view! {
                            <li class=format!("ms-{}", m.state.mark().trim_matches(['[', ']']).replace(' ', "open"))>
                                <span aria-hidden="true">{if m.state.mark() == "[x]" { "✔ " } else { "○ " }}</span>
                                <strong>{m.name.clone()}</strong>{format!(" — {}", m.state.describe())}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{format!("Done since {}", day(u.since))}</h3>
            {list(u.done.clone(), "Nothing completed in this period.")}
            {u.risks_shown.then(|| view! { <h3>"Risks and mitigation"</h3> })}
            {if !u.risks_shown {
                ().into_any()
            } else if u.risks.is_empty() {
                view! { <p class="muted">"No open risks."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {u.risks.iter().map(|r| view! {
                            <li><strong>{r.description.clone()}</strong>
                                {format!(" (score {}, {}) — {}", r.score, r.level, if r.mitigation.is_empty() { "mitigation to be agreed" } else { r.mitigation.as_str() })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>"Next steps"</h3>
            {list(u.next_steps.iter().map(|s| s.describe()).collect(), "No next steps agreed yet.")}
            <h3>"Asks"</h3>
            {list(u.asks.clone(), "None this week.")}
        </article>
    }
}

fn list(items: Vec<String>, empty: &'static str) -> AnyView {
    if items.is_empty() {
        view! { <p class="muted">{empty}</p> }.into_any()
    } else {
        view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
            .into_any()
    }
}
