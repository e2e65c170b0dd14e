//! The root component: starts the state, follows the route and picks the screen.

use crate::model::{ProjectId, TemplateId};
use crate::ui::components::layout::Shell;
use crate::ui::router::{provide_router, ProjectTab, Route};
use crate::ui::screens::portfolio::PortfolioScreen;
use crate::ui::screens::project::risks::RisksScreen;
use crate::ui::screens::templates::{TemplateEditor, TemplatesScreen};
use crate::ui::screens::{
    dashboard::DashboardScreen, goals::GoalsScreen, pipeline::PipelineScreen,
    win_loss::WinLossScreen,
};
use crate::ui::screens::{
    data::DataScreen, project::ProjectScreen, projects::ProjectsScreen, team::TeamScreen,
    welcome::Welcome,
};
use crate::ui::state::provide_app_state;
use leptos::prelude::*;

/// Which screen is shown. The project list's filters are not part of it, so typing in the
/// search box updates the list without rebuilding the screen.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Dashboard,
    Today,
    Pipeline,
    Goals,
    WinLoss,
    Projects,
    Project(ProjectId, ProjectTab),
    Template(TemplateId),
    Portfolio,
    Risks,
    History,
    Team,
    Workload,
    Templates,
    Data,
    Scenarios,
    NotFound,
}

impl From<&Route> for Screen {
    fn from(route: &Route) -> Self {
        match route {
            Route::Dashboard => Screen::Dashboard,
            Route::Today(_) => Screen::Today,
            Route::Pipeline(_) => Screen::Pipeline,
            Route::Goals => Screen::Goals,
            Route::WinLoss => Screen::WinLoss,
            Route::Projects(_) => Screen::Projects,
            Route::Project(id, tab) => Screen::Project(*id, *tab),
            Route::Template(id) => Screen::Template(*id),
            Route::Portfolio(_) => Screen::Portfolio,
            Route::Risks => Screen::Risks,
            Route::History => Screen::History,
            Route::Team => Screen::Team,
            Route::Workload => Screen::Workload,
            Route::Templates => Screen::Templates,
            Route::Data => Screen::Data,
            Route::Scenarios => Screen::Scenarios,
            Route::NotFound(_) => Screen::NotFound,
        }
    }
}

/// Once a person has said who they are, Pursuit opens on their Today (an address of its
/// own, such as a link to a project, still opens that).
fn land_on_today(app: crate::ui::state::AppState) {
    let hash = window().location().hash().unwrap_or_default();
    if app.me.get_untracked().is_some() && matches!(hash.as_str(), "" | "#" | "#/") {
        crate::ui::router::replace_route(&Route::Today(crate::ui::router::ListQuery::default()));
    }
}

#[component]
pub fn App() -> impl IntoView {
    let app = provide_app_state();
    let route = provide_router();
    land_on_today(app);
    let started = Memo::new(move |_| app.started());
    let screen = Memo::new(move |_| route.with(|r| Screen::from(r)));
    // While the records are read only the projects table, the pipeline and the dashboard
    // can be drawn (from the index); every other screen says how far the reading is and
    // shows itself once it is done.
    // One memo of both: the view below reads nothing else, so a switch between two screens
    // drawn from the index redraws it as surely as one that starts or ends the waiting.
    let drawn = Memo::new(move |_| {
        let screen = screen.get();
        let waits = app.is_opening()
            && match screen {
                Screen::Projects => false,
                Screen::Pipeline | Screen::Dashboard => !app.projects_from_index(),
                _ => true,
            };
        (!waits).then_some(screen)
    });
    move || {
        if !started.get() {
            return view! { <Welcome /> }.into_any();
        }
        view! {
            <Shell>
                {move || { let Some(screen) = drawn.get() else { return view! { <StillReading /> }.into_any() }; match screen {
                    Screen::Dashboard => view! { <DashboardScreen /> }.into_any(),
                    Screen::Today => view! { <crate::ui::screens::today::TodayScreen /> }.into_any(),
                    Screen::Pipeline => view! { <PipelineScreen /> }.into_any(),
                    Screen::Goals => view! { <GoalsScreen /> }.into_any(),
                    Screen::WinLoss => view! { <WinLossScreen /> }.into_any(),
                    Screen::Portfolio => view! { <PortfolioScreen /> }.into_any(),
                    Screen::Workload => view! { <crate::ui::screens::workload::WorkloadScreen /> }.into_any(),
                    Screen::Risks => view! { <RisksScreen /> }.into_any(),
                    Screen::History => view! { <crate::ui::screens::history::HistoryScreen /> }.into_any(),
                    Screen::Templates => view! { <TemplatesScreen /> }.into_any(),
                    Screen::Template(id) => view! { <TemplateEditor id /> }.into_any(),
                    Screen::Projects => view! { <ProjectsScreen /> }.into_any(),
                    Screen::Project(id, tab) => view! { <ProjectScreen id tab /> }.into_any(),
                    Screen::Team => view! { <TeamScreen /> }.into_any(),
                    Screen::Data => view! { <DataScreen /> }.into_any(),
                    Screen::Scenarios => view! { <crate::ui::screens::scenarios::ScenariosScreen /> }.into_any(),
                    Screen::NotFound => view! {
                        <div class="page">
                            <section class="empty-state">
                                <h1>"Page not found"</h1>
                                <p>"This link does not lead anywhere in Pursuit. It may come from an older version or a project that was deleted."</p>
                                <a class="button primary" href="#/projects">"Go to projects"</a>
                            </section>
                        </div>
                    }.into_any(),
                }}}
            </Shell>
        }
        .into_any()
    }
}

/// What a screen shows while the workspace's records are read after the index.
#[component]
fn StillReading() -> impl IntoView {
    let app = crate::ui::state::use_app();
    let progress = app.opening.progress;
    let failed = move || app.opening.failed.with(Option::is_some);
    view! {
        <div class="page">
            <section class="empty-state still-reading">
                <h1>{move || if failed() { "Your workspace could not be opened" } else { "Opening your workspace" }}</h1>
                <crate::ui::components::reading_line::ReadingLine />
                {move || (!failed()).then(|| view! {
                    <progress aria-label="Projects read" max=move || progress.get().1 value=move || progress.get().0></progress>
                })}
            </section>
        </div>
    }
}
