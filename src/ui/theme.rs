//! Light, dark, or as the system is: chosen per browser, applied as `data-theme` on the
//! root element, where the stylesheet's `color-scheme` (and so every `light-dark()` colour
//! token) follows it. `public/boot.js` applies the stored choice before the app starts.

use crate::storage::web::{load_theme, store_theme};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The stored text; the system theme is stored as nothing.
    pub fn key(self) -> Option<&'static str> {
        match self {
            Theme::System => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "As the system is",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// Reads a stored or chosen value; anything else follows the system.
    pub fn parse(text: &str) -> Theme {
        match text {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The theme this browser remembers.
    pub fn stored() -> Theme {
        load_theme().map_or(Theme::System, |t| Theme::parse(&t))
    }

    /// Shows the page in this theme and remembers it in this browser. Returns false when the
    /// browser would not remember it (the page still changes, for as long as it is open).
    pub fn choose(self) -> bool {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = match self.key() {
                Some(key) => root.set_attribute("data-theme", key),
                None => root.remove_attribute("data-theme"),
            };
        }
        store_theme(self.key()).is_ok()
    }
}
