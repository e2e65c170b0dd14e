//! Form drafts: what a person has typed, and the rules that turn it into valid input.
//!
//! A draft keeps text exactly as typed so a form can show it back; `check` returns either
//! the typed input a command accepts or every problem, keyed by field, in words fit to show
//! next to that field. Nothing is saved until `check` succeeds.

use crate::dates::Written;
use crate::model::common::group_thousands;
use crate::model::limits;
use chrono::NaiveDate;

/// Problems with a form, each tied to the field it belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// The first message for a field, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(f, _)| *f)
    }

    pub(crate) fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

pub(crate) fn required_text(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        errors.add(field, format!("Enter a {what}."));
    } else if trimmed.chars().count() > limits::NAME_CHARS {
        errors.add(
            field,
            format!("Keep the {what} under {} characters.", limits::NAME_CHARS),
        );
    }
    trimmed.to_string()
}

/// Optional text, trimmed; longer than `max` characters is a problem for that field.
pub(crate) fn optional_text(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
    max: usize,
) -> String {
    let trimmed = text.trim();
    if trimmed.chars().count() > max {
        errors.add(
            field,
            format!(
                "Keep the {what} under {} characters (it has {}).",
                group_thousands(max as u64),
                group_thousands(trimmed.chars().count() as u64)
            ),
        );
    }
    trimmed.to_string()
}

pub(crate) fn parse_date(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    required: bool,
) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            errors.add(field, "Choose a date.");
        }
        return None;
    }
    match crate::dates::parse_day(text) {
        Some(date) if limits::date_in_range(date) => Some(date),
        Some(date) => {
            errors.add(
                field,
                format!(
                    "{date} is outside the dates Pursuit accepts ({} to {}).",
                    limits::EARLIEST_DATE,
                    limits::LATEST_DATE
                ),
            );
            None
        }
        None => {
            errors.add(
                field,
                format!("{text:?} is not a calendar date; enter one as YYYY-MM-DD."),
            );
            None
        }
    }
}

/// A whole number typed in a form (empty is 0), at most `max`.
pub(crate) fn count(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
    max: u32,
) -> u32 {
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            errors.add(
                field,
                format!("Enter the {what} as a whole number from 0 to {max}."),
            );
            0
        }
    }
}

/// A count for a form field: empty for 0.
pub(crate) fn count_text(n: u32) -> String {
    if n == 0 {
        String::new()
    } else {
        n.to_string()
    }
}

pub(crate) fn score_1_to_5(
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
    what: &str,
) -> u8 {
    match text.trim().parse::<u8>() {
        Ok(v) if (1..=5).contains(&v) => v,
        _ => {
            errors.add(field, format!("Score the {what} from 1 (low) to 5 (high)."));
            1
        }
    }
}

