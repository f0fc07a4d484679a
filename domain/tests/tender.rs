//! Tender scoring: the worked examples of docs/PROCUREMENT.md, relative price scoring, ties, and bad
//! files refused at their field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use domain::tender::file::{evaluate, parse};
use serde_json::{json, Value};

const ABSOLUTE: &str = include_str!("fixtures/tender/bpkv-absolute.json");
const VALUE: &str = include_str!("fixtures/tender/value.json");

fn run(text: &str) -> Value {
    serde_json::from_str(&evaluate(text).unwrap()).unwrap()
}

fn summary(v: &Value) -> Vec<(String, u64, f64, f64, f64, i64)> {
    v["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_string(),
                o["rank"].as_u64().unwrap(),
                o["price_points"].as_f64().unwrap(),
                o["quality_points"].as_f64().unwrap(),
                o["total_points"].as_f64().unwrap(),
                o["fictive_price_cents"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn absolute_price_scoring_ranks_b_first_and_gives_c_no_price_points_above_the_bound() {
    let v = run(ABSOLUTE);
    assert_eq!(v["method"], "bpkv-absolute");
    assert_eq!(v["winner"], "B");
    assert_eq!(
        summary(&v),
        [
            ("B".into(), 1, 33.33, 40.0, 73.33, 70_000_000),
            ("A".into(), 2, 26.67, 42.0, 68.67, 80_000_000),
            ("C".into(), 3, 0.0, 60.0, 60.0, 125_000_000),
        ]
    );
}

#[test]
fn gunnen_op_waarde_turns_quality_into_a_fictive_discount() {
    let v = run(VALUE);
    assert_eq!(v["winner"], "A");
    assert_eq!(summary(&v), [("A".into(), 1, 0.0, 0.0, 0.0, 7_800_000), ("B".into(), 2, 0.0, 0.0, 0.0, 7_850_000)]);
}

#[test]
fn relative_price_points_move_with_the_lowest_bid() {
    let mut t: Value = serde_json::from_str(ABSOLUTE).unwrap();
    t["method"] = json!("bpkv-relative");
    let without_c = {
        let mut x = t.clone();
        x["offers"].as_array_mut().unwrap().truncate(2);
        run(&x.to_string())
    };
    // Relative: B gets 40, A 40 x 70/80 = 35: B 80 vs A 77.
    assert_eq!(without_c["winner"], "B");
    assert_eq!(summary(&without_c)[1].2, 35.0);
    // A very cheap bid D without quality takes the full price points and shrinks B's lead over A:
    // A 42 + 40 x 30/80 = 57, B 40 + 40 x 30/70 = 57.14.
    t["offers"].as_array_mut().unwrap().push(json!({"id": "D", "price_cents": 30000000,
        "scores": {"plan-van-aanpak": 0, "implementatie": 0, "duurzaamheid": 0}}));
    let with_d = run(&t.to_string());
    let points = |id: &str| summary(&with_d).into_iter().find(|o| o.0 == id).unwrap().4;
    assert_eq!(points("D"), 40.0);
    assert_eq!(points("A"), 57.0);
    assert_eq!(points("B"), 57.14);
    assert!(points("B") - points("A") < 80.0 - 77.0, "the margin shrinks");
}

#[test]
fn an_exact_tie_goes_to_the_lower_price_then_the_id() {
    let t = json!({"method": "bpkv-absolute", "price_weight": 50, "price_bounds_cents": {"min": 0, "max": 1000},
        "criteria": [{"id": "q", "weight": 50, "scale_max": 10}],
        "offers": [
            {"id": "Z", "price_cents": 500, "scores": {"q": 5}},
            {"id": "Y", "price_cents": 400, "scores": {"q": 4}},
            {"id": "X", "price_cents": 500, "scores": {"q": 5}}]});
    let v = run(&t.to_string());
    let ids: Vec<&str> = v["offers"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    // Y: 30 + 20 = 50; X and Z: 25 + 25 = 50.
    assert_eq!(ids, ["Y", "X", "Z"]);
}

fn refused(text: &str) -> String {
    parse(text).unwrap_err().field
}

#[test]
fn bad_tender_files_are_refused_at_the_field_that_is_wrong() {
    let base: Value = serde_json::from_str(ABSOLUTE).unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        v.to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        (with(&|v| v["price_weight"] = json!(45)), "price_weight"),
        (with(&|v| v["offers"][1]["scores"]["implementatie"] = json!(11)), "offers[1].scores.implementatie"),
        (with(&|v| v["offers"][1]["scores"]["implementatie"] = json!(-1)), "offers[1].scores.implementatie"),
        (
            with(&|v| {
                v["offers"][0]["scores"].as_object_mut().unwrap().remove("duurzaamheid");
            }),
            "offers[0].scores.duurzaamheid",
        ),
        (with(&|v| v["offers"][0]["scores"]["prijs"] = json!(1)), "offers[0].scores.prijs"),
        (with(&|v| v["offers"][2]["price_cents"] = json!(0)), "offers[2].price_cents"),
        (with(&|v| v["price_bounds_cents"]["max"] = json!(60000000)), "price_bounds_cents.max"),
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("price_bounds_cents");
            }),
            "price_bounds_cents",
        ),
        (with(&|v| v["method"] = json!("loting")), "method"),
        (with(&|v| v["offers"][2]["id"] = json!("A")), "offers[2].id"),
        (with(&|v| v["criteria"][2]["id"] = json!("implementatie")), "criteria[2].id"),
        (with(&|v| v["criteria"][0]["scale_max"] = json!(0)), "criteria[0].scale_max"),
        (with(&|v| v["offers"] = json!([])), "offers"),
        ("{".to_string(), "(file)"),
    ];
    for (text, field) in cases {
        assert_eq!(refused(&text), field, "{text}");
    }
}
