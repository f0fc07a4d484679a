//! One contract's SLA report for one period (`/contracten/:id/sla-rapport?maand=JJJJ-MM`): the
//! measurement basis and terms, the result and the credit, every covered service's figures with our
//! probe and the vendor's report side by side, every interval that was not plain up time with how it
//! counted and why, and the vendor incidents with their resolution times. Prints as a clean A4 page; the
//! same data downloads as CSV.

use super::charts::ChartFigure;
use super::claim::ClaimSection;
use super::report_parts::{reason_text, state_text, IncidentsSection};
use super::{duration, fill, month_name, pct, SL};
use crate::api::sla::{sla_report, sla_report_charts, RecordCreditClaim};
use crate::components::errors::ErrorPage;
use crate::components::layout::current_me;
use crate::components::time::{local_time, LocalTime};
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::problem_text;
use crate::i18n::{use_lang, Common};
use crate::pages::contracts::sla_text::sla_lines;
use domain::policy::{allowed, Action};
use domain::sla::evaluate::Finding;
use domain::sla::views::ChartView;
use domain::sla::views::Report;
use domain::text::format_euro;
use domain::ContractId;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

crate::messages!(M {
    Title => "SLA-rapport", "SLA report";
    ChartsHeading => "Grafieken", "Charts";
    NoTerms => "Voor dit contract zijn nog geen SLA-afspraken vastgelegd, dus er is geen rapport.", "No SLA terms have been recorded for this contract, so there is no report.";
    Period => "Periode", "Period";
    Result => "Uitkomst", "Result";
    Basis => "Meetbasis", "Measurement basis";
    Counted => "Telt voor het contract", "Counts for the contract";
    Fee => "Bedrag van de periode", "Fee of the period";
    Print => "Afdrukken", "Print";
    Csv => "Download als CSV", "Download as CSV";
    Back => "Terug naar het contract", "Back to the contract";
    Terms => "SLA-afspraken", "SLA terms";
    ServicesHeading => "Diensten", "Services";
    Service => "Dienst", "Service";
    ServiceTime => "Servicetijd", "Service time";
    Excluded => "Uitgesloten onderhoud", "Excluded maintenance";
    Downtime => "Storing", "Downtime";
    Unmeasured => "Zonder meting", "Not measured";
    EvidenceHeading => "Storingen en onderhoud", "Downtime and maintenance";
    EvidenceIntro => "Elk interval dat geen gewone beschikbaarheid was, met hoe het telde en waarom. Tijden in Europe/Amsterdam.", "Every interval that was not plain up time, with how it counted and why. Times in Europe/Amsterdam.";
    NoEvidence => "Geen storingen of onderhoud in deze periode.", "No downtime or maintenance in this period.";
    State => "Toestand", "State";
    From => "Van", "From";
    Until => "Tot", "Until";
    InWindow => "In venster", "In window";
    How => "Telt als", "Counts as";
    CaptionServices => "Beschikbaarheid per dienst", "Availability per service";
    CaptionEvidence => "Intervallen die meetellen of zijn uitgesloten", "Intervals counted or excluded";
    NotMeasuredNote => "Geen meting op de afgesproken meetbasis: deze dienst telt als 100 % zolang er niets gemeten is.", "No measurement on the agreed basis: this service counts as 100 % while nothing is measured.";
});

