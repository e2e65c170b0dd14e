//! Goals and quotas of the team and of each member, per period.

use crate::model::common::Stamp;
use crate::model::ids::*;
use crate::model::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    FiscalYear,
}

/// A calendar period identified by its kind and first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub start: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "name")]
pub enum QuotaMetric {
    /// Value of projects won in the period, in minor units of the workspace currency.
    RevenueWon,
    NewClients,
    DealsWon,
    /// A metric the team tracks itself, with a manually entered actual.
    Custom(String),
}

/// A target for the team (`member_id` empty) or one member in one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    pub id: QuotaId,
    pub stamp: Stamp,
    #[serde(default)]
    pub member_id: Option<MemberId>,
    pub period: Period,
    pub metric: QuotaMetric,
    pub target: i64,
    /// The actual for custom metrics, entered by hand.
    #[serde(default)]
    pub manual_actual: Option<i64>,
}

impl Stamped for Quota {
    fn stamp(&self) -> &Stamp {
        &self.stamp
    }
}
