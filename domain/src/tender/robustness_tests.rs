//! Hand-computed weight and value margins and a rank reversal; the properties are in
//! robustness_props.rs.

use super::*;
use crate::tender::{Criterion, Offer};

pub(super) fn offer(id: &str, price: i64, scores: &[(&str, f64)]) -> Offer {
    Offer { id: id.into(), price_cents: price, scores: scores.iter().map(|(k, v)| (k.to_string(), *v)).collect() }
}

pub(super) fn crit(id: &str, weight: f64, scale: f64, value: i64) -> Criterion {
    Criterion { id: id.into(), weight, scale_max: scale, value_cents: value }
}

fn margins(t: &Tender) -> Vec<(String, Option<f64>, Option<f64>)> {
    weight_margins(t).into_iter().map(|m| (m.criterion, m.down, m.up)).collect()
}

fn close(actual: Option<f64>, expected: Option<f64>) -> bool {
    match (actual, expected) {
        (Some(a), Some(e)) => (a - e).abs() < 1e-6,
        (None, None) => true,
        _ => false,
    }
}

/// The tender of domain/tests/fixtures/tender/bpkv-absolute.json.
fn zaaksysteem() -> Tender {
    let s = |p: f64, i: f64, d: f64| [("plan-van-aanpak", p), ("implementatie", i), ("duurzaamheid", d)];
    Tender {
        method: AwardMethod::BpkvAbsolute { min_cents: 60_000_000, max_cents: 120_000_000 },
        price_weight: 40.0,
        criteria: vec![
            crit("plan-van-aanpak", 30.0, 10.0, 0),
            crit("implementatie", 20.0, 10.0, 0),
            crit("duurzaamheid", 10.0, 5.0, 0),
        ],
        offers: vec![
            offer("A", 80_000_000, &s(8.0, 6.0, 3.0)),
            offer("B", 70_000_000, &s(6.0, 7.0, 4.0)),
            offer("C", 125_000_000, &s(10.0, 10.0, 5.0)),
        ],
    }
}

#[test]
fn the_margins_of_the_worked_example() {
    // Points per unit of weight (price: (120M - P) / 60M, clamped; criteria: score / scale_max):
    //        price  plan  impl  duurz   total
    //   A    2/3    0.8   0.6   0.6     68.67
    //   B    5/6    0.6   0.7   0.8     73.33  (winner)
    //   C    0      1.0   1.0   1.0     60.00
    // Price weight to x, the criteria scaled by (100 - x) / 60 (quality points A 42, B 40, C 60):
    //   B - A = x/6 - (100 - x)/60 x 2   = (6x - 100)/30: zero at x = 16.67
    //   B - C = 5x/6 - (100 - x)/60 x 20 = (7x - 200)/6:  zero at x = 28.57 -> down 40 - 200/7 = 80/7
    //   both grow with x: up None.
    // Plan-van-aanpak to x, the others scaled by (100 - x)/70 (their points: A 44.67, B 55.33, C 30):
    //   B - A = -0.2x + (100 - x)/70 x 32/3: zero at 37x = 1600, x = 43.24 -> up 490/37 = 13.24
    //   B - C = -0.4x + (100 - x)/70 x 76/3: zero at 160x = 7600, x = 47.5
    // Implementatie to x, the others scaled by (100 - x)/80 (A 56.67, B 59.33, C 40):
    //   B - A = 0.1x + (100 - x)/80 x 8/3 > 0 everywhere
    //   B - C = -0.3x + (100 - x)/80 x 58/3: zero at 130x = 5800, x = 44.62 -> up 320/13 = 24.62
    // Duurzaamheid to x, the others scaled by (100 - x)/90 (A 62.67, B 65.33, C 50):
    //   B - A = 0.2x + (100 - x)/90 x 8/3 > 0 everywhere
    //   B - C = -0.2x + (100 - x)/90 x 46/3: zero at 100x = 4600, x = 46 -> up 36
    let m = margins(&zaaksysteem());
    let expected = [
        ("prijs", Some(80.0 / 7.0), None),
        ("plan-van-aanpak", None, Some(490.0 / 37.0)),
        ("implementatie", None, Some(320.0 / 13.0)),
        ("duurzaamheid", None, Some(36.0)),
    ];
    assert_eq!(m.len(), expected.len());
    for ((name, down, up), (e_name, e_down, e_up)) in m.iter().zip(expected) {
        assert_eq!(name, e_name);
        assert!(close(*down, e_down) && close(*up, e_up), "{name}: {down:?} {up:?}");
    }
    // Check one crossing with the scoring itself: price weight 28 (criteria x 72/60) gives C the award,
    // 29 (x 71/60) leaves it with B.
    let at = |x: f64| {
        let mut t = zaaksysteem();
        let k = (100.0 - x) / 60.0;
        t.price_weight = x;
        t.criteria.iter_mut().for_each(|c| c.weight *= k);
        score(&t).winner().map(|w| w.id.clone())
    };
    assert_eq!(at(28.0).as_deref(), Some("C"));
    assert_eq!(at(29.0).as_deref(), Some("B"));
}