#[component]
pub fn SlaReportPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<ContractId>().ok());
    let month = move || query.read().get("maand").map(|m| m.chars().take(20).collect::<String>());
    let claim = ServerAction::<RecordCreditClaim>::new();
    let data = Resource::new(
        move || (id(), month(), claim.version().get()),
        |(id, month, _)| async move {
            match id {
                Some(id) => sla_report(id, month).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let charts = Resource::new(
        move || (id(), month()),
        |(id, month)| async move {
            match id {
                Some(id) => sla_report_charts(id, month).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let here = id().map(|i| format!("/contracten/{i}/sla-rapport")).unwrap_or_default();
                match data.await {
                    Ok(Some(r)) => {
                        let charts = charts.await.unwrap_or_default();
                        let me = current_me().await;
                        let can_record = me.as_ref().is_some_and(|m| allowed(m.role, Action::RecordCreditClaim));
                        let csrf = me.map(|m| m.csrf).unwrap_or_default();
                        let month = r.period_first.format("%Y-%m").to_string();
                        let owed = !r.running && r.credit_cents > 0;
                        let claim_view = view! { <ClaimSection contract=r.contract_id month=month claim=r.claim.clone() owed=owed can_record=can_record csrf=csrf action=claim/> };
                        view! { <ReportBody r=r charts=charts claim=claim_view.into_any()/> }.into_any()
                    }
                    Ok(None) => view! {
                        <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
                        <p class="utrecht-paragraph">{M::NoTerms.t(lang)}</p>
                        <p class="utrecht-paragraph"><a class="utrecht-link" href=here.trim_end_matches("/sla-rapport").to_string()>{M::Back.t(lang)}</a></p>
                    }.into_any(),
                    Err(AppError::Invalid(inv)) => {
                        let message = inv.for_field("maand").map(|p| problem_text(lang, p)).unwrap_or_default();
                        view! {
                            <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
                            <PeriodForm action=here value=month().unwrap_or_default() error=Some(message)/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The month picker: a plain GET form to the report itself.
#[component]
fn PeriodForm(action: String, value: String, error: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let invalid = error.is_some();
    view! {
        <form class="rk-filters rk-no-print" method="get" action=action>
            <div class="utrecht-form-field">
                <label class="utrecht-form-label" for="maand">{SL::Month.t(lang)} " (jjjj-mm)"</label>
                {error.map(|e| view! { <p class="utrecht-form-field-error-message" id="maand-error">{e}</p> })}
                <input class="utrecht-textbox" type="month" id="maand" name="maand" value=value pattern="[0-9]{4}-[0-9]{2}"
                    aria-invalid=invalid.then_some("true") aria-describedby=invalid.then_some("maand-error")/>
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{SL::Show.t(lang)}</button>
        </form>
    }
}

/// A button that prints the page; only shown once the page is interactive (without JavaScript the
/// browser's own print command does the same).
#[component]
fn PrintButton() -> impl IntoView {
    let lang = use_lang();
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    move || {
        ready.get().then(|| view! { <button class="utrecht-button utrecht-button--secondary-action rk-no-print" type="button" on:click=print>{M::Print.t(lang)}</button> })
    }
}

#[component]
fn ReportBody(r: Report, charts: Vec<ChartView>, claim: AnyView) -> impl IntoView {
    let lang = use_lang();
    let contract = format!("/contracten/{}", r.contract_id);
    let period_name = if r.period.len() == 7 { month_name(&r.period, lang) } else { r.period.clone() };
    let month_value = r.period_first.format("%Y-%m").to_string();
    let csv = format!("{contract}/sla-rapport.csv?maand={month_value}");
    let verdict = match (r.availability_pct, r.running, r.breach, r.projected_breach) {
        (None, ..) => view! { <span class="rk-muted">{SL::NoData.t(lang)}</span> }.into_any(),
        (Some(_), true, _, true) => {
            view! { <span class="rk-status rk-status--verlopen">{SL::Lost.t(lang)}</span> }.into_any()
        }
        (Some(_), true, true, false) => {
            view! { <span class="rk-status rk-status--actie-nodig">{SL::AtRisk.t(lang)}</span> }.into_any()
        }
        (Some(_), true, false, _) => {
            view! { <span class="rk-status rk-status--op-schema">{SL::OnCourse.t(lang)}</span> }.into_any()
        }
        (Some(_), false, true, _) => {
            view! { <span class="rk-status rk-status--verlopen">{SL::Breached.t(lang)}</span> }.into_any()
        }
        (Some(_), false, false, _) => {
            view! { <span class="rk-status rk-status--op-schema">{SL::Met.t(lang)}</span> }.into_any()
        }
    };
    let counted = r.worst.and_then(|i| r.services.get(i)).map(|s| s.name.clone());
    let lines = sla_lines(&r.terms, r.annual_value_cents, lang);
    let basis = lines.get(2).map(|(_, t)| t.clone()).unwrap_or_default();
    let running = r.running.then(|| format!(" ({})", SL::SoFar.t(lang)));
    let evidence: Vec<(String, Finding)> =
        r.services.iter().flat_map(|s| Report::evidence(s).map(|f| (s.name.clone(), f.clone()))).collect();
    view! {
        <p class="utrecht-paragraph rk-no-print"><a class="utrecht-link" href=contract.clone()>{M::Back.t(lang)}</a></p>
        <h1 class="utrecht-heading-1">{M::Title.t(lang)} ": " {r.reference.clone()} " " {r.title.clone()}</h1>
        <p class="utrecht-paragraph">{r.vendor_name.clone()} " · " {M::Period.t(lang)} " " {period_name} {r.running.then(|| format!(" ({})", SL::Running.t(lang)))}</p>
        <div class="rk-actions rk-no-print">
            <PeriodForm action=format!("{contract}/sla-rapport") value=month_value.clone() error=None/>
            <PrintButton/>
            <a class="utrecht-link" href=csv download="">{M::Csv.t(lang)}</a>
        </div>
        <section class="rk-card" aria-labelledby="uitkomst">
            <h2 class="utrecht-heading-2" id="uitkomst">{M::Result.t(lang)}</h2>
            <dl class="rk-dl">
                <dt>{M::Basis.t(lang)}</dt><dd>{basis}</dd>
                <dt>{SL::Target.t(lang)}</dt><dd>{pct(r.terms.terms.target_pct, 4, lang)}</dd>
                <dt>{SL::Availability.t(lang)}</dt>
                <dd data-testid="availability">{r.availability_pct.map(|a| pct(a, 4, lang))} {running} " " {verdict}
                    {counted.map(|n| view! { <br/><small>{M::Counted.t(lang)} ": " {n}</small> })}</dd>
                {r.projected_pct.map(|p| view! { <dt>{SL::AtMonthEnd.t(lang)}</dt><dd>{pct(p, 4, lang)}</dd> })}
                <dt>{SL::Credit.t(lang)}</dt>
                <dd data-testid="credit">{format_euro(r.credit_cents)} " (" {pct(r.credit_pct, 2, lang)} ")"</dd>
                <dt>{M::Fee.t(lang)}</dt><dd>{format_euro(r.period_fee_cents)}</dd>
            </dl>
        </section>
        {claim}
        <section class="rk-card rk-charts" aria-labelledby="grafieken">
            <h2 class="utrecht-heading-2" id="grafieken">{M::ChartsHeading.t(lang)}</h2>
            {charts.into_iter().map(|c| view! { <ChartFigure chart=c lang=lang/> }).collect_view()}
        </section>
        <section class="rk-card" aria-labelledby="diensten">
            <h2 class="utrecht-heading-2" id="diensten">{M::ServicesHeading.t(lang)}</h2>
            <div class="rk-table-scroll"><table class="utrecht-table">
                <caption class="utrecht-table__caption">{M::CaptionServices.t(lang)}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    {[M::Service, M::ServiceTime, M::Excluded, M::Downtime].map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h.t(lang)}</th> })}
                    <th class="utrecht-table__header-cell" scope="col">{SL::Availability.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{SL::Probe.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{SL::VendorReport.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Unmeasured.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {r.services.iter().map(|s| { let e = &s.counted; view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__cell" scope="row">{s.name.clone()}
                                {(!s.measured).then(|| view! { <br/><small>{M::NotMeasuredNote.t(lang)}</small> })}</th>
                            <td class="utrecht-table__cell">{duration(e.service_minutes, lang)}</td>
                            <td class="utrecht-table__cell">{duration(e.excluded_minutes, lang)}</td>
                            <td class="utrecht-table__cell">{duration(e.downtime_minutes, lang)}</td>
                            <td class="utrecht-table__cell">{pct(e.availability_pct, 4, lang)}</td>
                            <td class="utrecht-table__cell">{s.probe_pct.map(|p| pct(p, 4, lang))}</td>
                            <td class="utrecht-table__cell">{s.vendor_pct.map(|p| pct(p, 4, lang))}</td>
                            <td class="utrecht-table__cell">{duration(s.unmeasured_minutes, lang)}</td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table></div>
        </section>
        <section class="rk-card" aria-labelledby="bewijs">
            <h2 class="utrecht-heading-2" id="bewijs">{M::EvidenceHeading.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::EvidenceIntro.t(lang)}</p>
            {if evidence.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoEvidence.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <div class="rk-table-scroll"><table class="utrecht-table">
                        <caption class="utrecht-table__caption">{M::CaptionEvidence.t(lang)}</caption>
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            {[M::Service, M::State, M::From, M::Until, M::InWindow, M::How].map(|h| view! { <th class="utrecht-table__header-cell" scope="col">{h.t(lang)}</th> })}
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {evidence.into_iter().map(|(name, f)| view! {
                                <tr class="utrecht-table__row">
                                    <td class="utrecht-table__cell">{name}</td>
                                    <td class="utrecht-table__cell">{state_text(f.state, lang)}</td>
                                    <td class="utrecht-table__cell"><LocalTime at=f.start/></td>
                                    <td class="utrecht-table__cell"><LocalTime at=f.end/></td>
                                    <td class="utrecht-table__cell">{duration(f.minutes_in_window, lang)}</td>
                                    <td class="utrecht-table__cell">{reason_text(&f, lang)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        <IncidentsSection r=r.clone()/>
        <section class="rk-card" aria-labelledby="afspraken">
            <h2 class="utrecht-heading-2" id="afspraken">{M::Terms.t(lang)}</h2>
            <dl class="rk-dl">{lines.into_iter().map(|(l, t)| view! { <dt>{l}</dt><dd>{t}</dd> }).collect_view()}</dl>
        </section>
        <p class="utrecht-paragraph rk-muted">{fill(SL::Computed.t(lang), &[("time", local_time(r.computed_at))])}</p>
    }
}
