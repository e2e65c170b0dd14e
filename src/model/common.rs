//! Values shared by every entity: the change stamp, money and small enumerations.

use crate::dates::Written;
use crate::model::ids::MemberId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifies one copy of a workspace (one browser profile). Each copy counts its own edits
/// in every entity's [`Versions`], which is how a merge tells "changed on their side only"
/// from "changed on both sides".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct ReplicaId(pub u64);

impl From<ReplicaId> for String {
    fn from(r: ReplicaId) -> String {
        format!("{:016x}", r.0)
    }
}

impl TryFrom<String> for ReplicaId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        u64::from_str_radix(&s, 16)
            .map(ReplicaId)
            .map_err(|_| format!("“{s}” is not a replica id"))
    }
}

/// How an entity's versions on two sides relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Both sides saw the same edits.
    Same,
    /// This side has every edit the other has, and more.
    Newer,
    /// The other side has every edit this one has, and more.
    Older,
    /// Each side has edits the other has not seen.
    Concurrent,
}

/// A version vector: how many edits each copy of the workspace made to an entity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Versions(pub std::collections::BTreeMap<ReplicaId, u32>);

impl Versions {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn bump(&mut self, replica: ReplicaId) {
        *self.0.entry(replica).or_insert(0) += 1;
    }

    fn get(&self, replica: &ReplicaId) -> u32 {
        self.0.get(replica).copied().unwrap_or(0)
    }

    /// Compares this side's versions with the other side's.
    pub fn compare(&self, other: &Versions) -> Order {
        let mut ahead = false;
        let mut behind = false;
        for r in self.0.keys().chain(other.0.keys()) {
            let (a, b) = (self.get(r), other.get(r));
            ahead |= a > b;
            behind |= a < b;
        }
        match (ahead, behind) {
            (false, false) => Order::Same,
            (true, false) => Order::Newer,
            (false, true) => Order::Older,
            (true, true) => Order::Concurrent,
        }
    }

    /// Every edit either side has seen.
    pub fn join(&self, other: &Versions) -> Versions {
        let mut out = self.clone();
        for (r, n) in &other.0 {
            let e = out.0.entry(*r).or_insert(0);
            *e = (*e).max(*n);
        }
        out
    }
}

/// Who makes a change: the member chosen as "me" (if any) and the copy of the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Editor {
    pub member: Option<MemberId>,
    pub replica: ReplicaId,
}

/// Who changed an entity and when. Every entity carries one so that files from teammates can
/// be merged entity by entity; a deleted entity keeps its stamp with `deleted_at` set (a
/// tombstone) so that a merge knows it was deleted rather than never seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    #[serde(deserialize_with = "instant::read")]
    pub created_at: DateTime<Utc>,
    #[serde(deserialize_with = "instant::read")]
    pub updated_at: DateTime<Utc>,
    /// The member who made the last change, when the browser had chosen who "I am".
    #[serde(default)]
    pub updated_by: Option<MemberId>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::read_some"
    )]
    pub deleted_at: Option<DateTime<Utc>>,
    /// The edits each copy of the workspace made (see [`Versions`]).
    #[serde(default, skip_serializing_if = "Versions::is_empty")]
    pub versions: Versions,
}

impl Stamp {
    /// A stamp for an entity created now.
    pub fn new(now: DateTime<Utc>, by: Option<MemberId>) -> Self {
        Self {
            created_at: now,
            updated_at: now,
            updated_by: by,
            deleted_at: None,
            versions: Versions::default(),
        }
    }

    /// A stamp for an entity `editor` creates now: its first version.
    pub fn created(now: DateTime<Utc>, editor: Editor) -> Self {
        let mut s = Self::new(now, editor.member);
        s.versions.bump(editor.replica);
        s
    }

    /// Records a change.
    pub fn touch(&mut self, now: DateTime<Utc>, editor: Editor) {
        self.updated_at = now;
        self.updated_by = editor.member;
        self.versions.bump(editor.replica);
    }

    /// Marks the entity deleted, keeping it as a tombstone.
    pub fn delete(&mut self, now: DateTime<Utc>, editor: Editor) {
        self.touch(now, editor);
        self.deleted_at = Some(now);
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }
}

/// Anything with a stamp: lets collections filter out tombstones in one place.
pub trait Stamped {
    fn stamp(&self) -> &Stamp;

    fn is_live(&self) -> bool {
        !self.stamp().is_deleted()
    }
}

/// A record that belongs to one project (a milestone, task, risk, stakeholder …).
pub trait InProject: Stamped {
    fn project_id(&self) -> crate::model::ids::ProjectId;

