//! "Protect with a passphrase": the choice and fields every file that leaves the browser
//! offers (export, shared project, scenario file), sealing with `storage::seal`, and the
//! passphrase prompt a sealed file gets when it is opened (import, merge). A passphrase
//! lives only in these fields' signals: it is never stored, logged or put in a command, and
//! the fields are emptied once it has been used.

use crate::format::passphrase::{strength, Level};
use crate::format::sealed::{self, SealError};
use crate::storage::seal;
use crate::ui::components::file::Picking;
use crate::ui::state::{clock_ms, measure, use_app};
use leptos::prelude::*;
use std::sync::Arc;

/// Whether to seal, the passphrase typed twice, and what is being done with it.
#[derive(Clone, Copy)]
pub struct SealChoice {
    /// What the person ticked; [`SealChoice::sealing`] also counts the team's rule.
    wanted: RwSignal<bool>,
    /// The team seals every file (Data → Settings), followed as it changes.
    always: Memo<bool>,
    pass: RwSignal<String>,
    again: RwSignal<String>,
    show: RwSignal<bool>,
    /// What sealing is doing now ("Deriving the key…"); `None` when idle.
    pub busy: RwSignal<Option<&'static str>>,
}

impl SealChoice {
    /// On when the team seals every file (then it cannot be turned off).
    pub fn new() -> Self {
        let app = use_app();
        SealChoice {
            wanted: RwSignal::new(false),
            always: Memo::new(move |_| {
                app.with_real(|ws| ws.settings.always_seal).unwrap_or(false)
            }),
            pass: RwSignal::new(String::new()),
            again: RwSignal::new(String::new()),
            show: RwSignal::new(false),
            busy: RwSignal::new(None),
        }
    }

    /// The passphrase to seal with (`None`: not sealing), or why it cannot be used yet.
    pub fn ready(&self) -> Result<Option<String>, String> {
        if !self.wanted.get_untracked() && !self.always.get_untracked() {
            return Ok(None);
        }
        let pass = self.pass.get_untracked();
        if let Some(problem) = strength(&pass).problem {
            return Err(problem);
        }
        if pass != self.again.get_untracked() {
            return Err("The two passphrases differ: type the same one twice.".into());
        }
        Ok(Some(pass))
    }

    /// Whether the file will be sealed (tracked): ticked, or the team's rule.
    pub fn sealing(&self) -> bool {
        self.wanted.get() || self.always.get()
    }

    /// Empties the fields: the passphrase stays nowhere once used.
    pub fn forget(&self) {
        self.pass.set(String::new());
        self.again.set(String::new());
        self.show.set(false);
    }
}

impl Default for SealChoice {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether the team seals every file that leaves the browser (Data → Settings).
pub fn always_seal() -> bool {
    use_app()
        .with_real_untracked(|ws| ws.settings.always_seal)
        .unwrap_or(false)
}

/// The checkbox and, when on, the passphrase twice with its strength and a "show" toggle.
#[component]
pub fn SealFields(choice: SealChoice) -> impl IntoView {
    let always = choice.always;
    let kind = move || {
        if choice.show.get() {
            "text"
        } else {
            "password"
        }
    };
    let judged = Memo::new(move |_| choice.pass.with(|p| (!p.is_empty()).then(|| strength(p))));
    view! {
        <div class="seal-fields" data-testid="seal-fields">
            <label class="check-label">
                <input type="checkbox" data-testid="seal-on" prop:checked=move || choice.sealing() disabled=move || always.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        choice.wanted.set(on);
                        if !on {
                            choice.forget();
                        }
                    } />
                " Protect with a passphrase"
            </label>
            {move || always.get().then(|| view! { <p class="field-hint">"Your team seals every file that leaves the browser (Data → Settings)."</p> })}
            {move || choice.sealing().then(|| view! {
                <label class="field"><span class="field-label">"Passphrase"</span>
                    <input type=kind autocomplete="off" data-testid="seal-pass" prop:value=move || choice.pass.get()
                        on:input=move |ev| choice.pass.set(event_target_value(&ev)) /></label>
                <label class="field"><span class="field-label">"The same passphrase again"</span>
                    <input type=kind autocomplete="off" data-testid="seal-again" prop:value=move || choice.again.get()
                        on:input=move |ev| choice.again.set(event_target_value(&ev)) /></label>
                <label class="check-label">
                    <input type="checkbox" prop:checked=move || choice.show.get() on:change=move |ev| choice.show.set(event_target_checked(&ev)) />
                    " Show passphrase"
                </label>
                {move || judged.get().map(|s| view! {
                    <p class="seal-strength" data-testid="seal-strength" data-level=s.level.label()>
                        <meter min="0" max="3" low="1.5" high="2.5" optimum="3" value=match s.level { Level::Weak => 1, Level::Fair => 2, Level::Strong => 3 }></meter>
                        <span>{s.problem.clone().unwrap_or(s.hint.clone())}</span>
                    </p>
                })}
                <p class="field-hint">"At least 12 characters or 4 words. Pursuit cannot recover a forgotten passphrase: without it the file cannot be opened by anyone. Give it to your teammate another way than the file (say, by phone)."</p>
            })}
            {move || choice.busy.get().map(|what| view! {
                <p class="seal-progress" role="status" data-testid="seal-progress"><progress></progress>" "{what}</p>
            })}
        </div>
    }
}

