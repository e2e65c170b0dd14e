//! Portfolio intake: how a proposed project is scored against the workspace's own criteria,
//! and the decisions taken on it (approve, put on hold, reject) — each with a reason, a
//! date and who decided, kept as a governance log — possibly in a portfolio review.

use serde::{Deserialize, Serialize};

/// One scoring criterion: a weight and a 1–5 scale with a meaning for each level. Where
/// more is worse (resources needed, risk) it is `inverse`: a 5 counts as 1 (see
/// `metrics.md`, portfolio score).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable key scores are stored under (kept when the name changes).
    pub key: String,
    pub name: String,
    /// Relative weight, 0–100.
    pub weight: u32,
    #[serde(default)]
    pub inverse: bool,
    /// What a score of 1, 2, 3, 4 and 5 means.
    pub levels: [String; 5],
}

fn criterion(key: &str, name: &str, weight: u32, inverse: bool, levels: [&str; 5]) -> Criterion {
    Criterion {
        key: key.into(),
        name: name.into(),
        weight,
        inverse,
        levels: levels.map(String::from),
    }
}

/// The criteria a new workspace scores by.
pub fn default_criteria() -> Vec<Criterion> {
    vec![
        criterion(
            "revenue",
            "Revenue potential",
            30,
            false,
            ["Under 25k", "25k–100k", "100k–250k", "250k–1M", "Over 1M"],
        ),
        criterion(
            "fit",
            "Strategic fit",
            25,
            false,
            [
                "Off strategy",
                "Adjacent",
                "Supports a focus area",
                "Core to a focus area",
                "Defines the strategy",
            ],
        ),
        criterion(
            "resources",
            "Resource requirements",
            20,
            true,
            [
                "One person, days",
                "One person, weeks",
                "A small team, weeks",
                "A team, months",
                "Several teams, months",
            ],
        ),
        criterion(
            "risk",
            "Risk",
            15,
            true,
            ["Very low", "Low", "Moderate", "High", "Very high"],
        ),
        criterion(
            "customer",
            "Customer value",
            10,
            false,
            [
                "None visible",
                "Nice to have",
                "Solves a known pain",
                "Strong demand",
                "Customers asking now",
            ],
        ),
    ]
}

/// What is wrong with a set of criteria, in words for the settings form; empty when fine.
pub fn problems(criteria: &[Criterion]) -> Vec<String> {
    use crate::model::limits::{MAX_CRITERIA, MAX_CRITERION_WEIGHT, NAME_CHARS};
    let mut out = Vec::new();
    if criteria.len() > MAX_CRITERIA {
        out.push(format!("Score by at most {MAX_CRITERIA} criteria."));
    }
    if criteria.iter().map(|c| u64::from(c.weight)).sum::<u64>() == 0 {
        out.push("At least one criterion needs a weight above zero.".into());
    }
    let mut keys = std::collections::BTreeSet::new();
    for (i, c) in criteria.iter().enumerate() {
        let n = i + 1;
        if c.name.trim().is_empty() {
            out.push(format!("Criterion {n} needs a name."));
        }
        if c.key.trim().is_empty() || !keys.insert(c.key.as_str()) {
            out.push(format!("Criterion {n} (“{}”) needs its own key.", c.name));
        }
        if c.weight > MAX_CRITERION_WEIGHT {
            out.push(format!(
                "The weight of “{}” is {}; weights go from 0 to {MAX_CRITERION_WEIGHT}.",
                c.name, c.weight
            ));
        }
        if std::iter::once(&c.name)
            .chain(&c.levels)
            .any(|t| t.chars().count() > NAME_CHARS)
        {
            out.push(format!(
                "Keep the name and level meanings of “{}” under {NAME_CHARS} characters.",
                c.name
            ));
        }
    }
    out
}