#[test]
fn relative_price_points_are_linear_in_the_price_weight() {
    // A: price 100, quality 5/10 -> 40 + 30 = 70; B: price 200, quality 10/10 -> 20 + 60 = 80: B wins.
    // Price weight x, quality 100 - x: A = x + (100 - x)/2, B = x/2 + (100 - x), B - A = 50 - x.
    // B loses at x = 50 (A, cheaper, wins the tie): price up 10; quality down 10 (mirror image).
    let t = Tender {
        method: AwardMethod::BpkvRelative,
        price_weight: 40.0,
        criteria: vec![crit("q", 60.0, 10.0, 0)],
        offers: vec![offer("A", 100, &[("q", 5.0)]), offer("B", 200, &[("q", 10.0)])],
    };
    let m = margins(&t);
    assert_eq!(m[0].0, "prijs");
    assert!(m[0].1.is_none() && close(m[0].2, Some(10.0)), "{m:?}");
    assert!(close(m[1].1, Some(10.0)) && m[1].2.is_none(), "{m:?}");
}

#[test]
fn a_weight_cannot_move_without_a_rival_or_other_weights() {
    let single = Tender {
        method: AwardMethod::BpkvRelative,
        price_weight: 100.0,
        criteria: vec![crit("q", 0.0, 10.0, 0)],
        offers: vec![offer("A", 100, &[("q", 5.0)])],
    };
    assert!(weight_margins(&single).iter().all(|m| m.down.is_none() && m.up.is_none()));
    // Price has all the weight: nothing to rescale, so price cannot move; q can (up from 0).
    let two = Tender { offers: vec![offer("A", 100, &[("q", 0.0)]), offer("B", 200, &[("q", 10.0)])], ..single };
    let m = margins(&two);
    // q to x, price 100 - x: A = 100 - x, B = (100 - x)/2 + x = 50 + x/2: B wins from x = 100/3.
    assert_eq!((m[0].1, m[0].2), (None, None));
    assert!(m[1].1.is_none() && close(m[1].2, Some(100.0 / 3.0)), "{m:?}");
    let empty = Tender { offers: vec![], ..two };
    assert_eq!(weight_margins(&empty).len(), 2);
}

/// The tender of domain/tests/fixtures/tender/value.json.
fn gunnen_op_waarde() -> Tender {
    Tender {
        method: AwardMethod::Value,
        price_weight: 0.0,
        criteria: vec![crit("kwaliteitsplan", 0.0, 10.0, 250_000), crit("risicobeheersing", 0.0, 5.0, 100_000)],
        offers: vec![
            offer("A", 8_000_000, &[("kwaliteitsplan", 4.0), ("risicobeheersing", 5.0)]),
            offer("B", 7_900_000, &[("kwaliteitsplan", 2.0), ("risicobeheersing", 0.0)]),
        ],
    }
}

#[test]
fn value_margins_are_exact_to_the_cent() {
    // Fictive prices: A 8,000,000 - 0.4 x 250,000 - 1.0 x 100,000 = 7,800,000; B 7,900,000 - 0.2 x 250,000
    // = 7,850,000. A wins.
    // Kwaliteitsplan at value V: A = floor(7,900,000 - 0.4 V), B = floor(7,900,000 - 0.2 V).
    //   V = 3: A = floor(7,899,998.8) = 7,899,998 < B = floor(7,899,999.4) = 7,899,999: A still wins.
    //   V = 2: A = floor(7,899,999.2) = 7,899,999 = B = floor(7,899,999.6): a tie, the lower price (B)
    //   wins. So the value may drop by 250,000 - 3 = 249,997 cents; at 249,998 B wins: down EUR 2,499.98
    //   (not 2,500.00, where the exact prices meet: the rounding down decides first).
    // Risicobeheersing at value V: A = 7,900,000 - V, B = 7,850,000: equal at V = 50,000, where B wins
    //   the tie: down EUR 500.00.
    // A's lead grows with either value: up None.
    let m = margins(&gunnen_op_waarde());
    assert_eq!(
        m,
        [("kwaliteitsplan".to_string(), Some(2_499.98), None), ("risicobeheersing".to_string(), Some(500.0), None)]
    );
    let with = |j: usize, v: i64| {
        let mut t = gunnen_op_waarde();
        t.criteria[j].value_cents = v;
        score(&t).winner().map(|w| w.id.clone()).unwrap_or_default()
    };
    assert_eq!((with(0, 3), with(0, 2)), ("A".to_string(), "B".to_string()));
    assert_eq!((with(1, 50_001), with(1, 50_000)), ("A".to_string(), "B".to_string()));
}

