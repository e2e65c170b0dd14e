//! How numbers read on every screen: money through `Money::display` (one formatter), shares
//! and ratios as whole percentages, "—" where a figure is undefined.

use crate::model::{Currency, Money};

/// A share as a whole percentage ("78 %"), or "—" when undefined.
pub fn percent(r: Option<f64>) -> String {
    r.filter(|r| r.is_finite())
        .map(|r| format!("{:.0} %", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// An amount in minor units of `currency`, as every screen shows money.
pub fn money(minor: i64, currency: &Currency) -> String {
    Money::new(minor, currency.clone()).display()
}
