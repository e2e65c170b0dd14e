//! Data → Import from a spreadsheet (CSV): pick a file, see its first rows, map columns to
//! fields and stage words to stages, see row by row what will happen, then import it as one
//! undoable change. Nothing changes before the Import button.

use crate::engine::spreadsheet::{
    self, distinct, guess, guess_date_order, DateOrder, Field, Mapping, Preview, RowAction, Sheet,
    StageMeaning, MAX_CSV_BYTES,
};
use crate::model::common::{group_thousands, plural};
use crate::ui::state::{today, use_app};
use crate::ui::RandomIds;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Stage columns with more different words than this are not offered word by word.
const MAX_STAGE_WORDS: usize = 40;
/// Skipped or doubtful rows listed in full; the rest are counted.
const LISTED_ROWS: usize = 100;

#[derive(Clone)]
enum Csv {
    Idle,
    Reading(String),
    Failed { file: String, message: String },
    Ready { file: String, sheet: Arc<Sheet> },
}

/// The card on the Data screen.
#[component]
pub fn SpreadsheetImport() -> impl IntoView {
    let app = use_app();
    let state = RwSignal::new(Csv::Idle);
    let mapping = RwSignal::new(Mapping::default());
    let reused = RwSignal::new(false);
    let sheet = move || match state.get() {
        Csv::Ready { sheet, .. } => Some(sheet),
        _ => None,
    };
    // The plan is worked out again when the mapping or the workspace changes; it is large,
    // so it is compared by identity, never field by field.
    let plan: Memo<Option<Arc<Preview>>> = Memo::new_with_compare(
        move |_| {
            let sheet = sheet()?;
            mapping.with(|m| {
                app.with_real(|ws| {
                    Arc::new(spreadsheet::preview(ws, &sheet, m, today(), &mut RandomIds))
                })
            })
        },
        |_, _| true,
    );
    let on_change = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| {
                let f = i.files().and_then(|f| f.get(0));
                i.set_value("");
                f
            })
        else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_CSV_BYTES as f64 {
            state.set(Csv::Failed {
                message: spreadsheet::SheetError::TooBig(file.size() as usize).to_string(),
                file: name,
            });
            return;
        }
        state.set(Csv::Reading(name.clone()));
        leptos::task::spawn_local(async move {
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                .await
                .ok()
                .map(|b| js_sys::Uint8Array::new(&b).to_vec());
            let Some(bytes) = bytes else {
                state.set(Csv::Failed {
                    file: name,
                    message: "The browser could not read this file.".into(),
                });
                return;
            };
            match spreadsheet::read(&bytes) {
                Ok(sheet) => {
                    let saved = crate::storage::web::load_csv_mapping(&sheet.columns)
                        .filter(|m| m.columns.values().all(|c| *c < sheet.columns.len()));
                    reused.set(saved.is_some());
                    let currency = app
                        .with(|ws| ws.settings.currency.clone())
                        .unwrap_or_default();
                    mapping.set(saved.unwrap_or_else(|| guess(&sheet, &currency)));
                    state.set(Csv::Ready {
                        file: name,
                        sheet: Arc::new(sheet),
                    });
                }
                Err(e) => state.set(Csv::Failed {
                    file: name,
                    message: e.to_string(),
                }),
            }
        });
    };
    let import = move |_| {
        let (Csv::Ready { file, sheet }, Some(plan)) =
            (state.get_untracked(), plan.get_untracked())
        else {
            return;
        };
        let Some(command) = plan.command() else {
            return;
        };
        if app.dispatch(command).is_ok() {
            mapping.with_untracked(|m| crate::storage::web::store_csv_mapping(&sheet.columns, m));
            let mut text = format!(
                "Imported {file}: {} created, {} updated",
                group_thousands(plan.created() as u64),
                group_thousands(plan.updated() as u64)
            );
            if plan.skipped() > 0 {
                text.push_str(&format!(
                    ", {} skipped",
                    group_thousands(plan.skipped() as u64)
                ));
            }
            text.push_str(". Undo takes it all back.");
            app.notify(text);
            state.set(Csv::Idle);
        }
    };
    view! {
        <div class="csv-import">
            <crate::ui::components::file::FilePick label="Spreadsheet (.csv)" testid="csv-file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" on_change />
            {move || match state.get() {
                Csv::Idle => ().into_any(),
                Csv::Reading(file) => crate::ui::components::file::reading(&file),
                Csv::Failed { file, message } => view! {
                    <crate::ui::components::file::FileProblems file lines=vec![message] verb="imported" testid="csv-errors" />
                }.into_any(),
                Csv::Ready { file, sheet } => view! {
                    <SheetSummary file sheet=sheet.clone() reused />
                    <ColumnMapping sheet=sheet.clone() mapping reused />
                    <StageWords sheet mapping />
                    <PlanSummary plan />
                    <div class="form-actions">
                        <button class="button primary" data-testid="csv-import" on:click=import
                            disabled=move || plan.with(|p| p.as_ref().is_none_or(|p| p.command().is_none()))>
                            {move || plan.with(|p| match p.as_ref() {
                                Some(p) if p.created() + p.updated() > 0 => format!("Import {}", plural(p.created() + p.updated(), "project", "projects")),
                                _ => "Nothing to import".to_string(),
                            })}
                        </button>
                        <button class="button" on:click=move |_| state.set(Csv::Idle)>"Cancel"</button>
                    </div>
                }.into_any(),
            }}
        </div>
    }
}

