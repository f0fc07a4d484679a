//! The scoring rules. Points are compared exactly (differences below 1e-9 point are ties, which only
//! floating-point noise produces) and rounded only for display; fictive prices are exact integers.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How the award is decided; fixed before the offers are opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AwardMethod {
    /// BPKV, price points = price weight x lowest price / price.
    BpkvRelative,
    /// BPKV, price points = price weight x (max - price) / (max - min), clamped.
    BpkvAbsolute { min_cents: i64, max_cents: i64 },
    /// Gunnen op waarde: fictive price = price - quality value; the lowest wins.
    Value,
}

impl AwardMethod {
    /// The key used in files and the database.
    pub fn key(&self) -> &'static str {
        match self {
            AwardMethod::BpkvRelative => "bpkv-relative",
            AwardMethod::BpkvAbsolute { .. } => "bpkv-absolute",
            AwardMethod::Value => "value",
        }
    }
}

/// A quality criterion with its weight (points at the top score) and scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub weight: f64,
    pub scale_max: f64,
    /// Gunnen op waarde: the fictive discount in cents at the top score.
    pub value_cents: i64,
}

/// One offer: its total price over the contract term and a consensus score per criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    pub id: String,
    pub price_cents: i64,
    pub scores: BTreeMap<String, f64>,
}

/// A tender as scoring needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tender {
    pub method: AwardMethod,
    pub price_weight: f64,
    pub criteria: Vec<Criterion>,
    pub offers: Vec<Offer>,
}

/// One offer's result. Points are exact here; round for display with [`round2`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredOffer {
    pub id: String,
    pub rank: usize,
    pub price_cents: i64,
    pub price_points: f64,
    pub quality_points: f64,
    pub total_points: f64,
    pub fictive_price_cents: i64,
}

/// All offers in rank order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TenderResult {
    pub method: AwardMethod,
    pub offers: Vec<ScoredOffer>,
}

impl TenderResult {
    /// The offer ranked first.
    pub fn winner(&self) -> Option<&ScoredOffer> {
        self.offers.first()
    }
}

pub(super) const TIE: f64 = 1e-9;

/// Rounds points to 2 decimals for display (half away from zero, after removing floating-point noise).
pub fn round2(points: f64) -> f64 {
    let nudge = if points >= 0.0 { TIE } else { -TIE };
    ((points + nudge) * 100.0).round() / 100.0
}

pub(super) fn score_of(offer: &Offer, c: &Criterion) -> f64 {
    offer.scores.get(&c.id).copied().unwrap_or(0.0)
}

/// Quality points: the sum of weight x score / scale_max.
fn quality_points(t: &Tender, offer: &Offer) -> f64 {
    t.criteria.iter().filter(|c| c.scale_max > 0.0).map(|c| c.weight * score_of(offer, c) / c.scale_max).sum()
}

/// Scores in millionths, exact for the decimals people give (7.5, 6.25).
pub(super) fn micro(x: f64) -> i128 {
    (x * 1_000_000.0).round() as i128
}

/// price - sum of value_cents x score / scale_max, rounded down to whole cents, in exact arithmetic.
fn fictive_price(t: &Tender, offer: &Offer) -> i64 {
    // Each term is value x score_micro / (scale_micro); over a common denominator of all scales.
    let scales: Vec<i128> = t.criteria.iter().map(|c| micro(c.scale_max).max(1)).collect();
    let den: i128 = scales.iter().fold(1i128, |acc, s| lcm(acc, *s));
    let num: i128 = t
        .criteria
        .iter()
        .zip(&scales)
        .map(|(c, s)| i128::from(c.value_cents) * micro(score_of(offer, c)) * (den / s))
        .sum();
    let total = i128::from(offer.price_cents) * den - num;
    i64::try_from(total.div_euclid(den)).unwrap_or(i64::MIN)
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 {
        a.abs()
    } else {
        gcd(b, a % b)
    }
}

pub(super) fn lcm(a: i128, b: i128) -> i128 {
    (a / gcd(a, b)).saturating_mul(b)
}

fn price_points(t: &Tender, price: i64, lowest: i64) -> f64 {
    match t.method {
        AwardMethod::Value => 0.0,
        AwardMethod::BpkvRelative if price > 0 => t.price_weight * lowest as f64 / price as f64,
        AwardMethod::BpkvRelative => 0.0,
        AwardMethod::BpkvAbsolute { min_cents, max_cents } => {
            let span = (max_cents - min_cents) as f64;
            let raw = t.price_weight * (max_cents - price) as f64 / span;
            raw.clamp(0.0, t.price_weight)
        }
    }
}