#[test]
fn value_margins_with_a_constant_lead_below_a_cent() {
    // Both offers score 3 of 10 on q (value V, 0.3 cent off per cent of value) and cost 1,001 cents; on r
    // (scale 2, value 1 cent) A scores 1, B 0. Exact fictive prices: A = 1,000.5 - 0.3 V, B = 1,001 - 0.3 V,
    // so A is always half a cent cheaper before rounding, and the rounded difference B - A is 0 or 1:
    //   V = 0: A = floor(1,000.5) = 1,000, B = 1,001: A wins.
    //   V = 1: A = floor(1,000.2) = 1,000, B = floor(1,000.7) = 1,000: a tie; equal prices, so the id
    //   decides: A wins again. A wins every tie, so it never loses: no margin either way.
    let t = Tender {
        method: AwardMethod::Value,
        price_weight: 0.0,
        criteria: vec![crit("q", 0.0, 10.0, 0), crit("r", 0.0, 2.0, 1)],
        offers: vec![offer("A", 1_001, &[("q", 3.0), ("r", 1.0)]), offer("B", 1_001, &[("q", 3.0), ("r", 0.0)])],
    };
    let m = margins(&t);
    assert_eq!(m[0], ("q".to_string(), None, None));
    // Swap the ids: the half cent cheaper offer is now "B", which loses ties to "A". At V = 0 B wins
    // (1,000 against 1,001); at V = 1 both round to 1,000 and "A" wins the tie: up 1 cent = EUR 0.01.
    let swapped = Tender {
        offers: vec![offer("B", 1_001, &[("q", 3.0), ("r", 1.0)]), offer("A", 1_001, &[("q", 3.0), ("r", 0.0)])],
        ..t
    };
    assert_eq!(score(&swapped).winner().map(|w| w.id.as_str()), Some("B"));
    assert_eq!(margins(&swapped)[0], ("q".to_string(), None, Some(0.01)));
}

#[test]
fn withdrawing_the_cheapest_offer_swaps_the_other_two_under_relative_price_scoring() {
    // Price weight 50, quality 50 (scale 10, 5 points per score point).
    //   A: EUR 100,000, score 0; B: EUR 200,000, score 4; C: EUR 400,000, score 8.
    // With A (P_min = 100,000): A = 50 + 0 = 50, B = 50 x 1/2 + 20 = 45, C = 50 x 1/4 + 40 = 52.5:
    //   C, A, B.
    // Without A (P_min = 200,000): B = 50 + 20 = 70, C = 50 x 1/2 + 40 = 65: B, C. C and B swap.
    // Without B or C the lowest price stays A's: no change.
    let t = Tender {
        method: AwardMethod::BpkvRelative,
        price_weight: 50.0,
        criteria: vec![crit("q", 50.0, 10.0, 0)],
        offers: vec![
            offer("A", 10_000_000, &[("q", 0.0)]),
            offer("B", 20_000_000, &[("q", 4.0)]),
            offer("C", 40_000_000, &[("q", 8.0)]),
        ],
    };
    let totals: Vec<(String, f64)> = score(&t).offers.into_iter().map(|o| (o.id, o.total_points)).collect();
    assert_eq!(totals, [("C".to_string(), 52.5), ("A".to_string(), 50.0), ("B".to_string(), 45.0)]);
    let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        rank_reversals(&t),
        [RankReversal { removed: "A".into(), before: strings(&["C", "B"]), after: strings(&["B", "C"]) }]
    );
    // The same offers scored absolutely between bounds: no reversal.
    let absolute = Tender { method: AwardMethod::BpkvAbsolute { min_cents: 0, max_cents: 50_000_000 }, ..t };
    assert!(rank_reversals(&absolute).is_empty());
}

#[cfg(test)]
#[path = "robustness_props.rs"]
mod props;
