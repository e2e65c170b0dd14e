//! Hash-based routing: `#/projects/<id>`. A plain static file server (with no rewrite rules)
//! always serves `index.html` for the path, and the hash survives a reload, so every deep
//! link works offline and from any host. Filters live in the hash's query so they survive
//! reloads and can be shared.

use crate::model::ProjectId;
use leptos::prelude::*;

/// The screens of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    /// What to act on now; `owner` chooses whose ("team" for everyone's; empty: mine).
    Today(ListQuery),
    Pipeline(ListQuery),
    Goals,
    WinLoss,
    Projects(ListQuery),
    Project(ProjectId, ProjectTab),
    Portfolio(ListQuery),
    /// Every open project's risks in one register.
    Risks,
    /// Every change anyone made, newest first.
    History,
    Team,
    /// Members × weeks: planned hours against capacity.
    Workload,
    Templates,
    Template(crate::model::TemplateId),
    Data,
    /// What-if scenarios: start, open, compare with reality, apply or discard.
    Scenarios,
    NotFound(String),
}

/// The tabs of a project's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProjectTab {
    Overview,
    Plan,
    Timeline,
    Risks,
    Goals,
    Budget,
    People,
    Competitors,
    Conversations,
    Feedback,
    Update,
    History,
}

impl ProjectTab {
    pub const ALL: [ProjectTab; 12] = [
        Self::Overview,
        Self::Plan,
        Self::Timeline,
        Self::Risks,
        Self::Goals,
        Self::Budget,
        Self::People,
        Self::Competitors,
        Self::Conversations,
        Self::Feedback,
        Self::Update,
        Self::History,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Plan => "Plan",
            Self::Timeline => "Timeline",
            Self::Risks => "Risks",
            Self::Goals => "Goals",
            Self::Budget => "Budget",
            Self::People => "People",
            Self::Competitors => "Competitors",
            Self::Conversations => "Conversations",
            Self::Feedback => "Feedback",
            Self::Update => "Status update",
            Self::History => "History",
        }
    }

    fn segment(self) -> &'static str {
        match self {
            Self::Overview => "",
            Self::Plan => "/plan",
            Self::Timeline => "/timeline",
            Self::Risks => "/risks",
            Self::Goals => "/goals",
            Self::Budget => "/budget",
            Self::People => "/people",
            Self::Competitors => "/competitors",
            Self::Conversations => "/conversations",
            Self::Feedback => "/feedback",
            Self::Update => "/update",
            Self::History => "/history",
        }
    }
}

/// The project list's search, filters and sort, kept in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub search: String,
    pub status: String,
    pub owner: String,
    pub kind: String,
    pub sort: String,
    pub descending: bool,
    /// Pipeline only: "month", "quarter", "year" or empty for all target dates.
    pub period: String,
    /// Pipeline only: the template whose stages are the columns.
    pub template: String,
    /// Portfolio only: the strategic focus area.
    pub focus: String,
}

impl ListQuery {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        Self {
            search: get("q"),
            status: get("status"),
            owner: get("owner"),
            kind: get("kind"),
            sort: get("sort"),
            descending: get("dir") == "desc",
            period: get("period"),
            template: get("template"),
            focus: get("focus"),
        }
    }

    fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.search),
            ("status", &self.status),
            ("owner", &self.owner),
            ("kind", &self.kind),
            ("sort", &self.sort),
            ("period", &self.period),
            ("template", &self.template),
            ("focus", &self.focus),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", encode(v)));
            }
        }
        if self.descending {
            parts.push("dir=desc".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The main sections, in navigation order.
pub const SECTIONS: [(&str, &str); 10] = [
    ("Today", "#/today"),
    ("Dashboard", "#/"),
    ("Pipeline", "#/pipeline"),
    ("Projects", "#/projects"),
    ("Portfolio", "#/portfolio"),
    ("What-if", "#/scenarios"),
    ("Team", "#/team"),
    ("Templates", "#/templates"),
    ("History", "#/history"),
    ("Data", "#/data"),
];

/// A route without an id: its path segment, how it is made from the hash's query, and the
/// navigation section it belongs to.
type Plain = (&'static str, fn(ListQuery) -> Route, &'static str);

/// Every route without an id, once: parsing, links and the navigation's current section
/// all read this table.
const PLAIN: [Plain; 14] = [
    ("today", Route::Today, "Today"),
    ("pipeline", Route::Pipeline, "Pipeline"),
    ("goals", |_| Route::Goals, "Dashboard"),
    ("win-loss", |_| Route::WinLoss, "Pipeline"),
    ("projects", Route::Projects, "Projects"),
    ("portfolio", Route::Portfolio, "Portfolio"),
    ("workload", |_| Route::Workload, "Team"),
    ("risks", |_| Route::Risks, "Portfolio"),
    ("history", |_| Route::History, "History"),
    ("team", |_| Route::Team, "Team"),
    ("templates", |_| Route::Templates, "Templates"),
    ("data", |_| Route::Data, "Data"),
    ("scenarios", |_| Route::Scenarios, "What-if"),
    ("dashboard", |_| Route::Dashboard, "Dashboard"),
];

impl Route {
    /// Parses a location hash such as `#/projects?q=acme`.
    pub fn parse(hash: &str) -> Route {
        let rest = hash.trim_start_matches('#');
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let pairs: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Route::Dashboard,
            ["projects", id, rest @ ..] => {
                let tab = match rest {
                    [] => Some(ProjectTab::Overview),
                    [segment] => ProjectTab::ALL
                        .into_iter()
                        .find(|t| t.segment() == format!("/{segment}")),
                    _ => None,
                };
                match (ProjectId::parse(id), tab) {
                    (Some(id), Some(tab)) => Route::Project(id, tab),
                    _ => Route::NotFound(path.into()),
                }
            }
            ["templates", id] => match crate::model::TemplateId::parse(id) {
                Some(id) => Route::Template(id),
                None => Route::NotFound(path.into()),
            },
            [segment] => PLAIN.iter().find(|(s, ..)| s == segment).map_or_else(
                || Route::NotFound(path.into()),
                |(_, make, _)| make(ListQuery::from_pairs(&pairs)),
            ),
            _ => Route::NotFound(path.into()),
        }
    }

    /// The hash that leads to this route.
    pub fn href(&self) -> String {
        match self {
            Route::Dashboard => "#/".into(),
            Route::Project(id, tab) => format!("#/projects/{id}{}", tab.segment()),
            Route::Template(id) => format!("#/templates/{id}"),
            Route::NotFound(path) => format!("#{path}"),
            plain => {
                let query = plain.query().map(ListQuery::to_query).unwrap_or_default();
                format!(
                    "#/{}{query}",
                    plain.plain().map_or("", |(segment, ..)| *segment)
                )
            }
        }
    }

    /// The list query a route carries (pipeline, projects, portfolio).
    fn query(&self) -> Option<&ListQuery> {
        match self {
            Route::Pipeline(q) | Route::Projects(q) | Route::Portfolio(q) | Route::Today(q) => {
                Some(q)
            }
            _ => None,
        }
    }

    /// This route's row of [`PLAIN`], when it is a route without an id.
    fn plain(&self) -> Option<&'static Plain> {
        let kind = std::mem::discriminant(self);
        PLAIN
            .iter()
            .find(|(_, make, _)| std::mem::discriminant(&make(ListQuery::default())) == kind)
    }

    /// The navigation section this route belongs to.
    pub fn section(&self) -> &'static str {
        match self {
            Route::Dashboard | Route::NotFound(_) => "Dashboard",
            Route::Project(..) => "Projects",
            Route::Template(_) => "Templates",
            plain => plain.plain().map_or("Dashboard", |(.., section)| *section),
        }
    }
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Provides the current route as a signal that follows `hashchange`.
pub fn provide_router() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&current_hash()));
        // A new screen starts at the top, like a page load would.
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    std::mem::forget(handle);
    provide_context(route);
    route
}

