//! Goals and quotas: targets per period for the team and each member, progress against them
//! and the pace still needed; and the projects' own measurable goals.

use crate::engine::forecast::attainment;
use crate::engine::periods::{label, next, period_of, previous};
use crate::engine::plan::calendar;
use crate::model::TeamCommand;
use crate::model::{
    IdSource, MemberId, Money, Period, PeriodKind, Quota, QuotaId, QuotaMetric, Stamp,
};
use crate::ui::components::dialog::Modal;
use crate::ui::state::{now, today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;

fn metric_label(m: &QuotaMetric) -> String {
    match m {
        QuotaMetric::RevenueWon => "Revenue won".into(),
        QuotaMetric::NewClients => "New clients".into(),
        QuotaMetric::DealsWon => "Deals won".into(),
        QuotaMetric::Custom(name) => name.clone(),
    }
}

#[component]
pub fn GoalsScreen() -> impl IntoView {
    let app = use_app();
    let kind = RwSignal::new(PeriodKind::Quarter);
    let offset = RwSignal::new(0i32);
    let period = Memo::new(move |_| {
        let fy = app
            .with(|ws| ws.settings.fiscal_year_start_month)
            .unwrap_or(1);
        let mut p = period_of(kind.get(), today(), fy);
        for _ in 0..offset.get().abs() {
            p = if offset.get() > 0 {
                next(p)
            } else {
                previous(p)
            };
        }
        p
    });
    let rows = Memo::new(move |_| {
        let p = period.get();
        app.with(|ws| quota_rows(ws, p, today()))
            .unwrap_or_default()
    });
    let adding = RwSignal::new(false);
    // The target being edited, if any (its dialog is open).
    let editing = RwSignal::new(None::<QuotaId>);
    let fy_month = move || {
        app.with(|ws| ws.settings.fiscal_year_start_month)
            .unwrap_or(1)
    };
    view! {
        <div class="page">
            <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="#/">"Dashboard"</a><span aria-hidden="true">" / "</span><span>"Goals and quotas"</span></nav>
            <header class="page-head">
                <div>
                    <h1>"Goals and quotas"</h1>
                    <p class="muted">{move || label(period.get(), fy_month())}</p>
                </div>
                <div class="head-actions">
                    <div class="segmented" role="group" aria-label="Period length">
                        {[(PeriodKind::Month, "Month"), (PeriodKind::Quarter, "Quarter"), (PeriodKind::FiscalYear, "Fiscal year")].into_iter().map(|(k, l)| view! {
                            <button aria-pressed=move || (kind.get() == k).to_string() on:click=move |_| { kind.set(k); offset.set(0); }>{l}</button>
                        }).collect_view()}
                    </div>
                    <button class="button" aria-label="Previous period" on:click=move |_| offset.update(|o| *o -= 1)>"←"</button>
                    <button class="button" aria-label="Next period" on:click=move |_| offset.update(|o| *o += 1)>"→"</button>
                    <button class="button primary" on:click=move |_| adding.set(true)>"Add target"</button>
                </div>
            </header>
            {move || if rows.with(|r| r.is_empty()) {
                view! { <p class="empty-state">"No targets for this period yet. Add the team's revenue target first."</p> }.into_any()
            } else {
                view! {
                    <ul class="quota-list" data-testid="quotas">
                        {rows.get().into_iter().map(|(id, who, metric, actual, target, ratio, pace, custom)| view! {
                            <li class="card quota">
                                <div class="quota-head">
                                    <strong>{format!("{who} · {metric}")}</strong>
                                    <span class="row-actions">
                                        <button class="button small" aria-label=format!("Edit target {who} {metric}") on:click=move |_| editing.set(Some(id))>"Edit"</button>
                                        <button class="button small danger-text" aria-label=format!("Delete target {who} {metric}") on:click=move |_| { let _ = app.dispatch(TeamCommand::DeleteQuota(id)); }>"Delete"</button>
                                    </span>
                                </div>
                                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{:.0}", (ratio * 100.0).min(100.0)) aria-label=format!("{who} {metric}: {:.0} % of target", ratio * 100.0)>
                                    <span style=format!("width: {:.1}%", (ratio * 100.0).min(100.0)) class:met={ratio >= 1.0}></span>
                                </div>
                                <p>{format!("{actual} of {target} ({:.0} %)", ratio * 100.0)}{pace.map(|p| view! { <span class="muted">{format!(" · {p}")}</span> })}</p>
                                {custom.then(|| view! {
                                    <label class="inline-actual">
                                        <span class="field-label">"Actual so far"</span>
                                        <input type="text" inputmode="numeric" aria-label=format!("Actual so far for {metric}") prop:value=actual.clone()
                                            on:change=move |ev| {
                                                let text = event_target_value(&ev);
                                                match text.trim().parse::<i64>() {
                                                    Ok(v) if v >= 0 => {
                                                        let quota = app.with(|ws| ws.quotas.iter().find(|q| q.id == id).cloned()).flatten();
                                                        if let Some(mut q) = quota {
                                                            q.manual_actual = Some(v);
                                                            let _ = app.dispatch(TeamCommand::SaveQuota(q));
                                                        }
                                                    }
                                                    _ => app.notify_error("Enter the actual as a whole number, zero or more."),
                                                }
                                            } />
                                    </label>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ProjectGoals />
            {move || adding.get().then(|| view! { <QuotaDialog period=period.get_untracked() editing=None on_done=Callback::new(move |_| adding.set(false)) /> })}
            {move || editing.get().and_then(|id| app.with(|ws| ws.quotas.iter().find(|q| q.id == id).cloned()).flatten()).map(|quota| view! {
                <QuotaDialog period=quota.period editing=Some(quota) on_done=Callback::new(move |_| editing.set(None)) />
            })}
        </div>
    }
}

/// A quota as listed: its id, who, metric, actual, target, ratio, the pace needed and
/// whether its actual is typed by hand.
type QuotaRow = (
    QuotaId,
    String,
    String,
    String,
    String,
    f64,
    Option<String>,
    bool,
);

/// The quotas of a period with how far each is met.
fn quota_rows(ws: &crate::model::Workspace, p: Period, today: chrono::NaiveDate) -> Vec<QuotaRow> {
    let currency = ws.settings.currency.clone();
    attainment(ws, p, today, &calendar(ws))
        .into_iter()
        .map(|a| {
            let money = matches!(a.metric, QuotaMetric::RevenueWon);
            let show = |v: i64| {
                if money {
                    Money::new(v, currency.clone()).display()
                } else {
                    v.to_string()
                }
            };
            let pace = a.pace_per_week.map(|v| {
                if money {
                    format!(
                        "{} a week needed",
                        Money::new(v.round() as i64, currency.clone()).display()
                    )
                } else {
                    format!("{v:.1} a week needed")
                }
            });
            (
                a.quota,
                ws.member_name(a.member).replace("Unassigned", "Team"),
                metric_label(&a.metric),
                show(a.actual),
                show(a.target),
                a.ratio,
                pace,
                matches!(a.metric, QuotaMetric::Custom(_)),
            )
        })
        .collect::<Vec<_>>()
}

/// Every project's measurable goals and how far each is.
#[component]
fn ProjectGoals() -> impl IntoView {
    let app = use_app();
    let goals = Memo::new(move |_| {
        app.with(|ws| {
            ws.goals
                .iter()
                .filter(|g| g.stamp.deleted_at.is_none())
                .filter_map(|g| {
                    ws.project(g.project_id).map(|p| {
                        let progress = crate::engine::portfolio::goal_progress(ws, g);
                        (
                            p.name.clone(),
                            g.metric.clone(),
                            progress.current,
                            progress.target,
                            g.unit.clone(),
                        )
                    })
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    view! {
    <section class="section">
        <h2>"Project goals"</h2>
        {move || if goals.with(|g| g.is_empty()) {
            view! { <p class="muted">"No project has measurable goals yet. Add them on a project’s Goals tab."</p> }.into_any()
        } else {
            view! {
                <ul class="quota-list">
                    {goals.get().into_iter().map(|(project, metric, current, target, unit)| {
                        let ratio = if target > 0.0 { current / target } else { 0.0 };
                        view! {
                            <li class="card quota">
                                <strong>{format!("{project} · {metric}")}</strong>
                                <div class="progress"><span style=format!("width: {:.1}%", (ratio * 100.0).min(100.0))></span></div>
                                <p>{format!("{current} of {target} {unit}")}</p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    </section>
    }
}

#[component]
fn QuotaDialog(period: Period, editing: Option<Quota>, on_done: Callback<()>) -> impl IntoView {
    let app = use_app();
    let currency = app
        .with(|ws| ws.settings.currency.clone())
        .unwrap_or_default();
    let form = QuotaForm::of(editing.as_ref(), &currency);
    let metric = RwSignal::new(form.metric.to_string());
    let custom = RwSignal::new(form.custom);
    let member = RwSignal::new(form.member);
    let target = RwSignal::new(form.target);
    let manual = RwSignal::new(form.manual);
    let error = RwSignal::new(None::<String>);
    let kept = editing.as_ref().map(|q| (q.id, q.stamp.clone()));
    let title = if editing.is_some() {
        "Edit the target"
    } else {
        "Add a target"
    };
    let submit = if editing.is_some() {
        "Save target"
    } else {
        "Add target"
    };
    let members = app.with(|ws| ws.member_names()).unwrap_or_default();
    let fy = app
        .with(|ws| ws.settings.fiscal_year_start_month)
        .unwrap_or(1);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = match metric.get_untracked().as_str() {
            "revenue" => QuotaMetric::RevenueWon,
            "clients" => QuotaMetric::NewClients,
            "deals" => QuotaMetric::DealsWon,
            _ => {
                let name = custom.get_untracked().trim().to_string();
                if name.is_empty() {
                    error.set(Some("Name the custom metric.".into()));
                    return;
                }
                QuotaMetric::Custom(name)
            }
        };
        let t = if m == QuotaMetric::RevenueWon {
            Money::parse_major(&target.get_untracked(), &currency)
        } else {
            target
                .get_untracked()
                .trim()
                .parse::<i64>()
                .map_err(|_| "Enter the target as a whole number.".to_string())
        };
        let t = match t {
            Ok(t) if t > 0 => t,
            Ok(_) => {
                error.set(Some("The target must be above zero.".into()));
                return;
            }
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        let manual_actual = match (&m, manual.get_untracked().trim()) {
            (QuotaMetric::Custom(_), "") => Some(0),
            (QuotaMetric::Custom(_), v) => match v.parse::<i64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    error.set(Some("Enter the actual as a whole number.".into()));
                    return;
                }
            },
            _ => None,
        };
        let (id, stamp) = kept
            .clone()
            .unwrap_or_else(|| (RandomIds.next(), Stamp::new(now(), None)));
        let quota = Quota {
            id,
            stamp,
            member_id: member.get_untracked(),
            period,
            metric: m,
            target: t,
            manual_actual,
        };
        match app.dispatch(TeamCommand::SaveQuota(quota)) {
            Ok(()) => on_done.run(()),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Modal title=format!("{title} for {}", label(period, fy)) on_close=on_done>
            <form class="dialog-body" on:submit=save>
                <label class="field"><span class="field-label">"For"</span>
                    <select name="member" on:change=move |ev| member.set(MemberId::parse(&event_target_value(&ev)))>
                        <option value="" selected=member.get_untracked().is_none()>"The whole team"</option>
                        {members.into_iter().map(|(id, n)| view! { <option value=id.to_text() selected=member.get_untracked() == Some(id)>{n}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field"><span class="field-label">"Metric"</span>
                    <select name="metric" on:change=move |ev| metric.set(event_target_value(&ev))>
                        {[("revenue", "Revenue won"), ("deals", "Deals won"), ("clients", "New clients"), ("custom", "Custom metric")].into_iter().map(|(key, text)| view! {
                            <option value=key selected=metric.get_untracked() == key>{text}</option>
                        }).collect_view()}
                    </select>
                </label>
                {move || (metric.get() == "custom").then(|| view! {
                    <label class="field"><span class="field-label">"Custom metric name"</span>
                        <input type="text" prop:value=move || custom.get() on:input=move |ev| custom.set(event_target_value(&ev)) /></label>
                    <label class="field"><span class="field-label">"Actual so far"</span>
                        <input type="text" inputmode="numeric" prop:value=move || manual.get() on:input=move |ev| manual.set(event_target_value(&ev)) /></label>
                })}
                <label class="field"><span class="field-label">{move || if metric.get() == "revenue" { format!("Target ({})", currency_code()) } else { "Target".to_string() }}</span>
                    <input type="text" inputmode="decimal" name="target" prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev)) /></label>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="button" on:click=move |_| on_done.run(())>"Cancel"</button>
                    <button type="submit" class="button primary">{submit}</button>
                </div>
            </form>
        </Modal>
    }
}

/// A target's form as first shown: blank for a new one (revenue for the whole team), or the
/// target's own values.
#[derive(Debug, PartialEq)]
struct QuotaForm {
    metric: &'static str,
    custom: String,
    member: Option<MemberId>,
    target: String,
    manual: String,
}

impl QuotaForm {
    fn of(quota: Option<&Quota>, currency: &crate::model::Currency) -> Self {
        let Some(q) = quota else {
            return QuotaForm {
                metric: "revenue",
                custom: String::new(),
                member: None,
                target: String::new(),
                manual: String::new(),
            };
        };
        let (metric, custom) = match &q.metric {
            QuotaMetric::RevenueWon => ("revenue", String::new()),
            QuotaMetric::DealsWon => ("deals", String::new()),
            QuotaMetric::NewClients => ("clients", String::new()),
            QuotaMetric::Custom(name) => ("custom", name.clone()),
        };
        let target = match q.metric {
            QuotaMetric::RevenueWon => Money::new(q.target, currency.clone()).major_text(),
            _ => q.target.to_string(),
        };
        QuotaForm {
            metric,
            custom,
            member: q.member_id,
            target,
            manual: q.manual_actual.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

fn currency_code() -> String {
    use_app()
        .with(|ws| ws.settings.currency.code().to_string())
        .unwrap_or_default()
}