/// Offers `text` (an ordinary Pursuit file named `name`, ending in .json) as a download,
/// sealed under the choice's passphrase when it is on (the name then ends in .pursuit), then
/// calls `after` with whether the download started. Says why and starts nothing when the
/// passphrase cannot be used.
pub fn offer_file(
    choice: SealChoice,
    name: String,
    text: String,
    done: &'static str,
    after: impl FnOnce(bool) + 'static,
) {
    let app = use_app();
    let passphrase = match choice.ready() {
        Ok(None) => {
            let started =
                crate::ui::components::download::offer(&name, "application/json", &text, done);
            return after(started);
        }
        Ok(Some(p)) => p,
        Err(why) => return app.notify_error(why),
    };
    choice.forget();
    let name = format!("{}.pursuit", name.trim_end_matches(".json"));
    leptos::task::spawn_local(async move {
        let sealed = seal_text(choice, &text, &passphrase).await;
        // Closed (the dialog's Cancel, or the page left) while the key was derived: the
        // person no longer wants the file.
        if choice.busy.try_set(None).is_some() {
            return app.notify("Sealing was cancelled; nothing was downloaded.");
        }
        let started = match sealed {
            Ok(file) => crate::ui::components::download::offer_parts(
                app,
                &name,
                "application/octet-stream",
                &file.parts(),
                &format!("It is sealed: it opens only with its passphrase. {done}"),
            ),
            Err(e) => {
                app.notify_error(e.to_string());
                false
            }
        };
        after(started);
    });
}

/// A dialog that downloads a file, offering to seal it: a shared project, a scenario.
/// `make` gives the file's name and text when Download is pressed.
#[component]
pub fn FileOutDialog(
    title: String,
    /// What the file holds and what the teammate does with it.
    about: String,
    /// Said after the download started.
    done: &'static str,
    make: Callback<(), Option<(String, String)>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let choice = SealChoice::new();
    let download = move |_| {
        if choice.busy.get_untracked().is_some() {
            return;
        }
        if let Some((name, text)) = make.run(()) {
            offer_file(choice, name, text, done, move |started| {
                if started {
                    on_close.try_run(());
                }
            });
        }
    };
    view! {
        <crate::ui::components::dialog::Modal title on_close>
            <div class="dialog-body">
                <p>{about}</p>
                <SealFields choice />
            </div>
            <div class="dialog-actions">
                <button type="button" class="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="button" class="button primary" data-testid="file-out-download" disabled=move || choice.busy.get().is_some() on:click=download>
                    {move || if choice.sealing() { "Download sealed file" } else { "Download" }}
                </button>
            </div>
        </crate::ui::components::dialog::Modal>
    }
}

