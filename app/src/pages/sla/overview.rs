//! The SLA overview: every contract for one month (`?maand=JJJJ-MM`), filtered by vendor and
//! criticality and sorted by any column through the URL, so that it works before the wasm loads and a
//! view can be bookmarked. Also the start page's main section for the ICT head and the regisseur.

use super::{fill, month_name, pct, SL};
use crate::api::sla::sla_overview;
use crate::components::errors::ErrorPage;
use crate::components::state::StateBadge;
use crate::components::time::local_time;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::problem_text;
use crate::i18n::{date, use_lang, Common, Lang};
use domain::sla::views::{Overview, OverviewRow};
use domain::text::format_euro;
use domain::vendor::Criticality;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

crate::messages!(M {
    Title => "SLA-overzicht", "SLA overview";
    Intro => "Per contract de beschikbaarheid van deze maand tegen de norm, gemeten over de afgesproken meetbasis, met de servicekortingen van dit jaar. De figuur van een contract is die van zijn slechtst presterende dienst.", "Per contract this month's availability against its target on the agreed measurement basis, with this year's service credits. A contract's figure is that of its worst-performing service.";
    FilterLabel => "SLA-overzicht filteren", "Filter the SLA overview";
    Vendor => "Leverancier", "Vendor";
    Criticality => "Kritikaliteit", "Criticality";
    Contract => "Contract", "Contract";
    Services => "Diensten en huidige toestand", "Services and current state";
    Resolution => "Oplostijden boven norm", "Resolution times over target";
    DecisionDate => "Besluitdatum", "Decision date";
    Caption => "SLA per contract", "SLA per contract";
    BreachesTitle => "Normen niet gehaald of niet meer te halen", "Targets missed or out of reach";
    CreditsTitle => "Servicekorting {year}", "Service credits {year}";
    NoTermsTitle => "Contracten zonder SLA-afspraken", "Contracts without SLA terms";
    Csv => "Download als CSV (alle contracten, deze maand)", "Download as CSV (all contracts, this month)";
    NoMatch => "Geen contract voldoet aan dit filter.", "No contract matches this filter.";
    NoContracts => "Er staan nog geen contracten in het register.", "There are no contracts in the register yet.";
    Projected => "verwacht", "expected";
    Of => "van", "of";
    SortBy => "Sorteer op", "Sort by";
    AllContracts => "Alle {n} contracten in het SLA-overzicht, met maandkeuze, filters en sortering", "All {n} contracts in the SLA overview, with month, filters and sorting";
});

/// What the URL asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub month: Option<String>,
    pub vendor: Option<i64>,
    pub criticality: Option<Criticality>,
    pub sort: Sort,
    pub descending: bool,
}

/// The sortable columns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Availability,
    Contract,
    Vendor,
    Credit,
    Decision,
}

impl Sort {
    const ALL: [Sort; 5] = [Sort::Availability, Sort::Contract, Sort::Vendor, Sort::Credit, Sort::Decision];
    fn key(self) -> &'static str {
        match self {
            Sort::Availability => "beschikbaarheid",
            Sort::Contract => "contract",
            Sort::Vendor => "leverancier",
            Sort::Credit => "korting",
            Sort::Decision => "besluitdatum",
        }
    }
}

fn query_from(q: &ParamsMap) -> Query {
    let text = |key: &str| q.get_str(key).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Query {
        month: text("maand").map(|m| m.chars().take(20).collect()),
        vendor: text("leverancier").and_then(|s| s.parse().ok()),
        criticality: text("kritiek").and_then(|s| Criticality::parse("kritiek", &s).ok()),
        sort: text("sorteer").and_then(|s| Sort::ALL.into_iter().find(|k| k.key() == s)).unwrap_or_default(),
        descending: text("richting").as_deref() == Some("af"),
    }
}

