//! Typed identifiers. Every entity is addressed by a UUID v4 wrapped in its own newtype, so a
//! task id can never be passed where a member id is expected. Ids are never indices: they
//! survive reordering, deletion and merging files from teammates.

use serde::de::{Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

/// The hash for maps and sets keyed by ids: foldhash, several times faster than the
/// standard SipHash on 16-byte ids (opening 2,000 projects indexes 50,000 records, and
/// checking them looks each reference up). Its seed is per process; in the browser neither
/// it nor std's SipHash has a secret key, so nothing is given up there.
pub type IdHasher = foldhash::fast::RandomState;
pub type IdMap<K, V> = std::collections::HashMap<K, V, IdHasher>;
pub type IdSet<K> = std::collections::HashSet<K, IdHasher>;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                read_uuid(d).map(Self)
            }
        }

        impl $name {
            /// The id as text, as it appears in files and URLs.
            pub fn to_text(self) -> String {
                self.0.to_string()
            }

            /// Parses an id from text (a URL segment or a form value).
            pub fn parse(text: &str) -> Option<Self> {
                parse_uuid(text).ok().map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

id_type!(
    /// Identifies a workspace; two files with the same workspace id are copies of one workspace.
    WorkspaceId
);
id_type!(
    /// Identifies a team member.
    MemberId
);
id_type!(
    /// Identifies a sales project (a deal, campaign or initiative).
    ProjectId
);
id_type!(
    /// Identifies a milestone of a project.
    MilestoneId
);
id_type!(
    /// Identifies a task of a project.
    TaskId
);
id_type!(
    /// Identifies a risk in a project's register.
    RiskId
);
id_type!(
    /// Identifies a stakeholder of a project.
    StakeholderId
);
id_type!(
    /// Identifies an entry of a project's communication log.
    CommunicationId
);
id_type!(
    /// Identifies a feedback entry.
    FeedbackId
);
id_type!(
    /// Identifies a cost entry.
    CostId
);
id_type!(
    /// Identifies a measurable goal (success criterion) of a project.
    GoalId
);
id_type!(
    /// Identifies a sales-process template (a playbook).
    TemplateId
);
id_type!(
    /// Identifies a team or member quota for a period.
    QuotaId
);
id_type!(
    /// Identifies an entry of the change history.
    ChangeId
);
id_type!(
    /// Identifies a portfolio decision on a project (approve, hold, reject).
    DecisionId
);
id_type!(
    /// Identifies a portfolio review meeting.
    ReviewId
);
id_type!(
    /// Identifies a competitor bidding for a deal.
    CompetitorId
);

/// Reads an id as the `uuid` crate does, with a quick path for the form Pursuit writes
/// (36 characters: hex digits and four hyphens): opening 2,000 projects reads 250,000
/// ids, and the crate's general parser was an eighth of it. Any other text goes to the crate,
/// so what is accepted and every error are its own (`tests/ids.rs`).
pub fn read_uuid<'de, D: Deserializer<'de>>(d: D) -> Result<Uuid, D::Error> {
    if !d.is_human_readable() {
        return Uuid::deserialize(d);
    }
    d.deserialize_str(UuidText)
}

/// The id `text` names, read as the `uuid` crate reads it.
pub fn parse_uuid(text: &str) -> Result<Uuid, uuid::Error> {
    match quick_uuid(text.as_bytes()) {
        Some(id) => Ok(id),
        None => text.parse(),
    }
}

/// `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` in hex digits of either case, or `None`.
/// Branch-free per digit: every digit is looked up, and one test at the end finds any that
/// is not one (they look up as `0xFF`).
fn quick_uuid(b: &[u8]) -> Option<Uuid> {
    let b: &[u8; 36] = b.try_into().ok()?;
    if b[8] != b'-' || b[13] != b'-' || b[18] != b'-' || b[23] != b'-' {
        return None;
    }
    // Where each byte's two digits start.
    const AT: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let mut bytes = [0u8; 16];
    let mut bad = 0u8;
    for (out, at) in bytes.iter_mut().zip(AT) {
        let (high, low) = (HEX[usize::from(b[at])], HEX[usize::from(b[at + 1])]);
        bad |= high | low;
        *out = high << 4 | low;
    }
    (bad & 0xF0 == 0).then(|| Uuid::from_bytes(bytes))
}

/// Each byte's value as a hex digit, `0xFF` for one that is not.
const HEX: [u8; 256] = {
    let mut table = [0xFF; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        table[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

/// Reads the text where it lies, without copying it.
struct UuidText;

impl<'de> Visitor<'de> for UuidText {
    type Value = Uuid;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a UUID string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Uuid, E> {
        parse_uuid(text).map_err(|e| E::custom(format_args!("UUID parsing failed: {e}")))
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Uuid, E> {
        Uuid::from_slice(bytes).map_err(|e| E::custom(format_args!("UUID parsing failed: {e}")))
    }
}

/// A source of fresh UUIDs. Engines and commands take one instead of calling a random number
/// generator, so tests can run them deterministically.
pub trait IdSource {
    fn next_uuid(&mut self) -> Uuid;

    fn next<T: From<Uuid>>(&mut self) -> T
    where
        Self: Sized,
    {
        T::from(self.next_uuid())
    }
}

impl dyn IdSource + '_ {
    /// A fresh typed id from a trait object.
    pub fn fresh<T: From<Uuid>>(&mut self) -> T {
        T::from(self.next_uuid())
    }
}

/// Deterministic ids for tests and fixtures: a counter laid into the low bits of a v4-shaped UUID.
#[derive(Default)]
pub struct SequentialIds {
    next: u64,
}

impl SequentialIds {
    pub fn starting_at(next: u64) -> Self {
        Self { next }
    }
}

impl IdSource for SequentialIds {
    fn next_uuid(&mut self) -> Uuid {
        self.next += 1;
        let mut bytes = [0u8; 16];
        bytes[8..].copy_from_slice(&self.next.to_be_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}
