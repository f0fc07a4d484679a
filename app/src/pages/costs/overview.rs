//! The cost overview of a year (`/kosten?jaar=JJJJ`): budget, invoiced so far and the year-end
//! forecast; cumulative costs against the budget and the cost per vendor as charts (with tables);
//! the figures per cost centre, served organisation, vendor and contract, each downloadable as CSV.

use super::{share_text, CostsNav, KM};
use crate::api::costs::get_cost_overview;
use crate::components::errors::ErrorPage;
use crate::components::title::PageTitle;
use crate::i18n::{use_lang, Common};
use crate::pages::sla::charts::ChartFigure;
use crate::pages::sla::fill;
use domain::text::format_euro;
use domain::views_costs::{CostFigures, CostOverview};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

crate::messages!(M {
    Title => "Kosten en budget", "Costs and budget";
    Intro => "Facturen tellen mee in de maanden die hun periode dekt. De verwachting voor het jaareinde is wat al gefactureerd is plus, voor elke maand die nog geen factuur dekt, de contractwaarde van die maand met de bekende indexaties.", "Invoices count in the months their period covers. The year-end forecast is what has been invoiced plus, for every month no invoice covers yet, the contract's value for that month with the known indexations.";
    PerCostCentre => "Per kostenplaats", "Per cost centre";
    PerOrganisation => "Per organisatie (verdeelsleutel)", "Per organisation (allocation key)";
    PerVendor => "Per leverancier", "Per vendor";
    PerContract => "Per contract", "Per contract";
    Charts => "Grafieken", "Charts";
    Csv => "Download als CSV", "Download as CSV";
    NoData => "Voor {year} zijn er nog geen facturen, budgetten of lopende contracten.", "There are no invoices, budgets or running contracts for {year} yet.";
    VatNote => "Btw in dit jaar: {vat} (niet in de bedragen hierboven).", "VAT in this year: {vat} (not in the amounts above).";
    AllocationHint => "Een contract met een eigen verdeelsleutel wordt daarmee verdeeld, anders met die van zijn kostenplaats.", "A contract with its own allocation key is divided by it, otherwise by the key of its cost centre.";
    Share => "Aandeel", "Share";
});

fn year_from(q: &leptos_router::params::ParamsMap) -> Option<i32> {
    q.get_str("jaar").and_then(|s| s.trim().parse::<i32>().ok()).filter(|y| (2000..=2100).contains(y))
}