pub fn use_route() -> ReadSignal<Route> {
    expect_context::<ReadSignal<Route>>()
}

/// Goes to a route (adds a history entry).
pub fn navigate(route: &Route) {
    let _ = window()
        .location()
        .set_hash(route.href().trim_start_matches('#'));
}

/// Updates the URL without adding a history entry (for filters typed into a box).
pub fn replace_route(route: &Route) {
    let url = route.href();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        // replaceState does not fire hashchange; tell the router ourselves.
        let _ = window().dispatch_event(&web_sys::Event::new("hashchange").expect("event"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_their_hash() {
        let id = ProjectId::parse("0d7e8f0c-3a55-4d59-9a3e-6f8b2d1c0a11").unwrap();
        let query = ListQuery {
            search: "acme & co".into(),
            status: "active".into(),
            sort: "value".into(),
            descending: true,
            ..Default::default()
        };
        for route in [
            Route::Dashboard,
            Route::Today(ListQuery::default()),
            Route::Today(ListQuery {
                owner: "team".into(),
                ..ListQuery::default()
            }),
            Route::Pipeline(ListQuery {
                owner: "x".into(),
                period: "quarter".into(),
                ..Default::default()
            }),
            Route::Goals,
            Route::WinLoss,
            Route::Projects(ListQuery::default()),
            Route::Projects(query),
            Route::Project(id, ProjectTab::Overview),
            Route::Project(id, ProjectTab::Timeline),
            Route::Team,
            Route::Data,
        ] {
            assert_eq!(Route::parse(&route.href()), route, "{}", route.href());
        }
    }

    #[test]
    fn every_route_round_trips_and_names_its_section() {
        assert!(!PLAIN.is_empty());
        for (segment, make, section) in PLAIN {
            let route = make(ListQuery::default());
            assert_eq!(Route::parse(&route.href()), route, "{segment}");
            assert_eq!(route.section(), section, "{segment}");
        }
        let id = ProjectId::parse("0d7e8f0c-3a55-4d59-9a3e-6f8b2d1c0a11").unwrap();
        for tab in ProjectTab::ALL {
            let route = Route::Project(id, tab);
            assert_eq!(Route::parse(&route.href()), route, "{}", tab.label());
            assert_eq!(route.section(), "Projects");
        }
        let template = Route::Template(crate::model::TemplateId(id.0));
        assert_eq!(Route::parse(&template.href()), template);
        assert_eq!(Route::parse("#/dashboard"), Route::Dashboard);
    }

    #[test]
    fn unknown_paths_are_not_found() {
        assert_eq!(Route::parse(""), Route::Dashboard);
        assert_eq!(
            Route::parse("#/projects/not-a-uuid"),
            Route::NotFound("/projects/not-a-uuid".into())
        );
        assert_eq!(
            Route::parse("#/nowhere"),
            Route::NotFound("/nowhere".into())
        );
        assert_eq!(decode("a%2"), "a%2");
        assert_eq!(decode("%C3%A9t%C3%A9"), "été");
    }
}