/// Formats an optional date for a date input.
pub fn date_text(date: Option<NaiveDate>) -> String {
    date.map(|d| d.written("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn day(s: &str) -> NaiveDate {
        crate::dates::parse_day(s).unwrap()
    }

    fn valid() -> ProjectDraft {
        let mut d = ProjectDraft::blank(&Currency::default(), None, day("2026-11-22"));
        d.name = "Acme ERP rollout".into();
        d.value = "120,000".into();
        d
    }

    /// One table of (change to a valid draft, field expected to complain).
    #[test]
    fn project_form_rejects_each_bad_field_with_a_message() {
        type Edit = fn(&mut ProjectDraft);
        let cases: &[(&str, Edit, &str)] = &[
            ("empty name", |d| d.name = "   ".into(), "name"),
            (
                "probability 140",
                |d| d.probability = "140".into(),
                "probability",
            ),
            (
                "probability text",
                |d| d.probability = "likely".into(),
                "probability",
            ),
            ("negative value", |d| d.value = "-5".into(), "value"),
            ("value text", |d| d.value = "lots".into(), "value"),
            (
                "target before start",
                |d| d.target_date = "2026-11-01".into(),
                "target_date",
            ),
            ("missing start", |d| d.start_date = "".into(), "start_date"),
            ("bad currency", |d| d.currency = "EURO".into(), "currency"),
        ];
        for (what, edit, field) in cases {
            let mut draft = valid();
            edit(&mut draft);
            let errors = draft.check().expect_err(what);
            assert!(
                errors.get(field).is_some(),
                "{what}: expected a message on {field}, got {errors:?}"
            );
            assert_eq!(
                errors.fields().count(),
                1,
                "{what}: only {field} should complain: {errors:?}"
            );
        }
    }

    #[test]
    fn a_client_longer_than_the_limit_is_a_field_error() {
        let mut draft = valid();
        draft.client = "x".repeat(limits::NAME_CHARS + 1);
        let errors = draft.check().unwrap_err();
        assert!(
            errors.get("client").is_some_and(|m| m.contains("201")),
            "{errors:?}"
        );
        draft.client = "x".repeat(limits::NAME_CHARS);
        assert!(draft.check().is_ok());
    }

    #[test]
    fn valid_project_draft_becomes_input() {
        let input = valid().check().unwrap();
        assert_eq!(input.value.minor, 12_000_000);
        assert_eq!(input.probability, 10);
        assert_eq!(input.name, "Acme ERP rollout");
    }

    #[test]
    fn task_and_member_forms_validate() {
        let mut task = TaskDraft::blank(None, None);
        assert!(task.check().unwrap_err().get("title").is_some());
        task.title = "Send proposal".into();
        task.estimate_hours = "-2".into();
        assert!(task.check().unwrap_err().get("estimate_hours").is_some());
        task.estimate_hours = "1.5".into();
        assert_eq!(task.check().unwrap().estimate_hours, 1.5);

        let mut member = MemberDraft::blank();
        member.name = "Ana".into();
        member.weekly_capacity_hours = "169".into();
        assert!(member
            .check()
            .unwrap_err()
            .get("weekly_capacity_hours")
            .is_some());
        member.weekly_capacity_hours = "32".into();
        member.email = "nope".into();
        assert!(member.check().unwrap_err().get("email").is_some());
    }
}

/// Whether a text reads as one e-mail address: something@something, no spaces, and none of
/// the characters that would split a list of recipients (`,` `;`).
pub fn plausible_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && !host.is_empty()
                && !host.contains('@')
                && !text
                    .chars()
                    .any(|c| c.is_whitespace() || c == ',' || c == ';')
        }
        None => false,
    }
}

/// An optional e-mail address as typed: trimmed, empty or plausible, at most
/// [`limits::EMAIL_CHARS`] characters.
pub fn email_text(errors: &mut FieldErrors, field: &'static str, text: &str) -> String {
    let email = text.trim().to_string();
    if !email.is_empty() && !plausible_email(&email) {
        errors.add(
            field,
            "Enter an email address such as ana@example.com, or leave it empty.",
        );
    } else if email.chars().count() > limits::EMAIL_CHARS {
        errors.add(
            field,
            format!(
                "An email address is at most {} characters.",
                limits::EMAIL_CHARS
            ),
        );
    }
    email
}

#[cfg(test)]
mod email_tests {
    use super::*;

    #[test]
    fn one_plausible_address_or_nothing() {
        for ok in ["ana@example.com", "o'neil+x@a.b"] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in [
            "",
            "ana",
            "@x",
            "ana@",
            "a b@x.y",
            "a@x.y, b@x.y",
            "a@b@c",
            "a@x;y",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
        let mut errors = FieldErrors::default();
        assert_eq!(
            email_text(&mut errors, "email", "  ana@example.com "),
            "ana@example.com"
        );
        assert!(errors.get("email").is_none());
        email_text(&mut errors, "email", "anna at acme");
        assert!(errors.get("email").is_some());
    }
}
