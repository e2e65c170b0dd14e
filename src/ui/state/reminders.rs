//! Reminders while Pursuit is open: the tab holding the Web Lock `pursuit.reminders`
//! looks every 20 seconds for reminders of my work that fell due since it last looked
//! (`engine::reminders`), and shows each once — a browser notification when the person
//! allowed them (on their own click, in Today), otherwise a notice in the page. What was
//! shown is noted in this browser's storage, so neither a second tab nor a reload shows it
//! again. A reminder missed while every tab was closed shows when Pursuit opens, up to 12
//! hours late; beyond that the calendar export's alarms are the reminder.

use super::AppState;
use crate::dates::Written;
use crate::storage::{web::BrowserStorage, KeyValue};
use chrono::{Duration as Span, Local, NaiveDateTime};
use leptos::prelude::*;
use std::time::Duration;

const LOCK: &str = "pursuit.reminders";
/// The keys of reminders shown, newest last.
const SHOWN_KEY: &str = "pursuit.reminders.shown";
/// The local time reminders were last looked for.
const CHECKED_KEY: &str = "pursuit.reminders.checked";
/// How many shown keys are remembered.
const SHOWN_KEPT: usize = 500;
/// How late a missed reminder still shows.
const LATE_HOURS: i64 = 12;

impl AppState {
    /// Shows reminders as they fall due, in one tab of this browser.
    pub(super) fn remind_when_due(&self) {
        let state = *self;
        super::sync_tabs::hold_lock(LOCK, move || {
            state.check_reminders();
            let handle =
                set_interval_with_handle(move || state.check_reminders(), Duration::from_secs(20));
            // Checked for the life of the page.
            std::mem::forget(handle);
        });
    }

    fn check_reminders(&self) {
        let store = BrowserStorage::open();
        let now = Local::now().naive_local();
        let earliest = now - Span::hours(LATE_HOURS);
        let from = store
            .get(CHECKED_KEY)
            .ok()
            .flatten()
            .and_then(|t| t.parse::<NaiveDateTime>().ok())
            .map_or(now - Span::minutes(1), |t| t.max(earliest));
        // As FromStr reads it back (ISO 8601 with a T). Looked at even before anyone said
        // who they are, so choosing later does not bring up what fell due before.
        let _ = store.set(
            CHECKED_KEY,
            &now.written("%Y-%m-%dT%H:%M:%S%.f").to_string(),
        );
        let Some(me) = self.me.get_untracked() else {
            return;
        };
        let alerts = self
            .with_real_untracked(|ws| crate::engine::reminders::due(ws, me, from, now))
            .unwrap_or_default();
        let mut shown: Vec<String> = store
            .get(SHOWN_KEY)
            .ok()
            .flatten()
            .and_then(|t| serde_json::from_str::<Vec<String>>(&t).ok())
            .unwrap_or_default();
        for alert in alerts {
            if shown.contains(&alert.key) {
                continue;
            }
            shown.push(alert.key.clone());
            self.show_reminder(&alert);
        }
        let drop = shown.len().saturating_sub(SHOWN_KEPT);
        shown.drain(..drop);
        let _ = store.set(
            SHOWN_KEY,
            &serde_json::to_string(&shown).unwrap_or_default(),
        );
    }

    fn show_reminder(&self, alert: &crate::engine::reminders::Alert) {
        if notifications_allowed() {
            let options = web_sys::NotificationOptions::new();
            options.set_body(&alert.body);
            options.set_tag(&alert.key);
            if web_sys::Notification::new_with_options(&alert.title, &options).is_ok() {
                return;
            }
        }
        self.notify(format!("{} — {}", alert.title, alert.body));
    }
}

/// Whether the person allowed browser notifications for Pursuit.
pub fn notifications_allowed() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"Notification".into()).unwrap_or(false)
        && web_sys::Notification::permission() == web_sys::NotificationPermission::Granted
}

/// Asks the browser to allow notifications (only on the person's own click); answers
/// through `done` whether they are allowed.
pub fn ask_for_notifications(done: impl FnOnce(bool) + 'static) {
    let supported =
        js_sys::Reflect::has(&js_sys::global(), &"Notification".into()).unwrap_or(false);
    let asked = supported
        .then(web_sys::Notification::request_permission)
        .and_then(Result::ok);
    let Some(asked) = asked else {
        done(false);
        return;
    };
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(asked).await;
        done(notifications_allowed());
    });
}
