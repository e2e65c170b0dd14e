//! The chance of hitting a target: a Monte Carlo simulation of the open deals of a period.
//!
//! Each trial decides every open deal once: it counts when it is won (its win probability)
//! and does not slip out of the period (its slip probability, for deals the health engine
//! flags); money already won counts in every trial. The result is the share of trials whose
//! won value reaches the target, the P10 / P50 / P90 of won value (nearest rank), a
//! histogram, and for each deal the chance if it is won against if it is lost — the deals
//! that decide the period. Definitions: `docs/metrics.md`.
//!
//! The simulation is a pure function of its input and a seed. Every trial draws one number
//! per deal in a fixed order, whatever the probabilities, so two runs that differ in one
//! deal's probability see the same draws: raising a probability can only add wins, and the
//! chance never goes down (the property tests rely on it).

/// One open deal as the simulation sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Deal<K> {
    pub key: K,
    /// Its value in minor units (negative values count as zero).
    pub value: i64,
    /// The chance it is won, 0–1.
    pub win: f64,
    /// The chance it slips out of the period even if won, 0–1.
    pub slip: f64,
}

impl<K> Deal<K> {
    /// The chance it counts in the period: won and not slipped.
    pub fn counts(&self) -> f64 {
        clamp01(self.win) * (1.0 - clamp01(self.slip))
    }
}

fn clamp01(p: f64) -> f64 {
    if p.is_nan() {
        0.0
    } else {
        p.clamp(0.0, 1.0)
    }
}

/// What is simulated: the money already won, the open deals and the target.
#[derive(Clone, Debug, PartialEq)]
pub struct Question<K> {
    pub won: i64,
    pub deals: Vec<Deal<K>>,
    pub target: i64,
}

/// One bar of the histogram: trials whose won value lies in `from..to` (the last bar
/// includes `to`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub from: i64,
    pub to: i64,
    pub trials: u32,
}

/// How one deal moves the chance.
#[derive(Clone, Debug, PartialEq)]
pub struct Decider<K> {
    pub key: K,
    /// The chance of hitting the target if this deal is won (and counts in the period).
    pub if_won: f64,
    /// The chance if it is lost (or slips).
    pub if_lost: f64,
}

impl<K> Decider<K> {
    pub fn swing(&self) -> f64 {
        self.if_won - self.if_lost
    }
}

/// The simulation's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Answer<K> {
    pub trials: u32,
    /// The target the chance is of.
    pub target: i64,
    /// The share of trials reaching the target, 0–1.
    pub chance: f64,
    pub p10: i64,
    pub p50: i64,
    pub p90: i64,
    pub histogram: Vec<Bar>,
    /// Every deal, the largest swing first.
    pub deciders: Vec<Decider<K>>,
}

/// Bars in the histogram.
pub const BARS: usize = 20;

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same draws on
/// every platform.
#[derive(Clone, Debug)]
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // 53 random bits as a number in [0, 1).
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Runs `trials` trials (at least one) with `seed`.
pub fn simulate<K: Clone>(question: &Question<K>, trials: u32, seed: u64) -> Answer<K> {
    simulate_with(question, trials, seed, true)
}

/// [`simulate`], leaving out the deals that decide it (`deciders` false: the list comes back
/// empty, in about half the time). The draws are the same, so the chance and percentiles are
/// too.
pub fn simulate_with<K: Clone>(
    question: &Question<K>,
    trials: u32,
    seed: u64,
    deciders: bool,
) -> Answer<K> {
    Run::new(question.clone(), trials, seed, deciders).answer()
}

/// A simulation run a slice of trials at a time, so the app can work it out between frames
/// and stay responsive (10,000 trials of 2,500 open deals take most of a second). The trials
/// draw in the same order however they are sliced, so the answer is [`simulate_with`]'s.
#[derive(Clone, Debug)]
pub struct Run<K> {
    question: Question<K>,
    trials: u32,
    deciders: bool,
    values: Vec<i64>,
    counts: Vec<f64>,
    draws: Draws,
    /// Won value of each trial run so far.
    totals: Vec<i64>,
    /// Per deal: trials reaching the target with it won, and with it lost.
    hit_if_won: Vec<u32>,
    hit_if_lost: Vec<u32>,
    won: Vec<bool>,
}