/// Orders rows by the chosen column; rows without a figure go last either way.
fn sort_rows(rows: &mut [OverviewRow], sort: Sort, descending: bool) {
    rows.sort_by(|a, b| {
        let ord = match sort {
            Sort::Availability => {
                let key = |r: &OverviewRow| r.availability_pct.unwrap_or(f64::INFINITY);
                key(a).total_cmp(&key(b))
            }
            Sort::Contract => a.reference.to_lowercase().cmp(&b.reference.to_lowercase()),
            Sort::Vendor => a.vendor_name.to_lowercase().cmp(&b.vendor_name.to_lowercase()),
            Sort::Credit => b.credits_year_cents.cmp(&a.credits_year_cents),
            Sort::Decision => a.decision_date.cmp(&b.decision_date),
        };
        if descending {
            ord.reverse()
        } else {
            ord
        }
    });
}

/// The URL of this page with one parameter changed.
fn href(base: &str, q: &Query, sort: Sort, descending: bool) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &q.month {
        parts.push(format!("maand={m}"));
    }
    if let Some(v) = q.vendor {
        parts.push(format!("leverancier={v}"));
    }
    if let Some(c) = q.criticality {
        parts.push(format!("kritiek={}", c.key()));
    }
    parts.push(format!("sorteer={}", sort.key()));
    if descending {
        parts.push("richting=af".into());
    }
    format!("{base}?{}", parts.join("&"))
}

/// The overview page at `/sla`.
#[component]
pub fn SlaOverviewPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
        <SlaOverviewSection base="/sla"/>
    }
}