fn cmp_points(a: f64, b: f64) -> Ordering {
    if (a - b).abs() <= TIE {
        Ordering::Equal
    } else {
        a.total_cmp(&b)
    }
}

/// Scores and ranks every offer. Ties: the lower price first, then the offer id in text order.
pub fn score(t: &Tender) -> TenderResult {
    let lowest = t.offers.iter().map(|o| o.price_cents).min().unwrap_or(0);
    let mut scored: Vec<ScoredOffer> = t
        .offers
        .iter()
        .map(|o| {
            let (price_points, quality_points, fictive) = match t.method {
                AwardMethod::Value => (0.0, 0.0, fictive_price(t, o)),
                _ => {
                    let q = quality_points(t, o);
                    (price_points(t, o.price_cents, lowest), q, o.price_cents)
                }
            };
            ScoredOffer {
                id: o.id.clone(),
                rank: 0,
                price_cents: o.price_cents,
                price_points,
                quality_points,
                total_points: price_points + quality_points,
                fictive_price_cents: fictive,
            }
        })
        .collect();
    scored.sort_by(|a, b| {
        let primary = match t.method {
            AwardMethod::Value => a.fictive_price_cents.cmp(&b.fictive_price_cents),
            _ => cmp_points(b.total_points, a.total_points),
        };
        primary.then(a.price_cents.cmp(&b.price_cents)).then_with(|| a.id.cmp(&b.id))
    });
    for (i, s) in scored.iter_mut().enumerate() {
        s.rank = i + 1;
    }
    TenderResult { method: t.method, offers: scored }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(id: &str, price: i64, scores: &[(&str, f64)]) -> Offer {
        Offer { id: id.into(), price_cents: price, scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect() }
    }

    fn crit(id: &str, weight: f64, scale: f64, value: i64) -> Criterion {
        Criterion { id: id.into(), weight, scale_max: scale, value_cents: value }
    }

    #[test]
    fn relative_price_points_follow_the_lowest_bid() {
        let t = Tender {
            method: AwardMethod::BpkvRelative,
            price_weight: 40.0,
            criteria: vec![crit("q", 60.0, 10.0, 0)],
            offers: vec![offer("A", 100, &[("q", 5.0)]), offer("B", 200, &[("q", 10.0)])],
        };
        let r = score(&t);
        let a = r.offers.iter().find(|o| o.id == "A").map(|o| (o.price_points, o.quality_points));
        assert_eq!(a, Some((40.0, 30.0)));
        assert_eq!(r.winner().map(|w| w.id.as_str()), Some("B"), "B: 20 + 60 = 80 beats A: 40 + 30 = 70");
    }

    #[test]
    fn equal_totals_go_to_the_lower_price_then_the_id() {
        let t = Tender {
            method: AwardMethod::BpkvAbsolute { min_cents: 0, max_cents: 300 },
            price_weight: 30.0,
            criteria: vec![crit("q", 70.0, 7.0, 0)],
            // A: 30 x 200/300 = 20 + 10 x 7/7... choose scores so totals tie exactly in reals.
            offers: vec![
                offer("B", 100, &[("q", 3.0)]),
                offer("A", 200, &[("q", 4.0)]),
                offer("C", 100, &[("q", 3.0)]),
            ],
        };
        let r = score(&t);
        let order: Vec<&str> = r.offers.iter().map(|o| o.id.as_str()).collect();
        // B and C: 20 + 30 = 50; A: 10 + 40 = 50. All tie: lower price first (B, C), then id.
        assert_eq!(order, ["B", "C", "A"]);
    }

    #[test]
    fn the_fictive_price_is_rounded_down_to_whole_cents() {
        let t = Tender {
            method: AwardMethod::Value,
            price_weight: 0.0,
            criteria: vec![crit("q", 0.0, 3.0, 100)],
            offers: vec![offer("A", 1000, &[("q", 1.0)])],
        };
        // 1000 - 100/3 = 966.67 -> 966.
        assert_eq!(score(&t).offers[0].fictive_price_cents, 966);
    }

    #[test]
    fn display_rounding_is_half_up_to_two_decimals() {
        assert_eq!(round2(26.666_666_666_666_668), 26.67);
        assert_eq!(round2(33.333_333_333_333_336), 33.33);
        assert_eq!(round2(0.125), 0.13);
        assert_eq!(round2(60.0), 60.0);
    }
}