/// What was found in the file and its first rows.
#[component]
fn SheetSummary(file: String, sheet: Arc<Sheet>, reused: RwSignal<bool>) -> impl IntoView {
    let mut found = format!(
        "{file}: {}, cells separated by {}",
        plural(sheet.rows.len(), "row", "rows"),
        sheet.delimiter.label()
    );
    found.push_str(if sheet.has_header {
        ", with a header row"
    } else {
        ", no header row (columns are numbered)"
    });
    if sheet.windows_1252 {
        found.push_str(", read as Windows-1252 (it is not UTF-8)");
    }
    found.push('.');
    let columns = sheet.columns.clone();
    let rows: Vec<Vec<String>> = sheet.rows.iter().take(5).map(|r| r.cells.clone()).collect();
    view! {
        <p data-testid="csv-found">{found}</p>
        {move || reused.get().then(|| view! { <p class="muted">"Using the mapping of your last import of a file with these columns."</p> })}
        <div class="table-wrap flat" tabindex="0" role="region" aria-label="The file's first rows">
            <table class="data-table csv-rows">
                <caption class="visually-hidden">"The file's first rows"</caption>
                <thead><tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|cells| view! {
                        <tr>{cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One list per field: which column fills it; and for date fields how the dates are written.
#[component]
fn ColumnMapping(
    sheet: Arc<Sheet>,
    mapping: RwSignal<Mapping>,
    reused: RwSignal<bool>,
) -> impl IntoView {
    let columns = Arc::new(sheet.columns.clone());
    let fields = Field::ALL.into_iter().map(|field| {
        let columns = columns.clone();
        let sheet = sheet.clone();
        let is_date = matches!(field, Field::Created | Field::Target | Field::Closed);
        let current = move || {
            mapping.with(|m| m.columns.get(&field).map(|c| c.to_string()).unwrap_or_default())
        };
        let choose = move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            reused.set(false);
            mapping.update(|m| match value.parse::<usize>() {
                Ok(column) => {
                    m.columns.insert(field, column);
                    if is_date {
                        m.date_orders.insert(column, guess_date_order(&sheet, column));
                    }
                    if field == Field::Stage {
                        // Choices already made for a word stay; new words get their guess.
                        for (word, meaning) in spreadsheet::guess_stages(&sheet, column) {
                            m.stages.entry(word).or_insert(meaning);
                        }
                    }
                }
                Err(_) => {
                    m.columns.remove(&field);
                }
            });
        };
        let date_order = is_date.then(|| {
            view! {
                {move || mapping.with(|m| m.columns.get(&field).copied()).map(|column| {
                    let order = move || mapping.with(|m| m.date_orders.get(&column).copied().unwrap_or(DateOrder::Iso).key());
                    view! {
                        <select aria-label=format!("How {} dates are written", field.label().to_lowercase())
                            data-testid=format!("date-{}", field.key())
                            prop:value=order
                            on:change=move |ev| {
                                if let Some(o) = DateOrder::from_key(&event_target_value(&ev)) {
                                    mapping.update(|m| { m.date_orders.insert(column, o); });
                                }
                            }>
                            {DateOrder::ALL.into_iter().map(|o| view! { <option value=o.key() selected=move || order() == o.key()>{o.label()}</option> }).collect_view()}
                        </select>
                    }
                })}
            }
        });
        view! {
            <div class="field">
                <label>
                    <span class="field-label">{field.label()}</span>
                    <select data-testid=format!("map-{}", field.key()) prop:value=current on:change=choose>
                        <option value="" selected=move || current().is_empty()>"— not in the file —"</option>
                        {columns.iter().enumerate().map(|(i, c)| {
                            let key = i.to_string();
                            let k2 = key.clone();
                            view! { <option value=key selected=move || current() == k2>{c.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                {date_order}
            </div>
        }
    }).collect_view();
    view! {
        <h3>"Which column is which"</h3>
        <p class="muted">"Without a name column, names are made of the client, the product and the reference."</p>
        <div class="form-grid csv-mapping">{fields}</div>
    }
}

/// What each word of the stage column means.
#[component]
fn StageWords(sheet: Arc<Sheet>, mapping: RwSignal<Mapping>) -> impl IntoView {
    move || {
        let column = mapping.with(|m| m.columns.get(&Field::Stage).copied())?;
        let words = distinct(&sheet, column);
        if words.len() > MAX_STAGE_WORDS {
            return Some(view! {
                <p class="muted" data-testid="stage-words">{format!(
                    "The stage column has {} different values; is it the right column? Rows without a stage meaning are skipped.",
                    group_thousands(words.len() as u64)
                )}</p>
            }.into_any());
        }
        let rows = words.into_iter().map(|word| {
            let w = word.clone();
            let current = move || mapping.with(|m| m.stages.get(&w).map(|s| s.key()).unwrap_or_default());
            let w2 = word.clone();
            let choose = move |ev: leptos::ev::Event| {
                let value = event_target_value(&ev);
                mapping.update(|m| match StageMeaning::from_key(&value) {
                    Some(s) => {
                        m.stages.insert(w2.clone(), s);
                    }
                    None => {
                        m.stages.remove(&w2);
                    }
                });
            };
            view! {
                <label class="field">
                    <span class="field-label">{format!("“{word}” means")}</span>
                    <select prop:value=current.clone() on:change=choose>
                        <option value="" selected={let c = current.clone(); move || c().is_empty()}>"— choose (rows are skipped) —"</option>
                        {StageMeaning::all().into_iter().map(|s| {
                            let key = s.key();
                            let k2 = key.clone();
                            let c = current.clone();
                            view! { <option value=key selected=move || c() == k2>{s.label()}</option> }
                        }).collect_view()}
                    </select>
                </label>
            }
        }).collect_view();
        Some(
            view! {
                <h3>"What the stages mean"</h3>
                <div class="form-grid" data-testid="stage-words">{rows}</div>
            }
            .into_any(),
        )
    }
}

/// How many rows will be created, updated and skipped, with every skipped and doubtful row.
#[component]
fn PlanSummary(plan: Memo<Option<Arc<Preview>>>) -> impl IntoView {
    move || {
        let plan = plan.get()?;
        let skipped: Vec<(u64, String)> = plan
            .rows
            .iter()
            .filter_map(|r| match &r.action {
                RowAction::Skip(reason) => Some((r.line, reason.clone())),
                _ => None,
            })
            .collect();
        let doubtful: Vec<(u64, String)> = plan
            .rows
            .iter()
            .filter(|r| !matches!(r.action, RowAction::Skip(_)) && !r.notes.is_empty())
            .map(|r| (r.line, r.notes.join("; ")))
            .collect();
        let (skipped_count, doubtful_count) = (skipped.len(), doubtful.len());
        let members: Vec<String> = plan.new_members.iter().map(|(_, n)| n.clone()).collect();
        // Rows with the same reason are one line: "Lines 4, 9, 12 and 497 more: …".
        let listed = |rows: Vec<(u64, String)>| {
            let mut groups: Vec<(String, Vec<u64>)> = Vec::new();
            for (line, text) in rows {
                match groups.iter_mut().find(|(t, _)| *t == text) {
                    Some((_, lines)) => lines.push(line),
                    None => groups.push((text, vec![line])),
                }
            }
            let more = groups.len().saturating_sub(LISTED_ROWS);
            view! {
                <ul class="csv-lines">
                    {groups.into_iter().take(LISTED_ROWS).map(|(text, lines)| view! { <li>{format!("{}: {text}", spreadsheet::lines_text(&lines))}</li> }).collect_view()}
                    {(more > 0).then(|| view! { <li class="muted">{format!("… and {} more reasons", group_thousands(more as u64))}</li> })}
                </ul>
            }
        };
        Some(view! {
            <h3>"What will happen"</h3>
            <p data-testid="csv-plan" role="status">{format!(
                "{} created, {} updated, {} skipped.",
                plural(plan.created(), "project", "projects"),
                group_thousands(plan.updated() as u64),
                group_thousands(plan.skipped() as u64)
            )}</p>
            {(!members.is_empty()).then(|| view! {
                <p data-testid="csv-members">{format!("New members for owners not in the team: {}.", members.join(", "))}</p>
            })}
            {(!skipped.is_empty()).then(|| view! {
                <details data-testid="csv-skipped" open=skipped_count <= 20>
                    <summary>{format!("Skipped rows ({})", group_thousands(skipped_count as u64))}</summary>
                    {listed(skipped)}
                </details>
            })}
            {(!doubtful.is_empty()).then(|| view! {
                <details data-testid="csv-doubtful">
                    <summary>{format!("Rows imported with an assumption ({})", group_thousands(doubtful_count as u64))}</summary>
                    {listed(doubtful)}
                </details>
            })}
        })
    }
}