    /// The record's own id, untyped (unique among records of its kind).
    fn record_id(&self) -> uuid::Uuid;

    /// Live and belonging to `project`.
    fn is_live_in(&self, project: crate::model::ids::ProjectId) -> bool {
        self.is_live() && self.project_id() == project
    }
}

/// An ISO 4217 currency code such as `EUR`. Validated to three upper-case letters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// Accepts three ASCII letters, in any case.
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        (code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()))
            .then(|| Self(code.to_ascii_uppercase()))
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    /// Whether the stored code is well formed (files can carry anything).
    pub fn is_valid(&self) -> bool {
        self.0.len() == 3 && self.0.chars().all(|c| c.is_ascii_uppercase())
    }

    /// Digits after the decimal point. Zero-decimal currencies are the common ones sales teams
    /// meet; everything else uses two.
    pub fn minor_digits(&self) -> u32 {
        match self.0.as_str() {
            "JPY" | "KRW" | "ISK" | "CLP" | "VND" | "HUF" => 0,
            _ => 2,
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Self("EUR".into())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount of money in integer minor units (cents) with its currency. Never a float.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Self {
        Self { minor, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Self { minor: 0, currency }
    }

    /// Parses what a person types ("250000", "250,000.50", "1 200") into minor units.
    /// Returns an error message fit to show next to the field.
    pub fn parse_major(text: &str, currency: &Currency) -> Result<i64, String> {
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '_' | '\''))
            .collect();
        if cleaned.is_empty() {
            return Ok(0);
        }
        let negative = cleaned.starts_with('-');
        let digits = cleaned.trim_start_matches(['-', '+']);
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits, ""),
        };
        let too_large = || {
            format!(
                "That amount is too large: at most {}.",
                Money::new(crate::model::limits::MAX_AMOUNT_MINOR, currency.clone()).display()
            )
        };
        let places = currency.minor_digits() as usize;
        if whole.is_empty() && frac.is_empty()
            || !whole.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
        {
            return Err("Enter an amount such as 25000 or 25,000.50.".into());
        }
        if frac.len() > places {
            return Err(format!(
                "{} takes at most {places} decimal places.",
                currency.code()
            ));
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| too_large())?
        };
        let mut frac_value: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().unwrap_or(0)
        };
        for _ in frac.len()..places {
            frac_value *= 10;
        }
        let minor = whole
            .checked_mul(10_i64.pow(places as u32))
            .and_then(|w| w.checked_add(frac_value))
            .filter(|m| *m <= crate::model::limits::MAX_AMOUNT_MINOR)
            .ok_or_else(too_large)?;
        Ok(if negative { -minor } else { minor })
    }

    /// The amount in major units as typed in a form, without grouping: "250000.50".
    pub fn major_text(&self) -> String {
        let places = self.currency.minor_digits();
        if places == 0 {
            return self.minor.to_string();
        }
        let scale = 10_i64.pow(places);
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let frac = abs % scale as u64;
        if frac == 0 {
            format!("{sign}{}", abs / scale as u64)
        } else {
            format!(
                "{sign}{}.{:0width$}",
                abs / scale as u64,
                frac,
                width = places as usize
            )
        }
    }

    /// The amount for display: "EUR 250,000" (cents shown only when present).
    pub fn display(&self) -> String {
        let places = self.currency.minor_digits();
        let scale = 10_u64.pow(places);
        let abs = self.minor.unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        let whole = group_thousands(abs / scale);
        let frac = abs % scale;
        if frac == 0 {
            format!("{} {sign}{whole}", self.currency)
        } else {
            format!(
                "{} {sign}{whole}.{:0width$}",
                self.currency,
                frac,
                width = places as usize
            )
        }
    }

    /// A short display for tight places: "EUR 1.2M", "EUR 250k".
    pub fn compact(&self) -> String {
        let major = self.minor as f64 / 10_f64.powi(self.currency.minor_digits() as i32);
        let abs = major.abs();
        let text = if abs >= 1_000_000.0 {
            format!("{:.1}M", major / 1_000_000.0)
        } else if abs >= 1_000.0 {
            format!("{:.0}k", major / 1_000.0)
        } else {
            format!("{major:.0}")
        };
        format!("{} {}", self.currency, text.replace(".0M", "M"))
    }
}

/// A count with its noun: `1 project`, `8,800 projects`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        group_thousands(n as u64),
        if n == 1 { one } else { many }
    )
}