async fn seal_text(
    choice: SealChoice,
    text: &str,
    passphrase: &str,
) -> Result<seal::SealedFile, SealError> {
    let (salt, nonce) = seal::fresh_salt_and_nonce()?;
    choice.busy.try_set(Some(
        "Deriving the key from the passphrase (600,000 rounds)…",
    ));
    let started = clock_ms();
    let key = seal::derive_key(passphrase, &salt, sealed::ITERATIONS).await?;
    measure("pursuit:derive-key", started);
    choice.busy.try_set(Some("Sealing the file…"));
    let started = clock_ms();
    let file = seal::seal_with(&key, text.as_bytes(), &salt, &nonce).await?;
    measure("pursuit:seal", started);
    Ok(file)
}

/// The passphrase prompt of a sealed file picked for import or merge: opened, the file is
/// read and checked like any other and `state` moves on to Ready or Failed; a wrong
/// passphrase is said here and nothing else changes.
#[component]
pub fn UnsealForm(file: String, bytes: Arc<Vec<u8>>, state: RwSignal<Picking>) -> impl IntoView {
    let pass = RwSignal::new(String::new());
    let show = RwSignal::new(false);
    let busy = RwSignal::new(None::<&'static str>);
    // A damaged header is said at once, before any passphrase is asked for.
    let damaged = sealed::envelope(&bytes, bytes.len()).err();
    let error = RwSignal::new(damaged.map(|e| e.to_string()));
    let shown_name = file.clone();
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked().is_some() {
            return;
        }
        let passphrase = pass.get_untracked();
        pass.set(String::new());
        let (file, bytes) = (file.clone(), bytes.clone());
        error.set(None);
        leptos::task::spawn_local(async move {
            let opened = unseal(&bytes, &passphrase, busy).await;
            // Cancelled, or another file picked, while it was opening: the result is stale.
            let current = state.with_untracked(
                |s| matches!(s, Picking::Sealed { bytes: b, .. } if Arc::ptr_eq(b, &bytes)),
            );
            if busy.try_set(None).is_some() || !current {
                return;
            }
            match opened {
                Ok(Ok(ws)) => state.set(Picking::Ready {
                    file,
                    workspace: Box::new(ws),
                }),
                Ok(Err(lines)) => state.set(Picking::Failed { file, lines }),
                Err(e) => error.set(Some(e.to_string())),
            }
        });
    };
    view! {
        <form class="unseal-form card-inset" data-testid="unseal-form" on:submit=open>
            <p><strong>{format!("{shown_name} is sealed.")}</strong>" Type the passphrase it was sealed with to open it."</p>
            <label class="field"><span class="field-label">"Passphrase"</span>
                <input type=move || if show.get() { "text" } else { "password" } autocomplete="off" data-testid="unseal-pass"
                    prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) /></label>
            <label class="check-label">
                <input type="checkbox" prop:checked=move || show.get() on:change=move |ev| show.set(event_target_checked(&ev)) />
                " Show passphrase"
            </label>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="unseal-error">{e}</p> })}
            {move || busy.get().map(|what| view! { <p class="seal-progress" role="status"><progress></progress>" "{what}</p> })}
            <div class="button-row">
                <button type="submit" class="button primary" disabled=move || busy.get().is_some()>"Open sealed file"</button>
                <button type="button" class="button" on:click=move |_| state.set(Picking::Idle)>"Cancel"</button>
            </div>
        </form>
    }
}

/// Opens a sealed file and reads the plain file inside: the workspace or every problem
/// with it, or why it did not open.
async fn unseal(
    bytes: &[u8],
    passphrase: &str,
    busy: RwSignal<Option<&'static str>>,
) -> Result<Result<crate::model::Workspace, Vec<String>>, SealError> {
    let envelope = sealed::envelope(bytes, bytes.len())?;
    busy.try_set(Some("Deriving the key from the passphrase…"));
    let started = clock_ms();
    let key = seal::derive_key(passphrase, &envelope.salt, envelope.iterations).await?;
    measure("pursuit:derive-key", started);
    busy.try_set(Some("Opening the file…"));
    let started = clock_ms();
    let plain = seal::open_with(&key, bytes, &envelope).await?;
    let text = String::from_utf8_lossy(&plain);
    let read = crate::format::read(&text).map_err(|e| e.lines());
    measure("pursuit:unseal", started);
    Ok(read)
}
