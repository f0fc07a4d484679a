//! How robust an award is (docs/PROCUREMENT.md, "Robustness"): how far each weight may move before
//! another offer wins, and whether withdrawing an offer changes the order of the others.
//!
//! Weight margins (BPKV). Moving the weight of one criterion (or of price) to `x`, with the other weights
//! rescaled proportionally so that the total stays the same (each other weight times
//! `(total - x) / (total - weight)`), makes every offer's total points linear in `x`: the points per unit
//! of weight (`score / scale_max`, and for price `P_min / P` or `(max - P) / (max - min)` clamped, which do
//! not depend on the weights) stay fixed. So the winner's lead over each rival is linear in `x`, and the
//! point where it is lost is the solution of a linear equation. The margin is the distance from the
//! current weight to the nearest such point, in percentage points, taking the tie rule of [`score`] into
//! account: a lead of at most 1e-9 point is a tie, won by the lower price and then the lower id. Moving a
//! weight by strictly less than its margin never changes the winner; moving it further, within the
//! range, always does.
//!
//! Value margins (gunnen op waarde). For each criterion, how far its value (the fictive discount at the
//! top score) may move, in euros, before the winner changes. Fictive prices are rounded down to whole
//! cents, so the exact point is found among whole cents: where the rounding cannot decide, the cents are
//! tried one by one (at most [`SCAN_LIMIT`] per rival; beyond that the margin is where the change first
//! becomes possible, a lower bound). The value may move from 0 up to [`MAX_AMOUNT_CENTS`].
//!
//! Rank reversal. With relative price scoring an offer's price points depend on the lowest price, so
//! withdrawing the cheapest offer can swap two others. [`rank_reversals`] removes each offer in turn.

use super::price::MAX_AMOUNT_CENTS;
use super::scoring::{lcm, micro, score, score_of, AwardMethod, Offer, Tender, TIE};
use serde::{Deserialize, Serialize};

/// The name of price in [`WeightMargin::criterion`].
pub const PRICE: &str = "prijs";

/// The most whole cents tried one by one per rival in a value margin.
pub const SCAN_LIMIT: i128 = 1 << 16;

/// How far one weight may move before the winner changes. BPKV: in percentage points of weight (the
/// weight can go from 0 up to the total of all weights, 100); gunnen op waarde: in euros of the
/// criterion's value. `None`: the winner stays the same over the whole range in that direction (also
/// when the weight cannot move at all: there is no winner, or the other weights are all 0 so they cannot
/// be rescaled).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightMargin {
    /// [`PRICE`] or the criterion's id.
    pub criterion: String,
    pub down: Option<f64>,
    pub up: Option<f64>,
}

/// Withdrawing `removed` changes the order of the other offers from `before` (their order in the full
/// ranking) to `after` (their ranking without it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankReversal {
    pub removed: String,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// The margins of price (BPKV only, first) and of each criterion in the tender's order.
pub fn weight_margins(t: &Tender) -> Vec<WeightMargin> {
    match t.method {
        AwardMethod::Value => value_margins(t),
        _ => bpkv_margins(t),
    }
}

/// For each offer, in rank order, whose withdrawal changes the order of the remaining offers.
pub fn rank_reversals(t: &Tender) -> Vec<RankReversal> {
    let full = score(t);
    full.offers
        .iter()
        .filter_map(|removed| {
            let rest =
                Tender { offers: t.offers.iter().filter(|o| o.id != removed.id).cloned().collect(), ..t.clone() };
            let before: Vec<String> = full.offers.iter().filter(|o| o.id != removed.id).map(|o| o.id.clone()).collect();
            let after: Vec<String> = score(&rest).offers.into_iter().map(|o| o.id).collect();
            (before != after).then(|| RankReversal { removed: removed.id.clone(), before, after })
        })
        .collect()
}

/// The index in `t.offers` of the winner by [`score`].
fn winner_index(t: &Tender) -> Option<usize> {
    let result = score(t);
    let id = &result.winner()?.id;
    t.offers.iter().position(|o| &o.id == id)
}

