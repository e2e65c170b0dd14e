//! Prints the sample workspace's workload for the next 12 weeks (planned / capacity hours per
//! member and week), for a look at what the Workload screen shows.
//!
//!     cargo run --example workload_peek

fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let now = today.and_hms_opt(9, 0, 0).unwrap().and_utc();
    let ws = pursuit::sample::sample_workspace(
        now,
        today,
        &mut pursuit::model::SequentialIds::default(),
    );
    let load = pursuit::engine::workload::workload(&ws, today, 12);
    for (m, cells) in &load.members {
        let name = ws.member_name(Some(*m));
        let row: Vec<String> = cells
            .iter()
            .map(|c| {
                format!(
                    "{:>3.0}/{:<3.0}{}",
                    c.planned,
                    c.capacity,
                    if c.over() { "!" } else { " " }
                )
            })
            .collect();
        println!("{name:<18} {}", row.join(" "));
    }
}
