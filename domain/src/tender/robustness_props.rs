//! Property tests of the robustness analysis (the hand-computed examples are in robustness_tests.rs).

use super::*;
use proptest::prelude::*;

const IDS: [&str; 5] = ["A", "B", "C", "D", "E"];

/// A BPKV tender: 1-3 criteria, integer weights that add up to 100 (price first), scales 5 or 10 with
/// whole scores, 2-5 offers priced from EUR 10,000 to 1,000,000, relative or absolute price scoring.
fn bpkv_tender() -> impl Strategy<Value = Tender> {
    (1usize..=3, 2usize..=5, any::<bool>(), 0i64..=40, 10i64..=80)
        .prop_flat_map(|(k, n, relative, min, span)| {
            let cuts = proptest::collection::vec(0u32..=100, k);
            let scales = proptest::collection::vec(prop_oneof![Just(5u32), Just(10u32)], k);
            let offers = proptest::collection::vec((1i64..=100, proptest::collection::vec(0u32..=10, k)), n);
            (Just(relative), Just(min), Just(span), cuts, scales, offers)
        })
        .prop_map(|(relative, min, span, mut cuts, scales, offers)| {
            cuts.sort_unstable();
            let mut weights = Vec::new();
            let mut previous = 0;
            for c in cuts.iter().chain([100].iter()) {
                weights.push(f64::from(c - previous));
                previous = *c;
            }
            let criteria: Vec<Criterion> = scales
                .iter()
                .enumerate()
                .map(|(i, s)| crit(&format!("k{i}"), weights[i + 1], f64::from(*s), 0))
                .collect();
            let offers = offers
                .iter()
                .zip(IDS)
                .map(|((price, scores), id)| {
                    let s: Vec<(&str, f64)> = criteria
                        .iter()
                        .zip(scores)
                        .map(|(c, s)| (c.id.as_str(), f64::from(*s).min(c.scale_max)))
                        .collect();
                    offer(id, price * 1_000_000, &s)
                })
                .collect();
            let method = if relative {
                AwardMethod::BpkvRelative
            } else {
                AwardMethod::BpkvAbsolute { min_cents: min * 1_000_000, max_cents: (min + span) * 1_000_000 }
            };
            Tender { method, price_weight: weights[0], criteria, offers }
        })
}

/// A small tender for gunnen op waarde: values up to EUR 3, prices around EUR 10, scales 3, 4 or 10 (so
/// that fictive prices have fractions of cents to round down).
fn value_tender() -> impl Strategy<Value = Tender> {
    (1usize..=2, 2usize..=4)
        .prop_flat_map(|(k, n)| {
            let criteria = proptest::collection::vec((prop_oneof![Just(3u32), Just(4u32), Just(10u32)], 0i64..=300), k);
            let offers = proptest::collection::vec((900i64..=1_100, proptest::collection::vec(0u32..=10, k)), n);
            (criteria, offers)
        })
        .prop_map(|(criteria, offers)| {
            let criteria: Vec<Criterion> =
                criteria.iter().enumerate().map(|(i, (s, v))| crit(&format!("k{i}"), 0.0, f64::from(*s), *v)).collect();
            let offers = offers
                .iter()
                .zip(IDS)
                .map(|((price, scores), id)| {
                    let s: Vec<(&str, f64)> = criteria
                        .iter()
                        .zip(scores)
                        .map(|(c, s)| (c.id.as_str(), f64::from(*s).min(c.scale_max)))
                        .collect();
                    offer(id, *price, &s)
                })
                .collect();
            Tender { method: AwardMethod::Value, price_weight: 0.0, criteria, offers }
        })
}

fn weights(t: &Tender) -> Vec<f64> {
    std::iter::once(t.price_weight).chain(t.criteria.iter().map(|c| c.weight)).collect()
}

/// Weight `j` (0 = price) moved to `x`, the others rescaled proportionally.
fn moved(t: &Tender, j: usize, x: f64) -> Tender {
    let w = weights(t);
    let total: f64 = w.iter().sum();
    let k = (total - x) / (total - w[j]);
    let at = |i: usize| if i == j { x } else { w[i] * k };
    let mut out = t.clone();
    out.price_weight = at(0);
    out.criteria.iter_mut().enumerate().for_each(|(i, c)| c.weight = at(i + 1));
    out
}

fn winner(t: &Tender) -> Option<String> {
    score(t).winner().map(|w| w.id.clone())
}

