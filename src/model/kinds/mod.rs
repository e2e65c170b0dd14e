//! Record kinds that live in one file each: the record, the form as typed and the input it
//! checks into, its limits and its labels (see `docs/architecture.md`, adding a kind).
//! Declared first in `model`, so every module can use the two macros below.

/// A closed list of choices with a stable key (as stored) and a label (as shown).
macro_rules! choices {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $key:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant,)*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant,)*];

            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)*
                }
            }

            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key,)*
                }
            }

            pub fn from_key(key: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|c| c.key() == key)
            }
        }
    };
}

/// A kind kept in a project: its stamp, its project and its id.
macro_rules! stamped {
    ($($t:ty),*) => {
        $(impl crate::model::common::Stamped for $t {
            fn stamp(&self) -> &crate::model::common::Stamp {
                &self.stamp
            }
        }

        impl crate::model::common::InProject for $t {
            fn project_id(&self) -> crate::model::ids::ProjectId {
                self.project_id
            }

            fn record_id(&self) -> uuid::Uuid {
                self.id.0
            }
        })*
    };
}

pub mod communication;
pub mod competitor;
pub mod cost;
pub mod decision;
pub mod feedback;
pub mod goal;
pub mod member;
pub mod milestone;
pub mod project;
pub mod quota;
pub mod review;
pub mod risk;
pub mod stakeholder;
pub mod task;
pub mod template;

pub use communication::*;
pub use competitor::*;
pub use cost::*;
pub use decision::*;
pub use feedback::*;
pub use goal::*;
pub use member::*;
pub use milestone::*;
pub use project::*;
pub use quota::*;
pub use review::*;
pub use risk::*;
pub use stakeholder::*;
pub use task::*;
pub use template::*;
