//! How numbers read on every screen: money through `Money::display` (one formatter), shares
//! and ratios as whole percentages, "—" where a figure is undefined.

use crate::dates::Written;
use crate::model::{Currency, Money};

/// A share as a whole percentage ("78 %"), or "—" when undefined.
pub fn percent(r: Option<f64>) -> String {
    r.filter(|r| r.is_finite())
        .map(|r| {
            let whole = (r * 100.0).round();
            let sign = if whole < 0.0 { "-" } else { "" };
            // Clamped before the cast; a share beyond this is not a figure anyone reads.
            let abs = whole.abs().min(1e15) as u64;
            format!("{sign}{} %", crate::model::common::group_thousands(abs))
        })
        .unwrap_or_else(|| "—".into())
}

/// An amount in minor units of `currency`, as every screen shows money.
pub fn money(minor: i64, currency: &Currency) -> String {
    Money::new(minor, currency.clone()).display()
}

/// Days from `from` to `to` as "03 Dec" or "03 Dec – 09 Dec": every screen that shows when
/// a task is planned writes it this way.
pub fn date_span(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
    if from == to {
        from.written("%d %b").to_string()
    } else {
        format!("{} – {}", from.written("%d %b"), to.written("%d %b"))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_read_whole_and_grouped() {
        let cases = [
            (Some(0.403), "40 %"),
            (Some(1.2027), "120 %"),
            (Some(111.45), "11,145 %"),
            (Some(-1.0), "-100 %"),
            (Some(f64::NAN), "—"),
            (Some(f64::INFINITY), "—"),
            (None, "—"),
        ];
        for (r, text) in cases {
            assert_eq!(super::percent(r), text, "{r:?}");
        }
    }
}