/// Whether `a` wins a tie against `b`: the lower price, then the lower id.
fn wins_tie(a: &Offer, b: &Offer) -> bool {
    (a.price_cents, &a.id) < (b.price_cents, &b.id)
}

/// Price points per point of price weight, as [`score`] gives them.
fn price_unit(method: AwardMethod, price: i64, lowest: i64) -> f64 {
    match method {
        AwardMethod::BpkvRelative if price > 0 => lowest as f64 / price as f64,
        AwardMethod::BpkvAbsolute { min_cents, max_cents } => {
            let unit = (max_cents as f64 - price as f64) / (max_cents as f64 - min_cents as f64);
            if unit.is_nan() {
                0.0
            } else {
                unit.clamp(0.0, 1.0)
            }
        }
        _ => 0.0,
    }
}

fn bpkv_margins(t: &Tender) -> Vec<WeightMargin> {
    let names: Vec<&str> = std::iter::once(PRICE).chain(t.criteria.iter().map(|c| c.id.as_str())).collect();
    let weights: Vec<f64> = std::iter::once(t.price_weight).chain(t.criteria.iter().map(|c| c.weight)).collect();
    let lowest = t.offers.iter().map(|o| o.price_cents).min().unwrap_or(0);
    // Points per unit of weight, per offer: price first, then the criteria.
    let units: Vec<Vec<f64>> = t
        .offers
        .iter()
        .map(|o| {
            let quality = t.criteria.iter().map(|c| if c.scale_max > 0.0 { score_of(o, c) / c.scale_max } else { 0.0 });
            std::iter::once(price_unit(t.method, o.price_cents, lowest)).chain(quality).collect()
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let winner = winner_index(t);
    let margin = |j: usize| -> (Option<f64>, Option<f64>) {
        let Some(w) = winner else { return (None, None) };
        let (wj, rest) = (weights[j], total - weights[j]);
        if rest <= 0.0 {
            return (None, None);
        }
        let (mut down, mut up): (Option<f64>, Option<f64>) = (None, None);
        for r in (0..t.offers.len()).filter(|r| *r != w) {
            // The winner's lead at weight wj + d: lead0 + slope x d, where
            // lead(x) = x x da + (total - x) / rest x dr  (dr: the lead on the other weights as they are).
            let da = units[w][j] - units[r][j];
            let dr: f64 =
                (0..weights.len()).filter(|i| *i != j).map(|i| weights[i] * (units[w][i] - units[r][i])).sum();
            let (lead0, slope) = (wj * da + dr, da - dr / rest);
            // The rival takes over at a lead of +TIE when it wins ties, below -TIE when it does not.
            let (threshold, inclusive) = if wins_tie(&t.offers[w], &t.offers[r]) { (-TIE, false) } else { (TIE, true) };
            let gap = (lead0 - threshold).max(0.0);
            let (slot, room, distance) = if slope < 0.0 {
                (&mut up, total - wj, gap / -slope)
            } else if slope > 0.0 {
                (&mut down, wj, gap / slope)
            } else {
                continue;
            };
            let within = if inclusive { distance <= room } else { distance < room };
            if within && slot.is_none_or(|m| distance < m) {
                *slot = Some(distance);
            }
        }
        (down, up)
    };
    names
        .iter()
        .enumerate()
        .map(|(j, name)| {
            let (down, up) = margin(j);
            WeightMargin { criterion: name.to_string(), down, up }
        })
        .collect()
}

/// A fictive price as a line in the number of cents `s` the value moves: `floor((a - s x b) / den)`.
#[derive(Clone, Copy)]
struct Line {
    a: i128,
    b: i128,
}

impl Line {
    fn at(self, s: i128, den: i128) -> Option<i128> {
        Some(self.a.checked_sub(s.checked_mul(self.b)?)?.div_euclid(den))
    }
}

fn value_margins(t: &Tender) -> Vec<WeightMargin> {
    // The exact arithmetic of the fictive price in `score`: over the common denominator of the scales.
    let scales: Vec<i128> = t.criteria.iter().map(|c| micro(c.scale_max).max(1)).collect();
    let den: i128 = scales.iter().fold(1i128, |acc, s| lcm(acc, *s));
    // per[o][i]: the cents of fictive price (times den) per cent of criterion i's value.
    let per: Vec<Vec<i128>> = t
        .offers
        .iter()
        .map(|o| t.criteria.iter().zip(&scales).map(|(c, s)| micro(score_of(o, c)).saturating_mul(den / s)).collect())
        .collect();
    let base: Vec<Option<i128>> = t
        .offers
        .iter()
        .zip(&per)
        .map(|(o, p)| {
            t.criteria.iter().zip(p).try_fold(i128::from(o.price_cents).checked_mul(den)?, |acc, (c, m)| {
                acc.checked_sub(i128::from(c.value_cents).checked_mul(*m)?)
            })
        })
        .collect();
    let winner = winner_index(t);
    let first_change = |j: usize, up: bool| -> Option<i128> {
        let w = winner?;
        let value = i128::from(t.criteria[j].value_cents);
        let reach = if up { i128::from(MAX_AMOUNT_CENTS) - value } else { value };
        let line = |o: usize| Some(Line { a: base[o]?, b: if up { per[o][j] } else { -per[o][j] } });
        let lw = line(w)?;
        (0..t.offers.len())
            .filter(|r| *r != w)
            .filter_map(|r| {
                let c = if wins_tie(&t.offers[r], &t.offers[w]) { 0 } else { -1 };
                first_win(lw, line(r)?, den, c, reach)
            })
            .min()
    };
    t.criteria
        .iter()
        .enumerate()
        .map(|(j, c)| WeightMargin {
            criterion: c.id.clone(),
            down: first_change(j, false).map(|s| s as f64 / 100.0),
            up: first_change(j, true).map(|s| s as f64 / 100.0),
        })
        .collect()
}

/// The first `s` in `1..=reach` at which the rival's rounded fictive price minus the winner's is at most
/// `c` (0 when the rival wins ties, -1 when it does not), so that the rival ranks above the winner.
///
/// With `lead(s) = den x (exact rival price - exact winner price) = g - s x h`, the difference of the
/// rounded prices is `floor(lead / den)` or one more. So the rival cannot win while `lead >= (c + 1) den`,
/// surely wins once `lead < c den`, and in between whole cents are tried. With `h = 0` the lead is
/// constant and the rounded difference repeats with period `den / gcd(b, den)`.
fn first_win(w: Line, r: Line, den: i128, c: i128, reach: i128) -> Option<i128> {
    let (g, h) = (r.a.checked_sub(w.a)?, r.b.checked_sub(w.b)?);
    let (possible, sure) = (c.checked_add(1)?.checked_mul(den)?, c.checked_mul(den)?);
    let (start, end, certain) = if h > 0 {
        let start = (g.checked_sub(possible)?.div_euclid(h) + 1).max(1);
        let certain = (g.checked_sub(sure)?.div_euclid(h) + 1).max(1);
        (start, certain - 1, Some(certain))
    } else if h < 0 {
        // The last s with g - s h < possible: s < (possible - g) / -h.
        let span = possible.checked_sub(g)?;
        (1, (span + (-h) - 1).div_euclid(-h) - 1, None)
    } else if g >= possible {
        return None;
    } else {
        let step = w.b.rem_euclid(den);
        (1, if step == 0 { 1 } else { den / gcd(step, den) }, None)
    };
    let last = end.min(reach);
    let mut s = start;
    while s <= last {
        if s - start >= SCAN_LIMIT {
            return Some(s);
        }
        if r.at(s, den)? - w.at(s, den)? <= c {
            return Some(s);
        }
        s += 1;
    }
    certain.filter(|s| *s <= reach)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
#[path = "robustness_tests.rs"]
mod tests;