fn within_weights(t: &Tender) -> bool {
    let quality: f64 = t.criteria.iter().map(|c| c.weight).sum();
    let total = t.price_weight + quality;
    score(t).offers.iter().all(|o| {
        (-1e-9..=t.price_weight + 1e-9).contains(&o.price_points)
            && (-1e-9..=quality + 1e-9).contains(&o.quality_points)
            && (-1e-9..=total + 1e-9).contains(&o.total_points)
    })
}

proptest! {
    #[test]
    fn scores_stay_within_the_total_weight(t in bpkv_tender()) {
        prop_assert!(within_weights(&t));
    }

    #[test]
    fn moving_a_weight_by_less_than_its_margin_keeps_the_winner(
        t in bpkv_tender(), f in 0.0f64..0.999, g in 0.0f64..=1.0,
    ) {
        let w = weights(&t);
        let total: f64 = w.iter().sum();
        let before = winner(&t);
        for (j, m) in weight_margins(&t).iter().enumerate() {
            if total - w[j] <= 0.0 {
                continue;
            }
            // Strictly less than the margin, or anywhere in the range when there is none.
            let down = m.down.map_or(w[j] * (1.0 - g), |d| w[j] - f * d);
            let up = m.up.map_or(w[j] + g * (total - w[j]), |u| w[j] + f * u);
            for x in [down, up] {
                let t2 = moved(&t, j, x);
                prop_assert!(within_weights(&t2));
                prop_assert_eq!(winner(&t2), before.clone(), "{} to {} ({:?})", m.criterion, x, m);
            }
        }
    }

    #[test]
    fn moving_a_weight_past_its_margin_changes_the_winner(t in bpkv_tender(), g in 0.05f64..=1.0) {
        let w = weights(&t);
        let total: f64 = w.iter().sum();
        let before = winner(&t);
        for (j, m) in weight_margins(&t).iter().enumerate() {
            let beyond = |margin: f64, room: f64| (room - margin > 1e-3).then_some(margin + g * (room - margin));
            let targets = [
                m.down.and_then(|d| beyond(d, w[j])).map(|d| w[j] - d),
                m.up.and_then(|u| beyond(u, total - w[j])).map(|u| w[j] + u),
            ];
            for x in targets.into_iter().flatten() {
                prop_assert_ne!(winner(&moved(&t, j, x)), before.clone(), "{} to {} ({:?})", m.criterion, x, m);
            }
        }
    }

    #[test]
    fn the_analysis_does_not_depend_on_the_order_of_the_offers(
        (t, shuffled) in prop_oneof![bpkv_tender(), value_tender()]
            .prop_flat_map(|t| (Just(t.clone()), Just(t.offers).prop_shuffle())),
    ) {
        let other = Tender { offers: shuffled, ..t.clone() };
        let ids = |t: &Tender| score(t).offers.into_iter().map(|o| o.id).collect::<Vec<_>>();
        prop_assert_eq!(ids(&t), ids(&other));
        prop_assert_eq!(weight_margins(&t), weight_margins(&other));
        prop_assert_eq!(rank_reversals(&t), rank_reversals(&other));
    }

    #[test]
    fn only_relative_price_scoring_reverses_ranks(t in prop_oneof![bpkv_tender(), value_tender()]) {
        if t.method != AwardMethod::BpkvRelative {
            prop_assert_eq!(rank_reversals(&t), vec![]);
        }
        for r in rank_reversals(&t) {
            let mut sorted = r.before.clone();
            sorted.sort();
            let mut after = r.after.clone();
            after.sort();
            prop_assert_eq!(sorted, after, "the same offers, in another order");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Trying every whole cent: the margin is the first one at which another offer wins.
    #[test]
    fn value_margins_are_the_first_cent_where_the_winner_changes(t in value_tender()) {
        const WINDOW: i64 = 400;
        let before = winner(&t);
        for (j, m) in weight_margins(&t).iter().enumerate() {
            let value = t.criteria[j].value_cents;
            let changes = |s: i64, up: bool| {
                let mut t2 = t.clone();
                t2.criteria[j].value_cents = if up { value + s } else { value - s };
                winner(&t2) != before
            };
            let cents = |margin: Option<f64>| margin.map(|e| (e * 100.0).round() as i64);
            let first_down = (1..=value).find(|s| changes(*s, false));
            prop_assert_eq!(cents(m.down), first_down, "{} down", m.criterion);
            let first_up = (1..=WINDOW).find(|s| changes(*s, true));
            match first_up {
                Some(s) => prop_assert_eq!(cents(m.up), Some(s), "{} up", m.criterion),
                None => prop_assert!(cents(m.up).is_none_or(|s| s > WINDOW), "{} up {:?}", m.criterion, m.up),
            }
        }
    }
}