/// The page at `/kosten`.
#[component]
pub fn CostOverviewPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let year = Memo::new(move |_| year_from(&query.read()));
    let data = Resource::new(move || year.get(), get_cost_overview);
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
        <CostsNav current="/kosten"/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((o, charts)) => view! {
                        <OverviewBody o/>
                        {(!charts.is_empty()).then(|| view! {
                            <section aria-labelledby="grafieken">
                                <h2 class="utrecht-heading-2" id="grafieken">{M::Charts.t(lang)}</h2>
                                <div class="rk-charts">
                                    {charts.into_iter().map(|chart| view! { <ChartFigure chart lang/> }).collect_view()}
                                </div>
                            </section>
                        })}
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OverviewBody(o: CostOverview) -> impl IntoView {
    let lang = use_lang();
    let y = o.year;
    let diff = o.forecast_cents - o.budget_cents;
    let empty = o.actual_cents == 0 && o.forecast_cents == 0 && o.budget_cents == 0;
    let csv = move |part: &str| format!("/kosten.csv?jaar={y}&deel={part}");
    view! {
        <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
        <form class="rk-filters" method="get" action="/kosten">
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="jaar">{KM::Year.t(lang)}</label>
                <select class="utrecht-select" id="jaar" name="jaar">
                    {o.years.iter().map(|&yr| view! { <option value=yr.to_string() selected=yr == y>{yr}</option> }).collect_view()}
                </select>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{KM::Show.t(lang)}</button>
        </form>
        {empty.then(|| view! { <p class="utrecht-paragraph">{fill(M::NoData.t(lang), &[("year", y.to_string())])}</p> })}
        <div class="rk-cards">
            <section class="rk-card"><h2 class="utrecht-heading-3">{KM::Budget.t(lang)} " " {y}</h2><p class="rk-figure" data-testid="budget">{format_euro(o.budget_cents)}</p></section>
            <section class="rk-card"><h2 class="utrecht-heading-3">{KM::Actual.t(lang)}</h2><p class="rk-figure" data-testid="actual">{format_euro(o.actual_cents)}</p><p class="rk-muted">{share_text(o.actual_cents, o.budget_cents)} " " {(o.budget_cents != 0).then(|| KM::OfBudget.t(lang))}</p></section>
            <section class="rk-card"><h2 class="utrecht-heading-3">{KM::Forecast.t(lang)}</h2><p class="rk-figure" data-testid="forecast">{format_euro(o.forecast_cents)}</p><p class="rk-muted">{share_text(o.forecast_cents, o.budget_cents)} " " {(o.budget_cents != 0).then(|| KM::OfBudget.t(lang))}</p></section>
            <section class="rk-card"><h2 class="utrecht-heading-3">{KM::Difference.t(lang)}</h2><p class="rk-figure" data-testid="difference">{if diff > 0 { "+" } else { "" }}{format_euro(diff)}</p></section>
        </div>
        <p class="utrecht-paragraph rk-muted">{fill(M::VatNote.t(lang), &[("vat", format_euro(o.vat_cents))])}</p>
        <FiguresTable id="kostenplaatsen" title=M::PerCostCentre.t(lang) first=KM::CostCentre.t(lang) rows=o.cost_centres.clone() total=o.forecast_cents with_budget=true empty_name=KM::NoCostCentre.t(lang) link_base="" csv=csv("kostenplaatsen")/>
        <FiguresTable id="organisaties" title=M::PerOrganisation.t(lang) first=KM::Organisation.t(lang) rows=o.organisations.clone() total=o.forecast_cents with_budget=false empty_name=KM::NotAllocated.t(lang) link_base="" csv=csv("organisaties")/>
        <p class="utrecht-paragraph rk-muted">{M::AllocationHint.t(lang)}</p>
        <FiguresTable id="leveranciers" title=M::PerVendor.t(lang) first=KM::Vendor.t(lang) rows=o.vendors.clone() total=o.forecast_cents with_budget=false empty_name="" link_base="/leveranciers/" csv=csv("leveranciers")/>
        <FiguresTable id="contracten" title=M::PerContract.t(lang) first=KM::Contract.t(lang) rows=o.contracts.clone() total=o.forecast_cents with_budget=false empty_name="" link_base="/contracten/" csv=csv("contracten")/>
    }
}

/// One breakdown as a table: name, (budget,) invoiced, expected, share of the total forecast.
#[component]
fn FiguresTable(
    id: &'static str,
    title: &'static str,
    first: &'static str,
    rows: Vec<CostFigures>,
    total: i64,
    with_budget: bool,
    empty_name: &'static str,
    link_base: &'static str,
    csv: String,
) -> impl IntoView {
    let lang = use_lang();
    if rows.is_empty() {
        return ().into_any();
    }
    view! {
        <section aria-labelledby=id>
            <h2 class="utrecht-heading-2" id=id>{title}</h2>
            <div class="rk-table-scroll">
            <table class="utrecht-table" data-testid=id>
                <caption class="utrecht-table__caption">{title}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">{first}</th>
                    {with_budget.then(|| view! { <th class="utrecht-table__header-cell rk-num" scope="col">{KM::Budget.t(lang)}</th> })}
                    <th class="utrecht-table__header-cell rk-num" scope="col">{KM::Actual.t(lang)}</th>
                    <th class="utrecht-table__header-cell rk-num" scope="col">{KM::Forecast.t(lang)}</th>
                    <th class="utrecht-table__header-cell rk-num" scope="col">{M::Share.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {rows.into_iter().map(|r| {
                        let name = if r.name.is_empty() { empty_name.to_string() } else { r.name.clone() };
                        let cell = if !link_base.is_empty() && !r.id.is_empty() {
                            view! { <a class="utrecht-link" href=format!("{link_base}{}", r.id)>{name}</a> }.into_any()
                        } else {
                            view! { {name} }.into_any()
                        };
                        view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{cell}</th>
                                {with_budget.then(|| view! { <td class="utrecht-table__cell rk-num">{r.budget_cents.map(format_euro).unwrap_or_default()}</td> })}
                                <td class="utrecht-table__cell rk-num">{format_euro(r.actual_cents)}</td>
                                <td class="utrecht-table__cell rk-num">{format_euro(r.forecast_cents)}</td>
                                <td class="utrecht-table__cell rk-num">{share_text(r.forecast_cents, total)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <p class="utrecht-paragraph"><a class="utrecht-link" href=csv download="">{M::Csv.t(lang)}</a></p>
        </section>
    }
    .into_any()
}