/// The overview's body: month picker, summary, filters and the table. `base`: the page's own path.
/// With `most_urgent` (the start page): only that many contracts, those that need attention first,
/// without picker and filters, and a link to the whole overview.
#[component]
pub fn SlaOverviewSection(base: &'static str, #[prop(optional)] most_urgent: Option<u32>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let q = Memo::new(move |_| query_from(&query.read()));
    let data = Resource::new(move || (q.get().month, most_urgent), |(month, n)| sla_overview(month, n));
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let q = q.get_untracked();
                match data.await {
                    Ok(o) => view! { <OverviewBody o=o q=q base=base urgent=most_urgent/> }.into_any(),
                    Err(AppError::Invalid(inv)) => {
                        let message = inv.for_field("maand").map(|p| problem_text(lang, p)).unwrap_or_default();
                        view! { <MonthForm base=base months=Vec::new() selected=q.month.clone().unwrap_or_default() error=Some(message)/> }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The month picker (a plain GET form). With `error`, the field shows it and is marked invalid.
#[component]
fn MonthForm(base: &'static str, months: Vec<String>, selected: String, error: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let invalid = error.is_some();
    let field = if months.is_empty() {
        view! { <input class="utrecht-textbox" type="text" id="maand" name="maand" value=selected.clone() inputmode="numeric" aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some("maand-error")/> }.into_any()
    } else {
        view! {
            <select class="utrecht-select" id="maand" name="maand">
                {months.into_iter().map(|m| {
                    let sel = m == selected;
                    view! { <option value=m.clone() selected=sel>{month_name(&m, lang)}</option> }
                }).collect_view()}
            </select>
        }
        .into_any()
    };
    view! {
        <form class="rk-filters" method="get" action=base>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="maand">{SL::Month.t(lang)}</label>
                {error.map(|e| view! { <p class="utrecht-form-field-error-message" id="maand-error">{e}</p> })}
                {field}
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{SL::Show.t(lang)}</button>
        </form>
    }
}

#[component]
fn OverviewBody(o: Overview, q: Query, base: &'static str, urgent: Option<u32>) -> impl IntoView {
    let lang = use_lang();
    let total = o.total_contracts as usize;
    let without_terms = o.without_terms;
    let full = urgent.is_none();
    let all_link = (!full).then(|| {
        let text = fill(M::AllContracts.t(lang), &[("n", total.to_string())]);
        view! { <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/sla?maand={}", o.month)>{text}</a></p> }
    });
    let mut vendors: Vec<(i64, String)> = o.rows.iter().map(|r| (r.vendor_id.0, r.vendor_name.clone())).collect();
    vendors.sort_by_key(|(_, n)| n.to_lowercase());
    vendors.dedup();
    let mut rows: Vec<OverviewRow> = o
        .rows
        .iter()
        .filter(|r| q.vendor.is_none_or(|v| r.vendor_id.0 == v))
        .filter(|r| q.criticality.is_none_or(|c| r.vendor_criticality == c))
        .cloned()
        .collect();
    sort_rows(&mut rows, q.sort, q.descending);
    let month = o.month.clone();
    let csv = format!("/sla/overzicht.csv?maand={month}");
    let sort_q = q.clone();
    let th = move |label: &'static str, sort: Sort| {
        let q = &sort_q;
        let active = q.sort == sort;
        let aria = active.then_some(if q.descending { "descending" } else { "ascending" });
        let link = href(base, q, sort, active && !q.descending);
        view! { <th class="utrecht-table__header-cell" scope="col" aria-sort=aria><a class="utrecht-link" href=link>{label}</a></th> }
    };
    let crit_options = [Criticality::Vitaal, Criticality::Hoog, Criticality::Midden, Criticality::Laag];
    view! {
        <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
        {full.then(|| view! { <MonthForm base=base months=o.months.clone() selected=o.month.clone() error=None/> })}
        <div class="rk-cards">
            <section class="rk-card"><h2 class="utrecht-heading-3">{M::BreachesTitle.t(lang)}</h2><p class="rk-figure">{o.breaches}</p></section>
            <section class="rk-card"><h2 class="utrecht-heading-3">{fill(M::CreditsTitle.t(lang), &[("year", o.year.to_string())])}</h2><p class="rk-figure">{format_euro(o.credits_year_cents)}</p></section>
            <section class="rk-card"><h2 class="utrecht-heading-3">{M::NoTermsTitle.t(lang)}</h2><p class="rk-figure">{without_terms} " " {M::Of.t(lang)} " " {total}</p></section>
        </div>
        {full.then(|| view! {
        <form class="rk-filters" method="get" action=base role="search" aria-label=M::FilterLabel.t(lang)>
            <input type="hidden" name="maand" value=o.month.clone()/>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="leverancier">{M::Vendor.t(lang)}</label>
                <select class="utrecht-select" id="leverancier" name="leverancier">
                    <option value="">{Common::All.t(lang)}</option>
                    {vendors.into_iter().map(|(id, name)| view! { <option value=id.to_string() selected=q.vendor == Some(id)>{name}</option> }).collect_view()}
                </select>
            </div>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="kritiek">{M::Criticality.t(lang)}</label>
                <select class="utrecht-select" id="kritiek" name="kritiek">
                    <option value="">{Common::All.t(lang)}</option>
                    {crit_options.into_iter().map(|c| view! { <option value=c.key() selected=q.criticality == Some(c)>{crate::i18n::Label::label(c, lang)}</option> }).collect_view()}
                </select>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{Common::Filter.t(lang)}</button>
            <a class="utrecht-link" href=format!("{base}?maand={month}")>{Common::ClearFilter.t(lang)}</a>
        </form>
        })}
        {if rows.is_empty() {
            let text = if total == 0 { M::NoContracts } else { M::NoMatch };
            view! { <p class="utrecht-paragraph">{text.t(lang)}</p> }.into_any()
        } else {
            let month = o.month.clone();
            view! {
                <div class="rk-table-scroll">
                <table class="utrecht-table">
                    <caption class="utrecht-table__caption">{M::Caption.t(lang)} ", " {month_name(&o.month, lang)}</caption>
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        {th(M::Contract.t(lang), Sort::Contract)}
                        {th(M::Vendor.t(lang), Sort::Vendor)}
                        <th class="utrecht-table__header-cell" scope="col">{M::Services.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{SL::Target.t(lang)}</th>
                        {th(SL::Availability.t(lang), Sort::Availability)}
                        <th class="utrecht-table__header-cell" scope="col">{SL::Credit.t(lang)}</th>
                        {th(SL::CreditsYear.t(lang), Sort::Credit)}
                        <th class="utrecht-table__header-cell" scope="col">{M::Resolution.t(lang)}</th>
                        {th(M::DecisionDate.t(lang), Sort::Decision)}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {rows.into_iter().map(|r| view! { <OverviewLine r=r month=month.clone() lang=lang/> }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        {all_link}
        <p class="utrecht-paragraph"><a class="utrecht-link" href=csv download="">{M::Csv.t(lang)}</a></p>
        <p class="utrecht-paragraph rk-muted">{fill(SL::Computed.t(lang), &[("time", local_time(o.computed_at))])}</p>
    }
}

#[component]
fn OverviewLine(r: OverviewRow, month: String, lang: Lang) -> impl IntoView {
    let report = format!("/contracten/{}/sla-rapport?maand={month}", r.contract_id);
    let availability = match (r.target_pct, r.availability_pct) {
        (None, _) => view! { <span class="rk-muted">{SL::NoTerms.t(lang)}</span> }.into_any(),
        (Some(_), None) => view! { <span class="rk-muted">{SL::NoData.t(lang)}</span> }.into_any(),
        (Some(_), Some(a)) => {
            let (verdict, class) = match (r.running, r.breach, r.at_risk) {
                (true, true, _) => (SL::Lost, "rk-status rk-status--verlopen"),
                (true, false, true) => (SL::AtRisk, "rk-status rk-status--actie-nodig"),
                (true, false, false) => (SL::OnCourse, "rk-status rk-status--op-schema"),
                (false, true, _) => (SL::Breached, "rk-status rk-status--verlopen"),
                (false, false, _) => (SL::Met, "rk-status rk-status--op-schema"),
            };
            let so_far = r.running.then(|| format!(" ({})", SL::SoFar.t(lang)));
            let projected = r.projected_pct.map(|p| {
                view! { <br/><small>{M::Projected.t(lang)} " " {pct(p, 2, lang)} " " {SL::AtMonthEnd.t(lang)}</small> }
            });
            view! { {pct(a, 2, lang)} {so_far} " " <span class=class>{verdict.t(lang)}</span> {projected} }.into_any()
        }
    };
    let res = r.resolution;
    view! {
        <tr class="utrecht-table__row">
            <td class="utrecht-table__cell"><a class="utrecht-link" href=report>{r.reference.clone()}</a> " " {r.title.clone()}</td>
            <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", r.vendor_id)>{r.vendor_name.clone()}</a></td>
            <td class="utrecht-table__cell">
                <ul class="rk-plain-list">
                    {r.services.iter().map(|s| {
                        let differs = match (s.probe_pct, s.vendor_pct) {
                            (Some(p), Some(v)) if (p - v).abs() >= 0.01 => Some(format!("{} {} / {} {}", SL::Probe.t(lang), pct(p, 2, lang), SL::VendorReport.t(lang), pct(v, 2, lang))),
                            _ => None,
                        };
                        view! { <li>{s.name.clone()} " " <StateBadge state=s.state_now/> {differs.map(|d| view! { <br/><small>{d}</small> })}</li> }
                    }).collect_view()}
                </ul>
            </td>
            <td class="utrecht-table__cell">{r.target_pct.map(|t| pct(t, 2, lang))}</td>
            <td class="utrecht-table__cell">{availability}</td>
            <td class="utrecht-table__cell">{(!r.running && r.credit_cents > 0).then(|| format_euro(r.credit_cents))}</td>
            <td class="utrecht-table__cell">{(r.credits_year_cents > 0).then(|| format_euro(r.credits_year_cents))}</td>
            <td class="utrecht-table__cell">{(res.with_target > 0).then(|| format!("{} / {}", res.missed, res.with_target))}</td>
            <td class="utrecht-table__cell">{r.decision_date.map(date)}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_is_read_leniently_and_written_back() {
        let mut p = ParamsMap::new();
        p.insert("maand", "2026-10".to_string());
        p.insert("leverancier", "x".to_string());
        p.insert("kritiek", "vitaal".to_string());
        p.insert("sorteer", "korting".to_string());
        p.insert("richting", "af".to_string());
        let q = query_from(&p);
        assert_eq!(q.month.as_deref(), Some("2026-10"));
        assert_eq!(
            (q.vendor, q.criticality, q.sort, q.descending),
            (None, Some(Criticality::Vitaal), Sort::Credit, true)
        );
        assert_eq!(href("/sla", &q, Sort::Vendor, false), "/sla?maand=2026-10&kritiek=vitaal&sorteer=leverancier");
    }
}