impl<K: Clone> Run<K> {
    /// A run of `trials` trials (at least one) with `seed`, none run yet.
    pub fn new(question: Question<K>, trials: u32, seed: u64, deciders: bool) -> Self {
        let trials = trials.max(1);
        let n = question.deals.len();
        Self {
            values: question.deals.iter().map(|d| d.value.max(0)).collect(),
            counts: question.deals.iter().map(Deal::counts).collect(),
            question,
            trials,
            deciders,
            draws: Draws(seed),
            totals: Vec::with_capacity(trials as usize),
            hit_if_won: vec![0; n],
            hit_if_lost: vec![0; n],
            won: vec![false; n],
        }
    }

    /// Trials run so far and in all.
    pub fn progress(&self) -> (u32, u32) {
        (self.totals.len() as u32, self.trials)
    }

    /// Runs up to `more` further trials; true when every trial has run.
    pub fn step(&mut self, more: u32) -> bool {
        let q = &self.question;
        let n = q.deals.len();
        let left = self.trials - self.totals.len() as u32;
        for _ in 0..more.min(left) {
            let mut total = q.won;
            for i in 0..n {
                self.won[i] = self.draws.next() < self.counts[i];
                if self.won[i] {
                    total = total.saturating_add(self.values[i]);
                }
            }
            for i in (0..n).filter(|_| self.deciders) {
                let (with, without) = if self.won[i] {
                    (total, total.saturating_sub(self.values[i]))
                } else {
                    (total.saturating_add(self.values[i]), total)
                };
                self.hit_if_won[i] += u32::from(with >= q.target);
                self.hit_if_lost[i] += u32::from(without >= q.target);
            }
            self.totals.push(total);
        }
        self.totals.len() as u32 == self.trials
    }

