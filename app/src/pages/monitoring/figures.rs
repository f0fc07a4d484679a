//! The figures a JSON source reads (e.g. licences in use): the newest value against the contracted
//! number ("1.341 van 1.500") and the last 30 days as a small inline SVG line, drawn on the server
//! and again identically while hydrating, with its text alternative ("30 dagen: van 1.290 naar 1.341").

use super::events::th;
use super::MM;
use crate::components::time::LocalTime;
use crate::i18n::{use_lang, Lang};
use domain::views_monitoring::{DailyValue, MetricReading};
use leptos::prelude::*;

crate::messages!(F {
    Title => "Kengetallen (laatste waarde)", "Figures (latest value)";
    Value => "Waarde", "Value";
    Of => "van", "of";
    Contracted => "gecontracteerd", "contracted";
    Trend => "Verloop (30 dagen)", "Trend (30 days)";
    Days => "dagen", "days";
    From => "van", "from";
    To => "naar", "to";
    At => "Tijdstip", "Time";
});

/// Width and height of the trend line, in CSS pixels.
const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 24.0;

/// A figure in the user's notation: thousands grouped, whole numbers without decimals, others with
/// up to two ("1.341", "12,5").
pub fn figure(v: f64, lang: Lang) -> String {
    let (group, decimal) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = if v.fract() == 0.0 && v.abs() < 1e15 { format!("{v:.0}") } else { format!("{v:.2}") };
    let (sign, text) = text.strip_prefix('-').map_or(("", text.as_str()), |t| ("-", t));
    let (int, frac) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f.trim_end_matches('0'))));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac.filter(|f| !f.is_empty()) {
        out.push(decimal);
        out.push_str(f);
    }
    out
}

/// The value, against its contracted number when there is one: "1.341 van 1.500".
pub fn against_contracted(m: &MetricReading, lang: Lang) -> String {
    match m.contracted {
        Some(c) => format!("{} {} {}", figure(m.value, lang), F::Of.t(lang), figure(c as f64, lang)),
        None => figure(m.value, lang),
    }
}

/// The trend's text alternative: "30 dagen: van 1.290 naar 1.341".
pub fn trend_text(trend: &[DailyValue], lang: Lang) -> Option<String> {
    let (first, last) = (trend.first()?, trend.last()?);
    Some(format!(
        "{} {}: {} {} {} {}",
        trend.len(),
        F::Days.t(lang),
        F::From.t(lang),
        figure(first.value, lang),
        F::To.t(lang),
        figure(last.value, lang)
    ))
}

/// The points of the trend line in a `WIDTH` x `HEIGHT` box (1 px margin), oldest left.
fn points(trend: &[DailyValue]) -> String {
    let (min, max) =
        trend.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), d| (lo.min(d.value), hi.max(d.value)));
    let span = if max > min { max - min } else { 1.0 };
    let step = if trend.len() > 1 { (WIDTH - 2.0) / (trend.len() - 1) as f64 } else { 0.0 };
    trend
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let x = 1.0 + step * i as f64;
            let y = if max > min { 1.0 + (HEIGHT - 2.0) * (1.0 - (d.value - min) / span) } else { HEIGHT / 2.0 };
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The trend as a small line with its text next to it (the text is the line's alternative, so the
/// picture itself is hidden from assistive technology); only the text with fewer than two days.
#[component]
fn Sparkline(trend: Vec<DailyValue>) -> impl IntoView {
    let lang = use_lang();
    let text = trend_text(&trend, lang);
    let line = (trend.len() > 1).then(|| {
        view! {
            <svg class="rk-sparkline" width=WIDTH height=HEIGHT viewBox=format!("0 0 {WIDTH} {HEIGHT}") aria-hidden="true" focusable="false">
                <polyline points=points(&trend) fill="none" stroke="currentColor" stroke-width="1.5"/>
            </svg>
            " "
        }
    });
    view! { {line}{text} }
}

/// The figures table of a JSON source.
#[component]
pub fn FiguresTable(metrics: Vec<MetricReading>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 class="utrecht-heading-2">{F::Title.t(lang)}</h2>
        <div class="rk-table-scroll">
        <table class="utrecht-table">
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                {th(MM::MetricName.t(lang))}{th(F::Value.t(lang))}{th(F::Trend.t(lang))}{th(F::At.t(lang))}
            </tr></thead>
            <tbody class="utrecht-table__body">
                {metrics.into_iter().map(|m| {
                    let value = against_contracted(&m, lang);
                    let contracted = m.contracted.map(|_| format!(" {}", F::Contracted.t(lang)));
                    view! {
                        <tr class="utrecht-table__row">
                            <td class="utrecht-table__cell">{m.name}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric">{value}{contracted}</td>
                            <td class="utrecht-table__cell"><Sparkline trend=m.trend/></td>
                            <td class="utrecht-table__cell"><LocalTime at=m.at/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn reading(value: f64, contracted: Option<u64>) -> MetricReading {
        MetricReading {
            name: "licenties_actief".into(),
            value,
            at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            contracted,
            trend: Vec::new(),
        }
    }

    #[test]
    fn a_figure_reads_against_its_contracted_number_in_each_language() {
        assert_eq!(against_contracted(&reading(1341.0, Some(1500)), Lang::Nl), "1.341 van 1.500");
        assert_eq!(against_contracted(&reading(1341.0, Some(1500)), Lang::En), "1,341 of 1,500");
        assert_eq!(against_contracted(&reading(12.5, None), Lang::Nl), "12,5");
        assert_eq!(figure(-1_234_567.25, Lang::Nl), "-1.234.567,25");
        assert_eq!(figure(999.0, Lang::En), "999");
    }

    #[test]
    fn the_trend_says_where_it_went_and_fits_its_box() {
        let day = |d: u32, value: f64| DailyValue { day: chrono::NaiveDate::from_ymd_opt(2026, 3, d).unwrap(), value };
        let trend = [day(1, 1290.0), day(2, 1300.0), day(3, 1341.0)];
        assert_eq!(trend_text(&trend, Lang::Nl).unwrap(), "3 dagen: van 1.290 naar 1.341");
        assert_eq!(points(&trend), "1.0,23.0 60.0,18.7 119.0,1.0");
        assert_eq!(points(&trend[..1]), "1.0,12.0", "one day: a flat point in the middle");
        assert_eq!(trend_text(&[], Lang::Nl), None);
    }
}