/// Inserts thousands separators: 1234567 → "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A file-name-safe form of a name: lower case, words joined by hyphens, at most eight
/// words ("Helios Logistics — managed IT" → "helios-logistics-managed-it"); "pursuit" when
/// nothing is left.
pub fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .take(8)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        "pursuit".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eur() -> Currency {
        Currency::parse("eur").unwrap()
    }

    #[test]
    fn parses_amounts_people_type() {
        let cases: &[(&str, Result<i64, ()>)] = &[
            ("250000", Ok(25_000_000)),
            ("250,000.50", Ok(25_000_050)),
            ("1 200", Ok(120_000)),
            ("0.5", Ok(50)),
            ("", Ok(0)),
            ("-10", Ok(-1000)),
            ("12.345", Err(())),
            ("abc", Err(())),
            ("99999999999999999999", Err(())),
        ];
        for (text, expected) in cases {
            let got = Money::parse_major(text, &eur()).map_err(|_| ());
            assert_eq!(&got, expected, "parsing {text:?}");
        }
    }

    #[test]
    fn displays_with_grouping_and_cents_only_when_present() {
        assert_eq!(Money::new(25_000_000, eur()).display(), "EUR 250,000");
        assert_eq!(Money::new(25_000_050, eur()).display(), "EUR 250,000.50");
        assert_eq!(Money::new(-1000, eur()).display(), "EUR -10");
        let yen = Currency::parse("JPY").unwrap();
        assert_eq!(Money::new(1_500_000, yen).display(), "JPY 1,500,000");
        assert_eq!(Money::new(25_000_050, eur()).major_text(), "250000.50");
        assert_eq!(Money::new(150_000_000, eur()).compact(), "EUR 1.5M");
        assert_eq!(Money::new(25_000_000, eur()).compact(), "EUR 250k");
    }

    #[test]
    fn counts_read_with_their_noun_and_thousands_separators() {
        let cases = [
            (0, "0 projects"),
            (1, "1 project"),
            (2, "2 projects"),
            (8_800, "8,800 projects"),
            (1_234_567, "1,234,567 projects"),
        ];
        for (n, text) in cases {
            assert_eq!(plural(n, "project", "projects"), text);
        }
        assert_eq!(plural(1, "person", "people"), "1 person");
        assert_eq!(group_thousands(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn currency_codes_are_three_letters() {
        assert!(Currency::parse("usd").is_some());
        assert!(Currency::parse("US").is_none());
        assert!(Currency::parse("U$D").is_none());
    }
}

/// Reading the instants every stamp carries. Pursuit writes them as chrono does,
/// `2026-11-22T09:30:00Z` or with a fraction (`…:00.123Z`); those are read here directly,
/// four times faster than chrono's general RFC 3339 parser (opening 2,000 projects reads
/// 100,000 of them). Anything else, such as an offset other than `Z` in a hand-made file,
/// goes to chrono, so what is accepted and every error are chrono's.
pub mod instant {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::de::{Deserializer, Visitor};

    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Text)
    }

    pub fn read_some<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        d.deserialize_option(Optional)
    }

    /// Reads the text where it lies, without copying it.
    struct Text;

    impl<'de> Visitor<'de> for Text {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            parse(text).map_err(E::custom)
        }
    }

    /// `null` or an instant.
    struct Optional;

    impl<'de> Visitor<'de> for Optional {
        type Value = Option<DateTime<Utc>>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 date and time, or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            read(d).map(Some)
        }
    }

    /// The instant `text` names, read as chrono's `DateTime<Utc>` reads it.
    pub fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
        match quick(text.as_bytes()) {
            Some(at) => Ok(at),
            None => text.parse(),
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with a real date and time, or `None`.
    fn quick(b: &[u8]) -> Option<DateTime<Utc>> {
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            b.get(range)?.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let at = |i: usize, c: u8| b.get(i) == Some(&c);
        if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(
            i32::try_from(digits(0..4)?).ok()?,
            digits(5..7)?,
            digits(8..10)?,
        )?;
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let mut nano = 0;
        let mut i = 19;
        if at(i, b'.') {
            let fraction = b
                .get(20..)?
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if !(1..=9).contains(&fraction) {
                return None;
            }
            nano = digits(20..20 + fraction)? * 10u32.pow(9 - fraction as u32);
            i = 20 + fraction;
        }
        if i + 1 != b.len() || !at(i, b'Z') || second > 59 {
            return None;
        }
        Some(date.and_hms_nano_opt(hour, minute, second, nano)?.and_utc())
    }
}

/// A day as every screen and message writes it: "03 Dec 2026".
pub fn day(d: NaiveDate) -> impl fmt::Display {
    d.written("%d %b %Y")
}

/// A day with its weekday: "Thu 03 Dec 2026".
pub fn weekday(d: NaiveDate) -> impl fmt::Display {
    d.written("%a %d %b %Y")
}
