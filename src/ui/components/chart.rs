//! A small SVG bar chart with a title, axis labels and a table twin, so every chart can be
//! read by screen readers and copied as numbers.

use leptos::prelude::*;

/// One group of bars (one period or one stage) with its values per series and an optional
/// target marker.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub label: String,
    pub values: Vec<f64>,
    pub target: Option<f64>,
}

/// Bars side by side per group (or stacked when `stacked`), scaled to the largest value.
#[component]
pub fn BarChart(
    title: String,
    x_label: &'static str,
    y_label: &'static str,
    series: Vec<(&'static str, &'static str)>,
    groups: Vec<Group>,
    format: fn(f64) -> String,
    #[prop(optional)] stacked: bool,
) -> impl IntoView {
    let (w, h) = (560.0, 240.0);
    let (left, bottom, top) = (64.0, 40.0, 14.0);
    let plot_h = h - bottom - top;
    let max = groups
        .iter()
        .map(|g| {
            let bars = if stacked {
                g.values.iter().sum()
            } else {
                g.values.iter().copied().fold(0.0, f64::max)
            };
            bars.max(g.target.unwrap_or(0.0))
        })
        .fold(0.0, f64::max);
    let max = nice_max(max);
    let slot = (w - left - 10.0) / groups.len().max(1) as f64;
    let bar_w = if stacked {
        slot * 0.55
    } else {
        slot * 0.7 / series.len().max(1) as f64
    };
    let y = move |v: f64| top + plot_h - v / max * plot_h;
    let id = format!("chart-{}", title.len() * 7 + groups.len());
    let headers: Vec<&'static str> = series.iter().map(|(name, _)| *name).collect();
    let has_target = groups.iter().any(|g| g.target.is_some());
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby=id.clone() class="chart-svg">
                <title id=id.clone()>{title.clone()}</title>
                {(0..=4).map(|i| {
                    let v = max * i as f64 / 4.0;
                    view! {
                        <g class="grid">
                            <line x1=left x2=w - 6.0 y1=y(v) y2=y(v) />
                            <text x=left - 6.0 y=y(v) + 4.0 text-anchor="end">{format(v)}</text>
                        </g>
                    }
                }).collect_view()}
                {groups.iter().enumerate().map(|(gi, g)| {
                    let x0 = left + slot * gi as f64 + (slot - if stacked { bar_w } else { bar_w * series.len() as f64 }) / 2.0;
                    let mut base = 0.0;
                    view! {
                        <g class="group">
                            {g.values.iter().enumerate().map(|(si, v)| {
                                let (x, y_top, height) = if stacked {
                                    let r = (x0, y(base + v), v / max * plot_h);
                                    base += v;
                                    r
                                } else {
                                    (x0 + bar_w * si as f64, y(*v), v / max * plot_h)
                                };
                                view! {
                                    <rect x=x y=y_top width=bar_w height=height.max(0.0) class=format!("bar {}", series[si].1)>
                                        <title>{format!("{}, {}: {}", g.label, series[si].0, format(*v))}</title>
                                    </rect>
                                }
                            }).collect_view()}
                            {g.target.map(|t| view! {
                                <line class="target-mark" x1=x0 - 6.0 x2=x0 + if stacked { bar_w } else { bar_w * series.len() as f64 } + 6.0 y1=y(t) y2=y(t)>
                                    <title>{format!("{} target: {}", g.label, format(t))}</title>
                                </line>
                            })}
                            <text class="x-tick" x=left + slot * gi as f64 + slot / 2.0 y=h - bottom + 16.0 text-anchor="middle">{g.label.clone()}</text>
                        </g>
                    }
                }).collect_view()}
                <text class="axis-label" x=left + (w - left) / 2.0 y=h - 4.0 text-anchor="middle">{x_label}</text>
                <text class="axis-label" transform=format!("translate(12 {}) rotate(-90)", top + plot_h / 2.0) text-anchor="middle">{y_label}</text>
            </svg>
            <figcaption class="legend">
                {series.iter().map(|(name, class)| view! { <span class=format!("swatch {class}")></span><span>{*name}</span> }).collect_view()}
                {has_target.then(|| view! { <span class="swatch target-swatch"></span><span>"Target"</span> })}
            </figcaption>
            <details class="chart-table">
                <summary>"Show as a table"</summary>
                <table class="data-table">
                    <caption class="visually-hidden">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{x_label}</th>
                            {headers.iter().map(|h| view! { <th scope="col" class="numeric">{*h}</th> }).collect_view()}
                            {has_target.then(|| view! { <th scope="col" class="numeric">"Target"</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {groups.into_iter().map(|g| view! {
                            <tr>
                                <th scope="row">{g.label}</th>
                                {g.values.into_iter().map(|v| view! { <td class="numeric">{format(v)}</td> }).collect_view()}
                                {has_target.then(|| view! { <td class="numeric">{g.target.map(format).unwrap_or_else(|| "—".into())}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// Rounds the axis maximum up so the four grid steps land on round numbers (whole numbers at
/// least, so a chart of counts never shows "0.25 deals").
fn nice_max(v: f64) -> f64 {
    let step = (v / 4.0).max(1.0);
    let magnitude = 10_f64.powf(step.log10().floor());
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= step)
        .unwrap_or(step);
    nice.max(1.0) * 4.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn axis_maxima_are_round() {
        for (v, expected) in [
            (0.0, 4.0),
            (1.0, 4.0),
            (3.0, 4.0),
            (5.0, 8.0),
            (480_000.0, 800_000.0),
            (900_000.0, 1_000_000.0),
            (37.0, 40.0),
        ] {
            assert_eq!(super::nice_max(v), expected, "{v}");
        }
    }
}