    /// The answer, running whatever trials are left first.
    pub fn answer(mut self) -> Answer<K> {
        self.step(u32::MAX);
        let trials = self.trials;
        let target = self.question.target;
        let mut totals = self.totals;
        let hits = totals.iter().filter(|t| **t >= target).count();
        crate::sorting::sort(&mut totals);
        let share = |k: u32| f64::from(k) / f64::from(trials);
        let (hit_if_won, hit_if_lost) = (&self.hit_if_won, &self.hit_if_lost);
        let mut deciders: Vec<Decider<K>> = self
            .question
            .deals
            .iter()
            .enumerate()
            .filter(|_| self.deciders)
            .map(|(i, d)| Decider {
                key: d.key.clone(),
                if_won: share(hit_if_won[i]),
                if_lost: share(hit_if_lost[i]),
            })
            .collect();
        crate::sorting::sort_by(&mut deciders, |a, b| b.swing().total_cmp(&a.swing()));
        Answer {
            trials,
            target,
            chance: hits as f64 / f64::from(trials),
            p10: percentile(&totals, 10),
            p50: percentile(&totals, 50),
            p90: percentile(&totals, 90),
            histogram: histogram(&totals),
            deciders,
        }
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `k` % of
/// the values at or below it.
pub fn percentile(sorted: &[i64], k: u32) -> i64 {
    if sorted.is_empty() {
        return 0;
    }
    let n = sorted.len();
    let rank = (n * k.min(100) as usize).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn histogram(sorted: &[i64]) -> Vec<Bar> {
    let (Some(&low), Some(&high)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    let span = (high as i128 - low as i128).max(0);
    let width = (span / BARS as i128 + 1).max(1);
    let mut bars: Vec<Bar> = (0..BARS as i128)
        .map(|b| Bar {
            from: (low as i128 + b * width).min(i64::MAX as i128) as i64,
            to: (low as i128 + (b + 1) * width).min(i64::MAX as i128) as i64,
            trials: 0,
        })
        .collect();
    for &t in sorted {
        let b = ((t as i128 - low as i128) / width).clamp(0, BARS as i128 - 1) as usize;
        bars[b].trials += 1;
    }
    // Trailing empty bars say nothing.
    while bars.last().is_some_and(|b| b.trials == 0) {
        bars.pop();
    }
    bars
}

/// The exact chance of reaching the target, by adding up every combination of outcomes
/// (dynamic programming over the distinct totals). Exponential in the worst case: for tests
/// and small portfolios only.
pub fn exact_chance<K>(question: &Question<K>) -> f64 {
    use std::collections::BTreeMap;
    let mut totals: BTreeMap<i64, f64> = BTreeMap::from([(question.won, 1.0)]);
    for d in &question.deals {
        let p = d.counts();
        let mut next = BTreeMap::new();
        for (&t, &q) in &totals {
            *next.entry(t.saturating_add(d.value.max(0))).or_insert(0.0) += q * p;
            *next.entry(t).or_insert(0.0) += q * (1.0 - p);
        }
        totals = next;
    }
    totals
        .iter()
        .filter(|(t, _)| **t >= question.target)
        .map(|(_, q)| q)
        .sum()
}

/// A seed from the question itself (FNV-1a over the salt, the target, the money won and each
/// deal's value and probabilities, in order), so the same data shows the same numbers and
/// any change draws afresh.
pub fn seed_of<K>(question: &Question<K>, salt: u64) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    let mut eat = |x: u64| {
        for b in x.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01B3);
        }
    };
    eat(salt);
    eat(question.won as u64);
    eat(question.target as u64);
    for d in &question.deals {
        eat(d.value as u64);
        eat(d.win.to_bits());
        eat(d.slip.to_bits());
    }
    h
}

/// Trials the app runs for a period.
pub const TRIALS: u32 = 10_000;

/// The chance of reaching a period's revenue target, for the team (`owner` None) or one
/// member: money won in the period, and its open deals in the workspace currency, each
/// counting with its probability and, when the health check flags it, the settings' chance
/// of slipping. `None` when the period has no target.
pub fn for_period(
    ws: &crate::model::Workspace,
    period: crate::model::Period,
    owner: Option<crate::model::MemberId>,
    today: chrono::NaiveDate,
) -> Option<Answer<crate::model::ProjectId>> {
    use crate::engine::health::{health_with, HealthStatus};
    let cycles = crate::engine::cycle::cycles(ws);
    let flagged = |p: &crate::model::Project| {
        health_with(ws, p, today, &cycles).is_some_and(|h| h.status != HealthStatus::OnTrack)
    };
    let (question, seed) = question_for_period(ws, period, owner, today, &flagged)?;
    Some(simulate(&question, TRIALS, seed))
}

/// What [`for_period`] simulates, and its seed, with the health check's verdict given by
/// `flagged` (for a caller that has already checked every project).
pub fn question_for_period(
    ws: &crate::model::Workspace,
    period: crate::model::Period,
    owner: Option<crate::model::MemberId>,
    today: chrono::NaiveDate,
    flagged: &dyn Fn(&crate::model::Project) -> bool,
) -> Option<(Question<crate::model::ProjectId>, u64)> {
    use crate::engine::forecast::{forecast_of, period_day};
    use crate::engine::periods::contains;
    let forecast = forecast_of(ws, period, today, owner);
    let target = forecast.target?;
    let slip = f64::from(ws.settings.health.flagged_slip_percent.min(100)) / 100.0;
    let deals = ws
        .live_projects()
        .filter(|p| p.status.is_open() && p.value.currency == ws.settings.currency)
        .filter(|p| owner.is_none() || p.owner == owner)
        .filter(|p| contains(period, period_day(p)))
        .map(|p| Deal {
            key: p.id,
            value: p.value.minor,
            win: f64::from(p.probability.min(100)) / 100.0,
            slip: if flagged(p) { slip } else { 0.0 },
        })
        .collect();
    let question = Question {
        won: forecast.won,
        deals,
        target,
    };
    let salt = period
        .start
        .to_string()
        .bytes()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    let seed = seed_of(&question, salt);
    Some((question, seed))
}
