//! A contract's SLA terms: the section on the contract page, and the form at /contracten/:id/sla.

use super::sla_text::{day_names, sla_lines, SM};
use crate::api::contracts::{get_contract, get_sla_terms, SetSlaTerms};
use crate::components::draft::KeepInput;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CheckboxField, CsrfField, FormAlert, FormError, SaveCancel, SelectField, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common, Lang};
use domain::sla::contract_terms::{to_form, ContractSlaTerms, SlaTermsForm, MAX_TIERS, WEEKDAY_KEYS};
use domain::ContractId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Target => "Beschikbaarheidsdoel (%)", "Availability target (%)";
    TargetHint => "Boven 0 en ten hoogste 100, bijvoorbeeld 99,8.", "Above 0 and at most 100, for example 99.8.";
    WindowKind => "Servicevenster", "Service window";
    Always => "24x7 (altijd)", "24x7 (always)";
    Weekly => "Vaste uren per week (Europe/Amsterdam)", "Weekly hours (Europe/Amsterdam)";
    Days => "Dagen (bij vaste uren)", "Days (for weekly hours)";
    From => "Van (uu:mm)", "From (hh:mm)";
    To => "Tot (uu:mm)", "To (hh:mm)";
    ToHint => "24:00 is het einde van de dag.", "24:00 is the end of the day.";
    ExcludeHolidays => "Nederlandse feestdagen vallen buiten het venster", "Dutch public holidays are outside the window";
    Period => "Meetperiode", "Measurement period";
    Month => "Maand", "Month";
    Quarter => "Kwartaal", "Quarter";
    Basis => "Welke meting telt", "Which measurement counts";
    Probe => "Onze eigen meting", "Our own probe";
    Vendor => "Rapportage van de leverancier", "The vendor's report";
    Worst => "De slechtste van beide", "The worse of both";
    DegradedCounts => "Verminderde werking telt als storing", "Degraded service counts as down";
    NoticeDays => "Aankondiging onderhoud (dagen vooraf)", "Maintenance notice (days ahead)";
    NoticeHint => "Onderhoud telt alleen niet mee als het minstens zoveel dagen vooraf is aangekondigd.", "Maintenance is excluded only when announced at least this many days ahead.";
    ResolutionCritical => "Oplostijd kritieke storing (minuten)", "Resolution time, critical incident (minutes)";
    ResolutionMajor => "Oplostijd grote storing (minuten)", "Resolution time, major incident (minutes)";
    ResolutionMinor => "Oplostijd kleine storing (minuten)", "Resolution time, minor incident (minutes)";
    ResolutionHint => "Gemeten van melding tot oplossing van de storing bij de leverancier.", "Measured from the vendor's incident being created to it being resolved.";
    StaffelLegend => "Staffel: bij een beschikbaarheid onder de drempel een korting op het maandbedrag", "Staffel: below the threshold, a credit on the monthly fee";
    StaffelHint => "Ten hoogste 5 treden; laat regels leeg die u niet gebruikt.", "At most 5 tiers; leave rows you do not use empty.";
    Below => "Drempel {n} (%)", "Threshold {n} (%)";
    Credit => "Korting {n} (%)", "Credit {n} (%)";
    Cap => "Maximale korting per periode (%)", "Maximum credit per period (%)";
    Fee => "Maandbedrag (euro)", "Monthly fee (euro)";
    FeeHint => "Leeg: de jaarwaarde van het contract gedeeld door 12.", "Empty: the contract's annual value divided by 12.";
});

/// The staffel rows: the key problems are reported under and the field (element id `f-{field}`),
/// below and credit of each row in turn. Also the summary's links ([`FormAlert`]'s `anchors`).
const STAFFEL: [(&str, &str); 2 * MAX_TIERS] = [
    ("staffel[0].below", "staffel-0-below"),
    ("staffel[0].credit", "staffel-0-credit"),
    ("staffel[1].below", "staffel-1-below"),
    ("staffel[1].credit", "staffel-1-credit"),
    ("staffel[2].below", "staffel-2-below"),
    ("staffel[2].credit", "staffel-2-credit"),
    ("staffel[3].below", "staffel-3-below"),
    ("staffel[3].credit", "staffel-3-credit"),
    ("staffel[4].below", "staffel-4-below"),
    ("staffel[4].credit", "staffel-4-credit"),
];

/// The "SLA-afspraken" section of the contract page, with a link to the form for those who edit.
#[component]
pub fn SlaSection(
    contract: ContractId,
    terms: Option<ContractSlaTerms>,
    annual_value_cents: i64,
    manage: bool,
) -> impl IntoView {
    let lang = use_lang();
    let has_terms = terms.is_some();
    let body = match terms {
        Some(t) => view! {
            <dl class="rk-dl">
                {sla_lines(&t, annual_value_cents, lang).into_iter().map(|(label, text)| view! {
                    <dt>{label}</dt><dd>{text}</dd>
                }).collect_view()}
            </dl>
        }
        .into_any(),
        None => view! { <p class="utrecht-paragraph">{SM::NoTerms.t(lang)}</p> }.into_any(),
    };
    let link = if has_terms { SM::EditTerms } else { SM::SetTerms };
    view! {
        <section class="rk-card" aria-labelledby="sla">
            <h2 class="utrecht-heading-2" id="sla">{SM::Heading.t(lang)}</h2>
            {body}
            {has_terms.then(|| view! {
                <p class="utrecht-paragraph"><a class="utrecht-link" href=format!("/contracten/{contract}/sla-rapport")>{SM::Report.t(lang)}</a></p>
            })}
            {manage.then(|| view! {
                <p class="rk-actions"><a class="utrecht-button utrecht-button--secondary-action" href=format!("/contracten/{contract}/sla")>{link.t(lang)}</a></p>
            })}
        </section>
    }
}

fn choices(lang: Lang, list: &[(&str, M)]) -> Vec<(String, String)> {
    list.iter().map(|(k, m)| (k.to_string(), m.t(lang).to_string())).collect()
}

/// The form for a contract without terms: 24x7 per month on our own probe, no staffel.
fn blank_form() -> SlaTermsForm {
    SlaTermsForm {
        window: "always".into(),
        period: "month".into(),
        basis: "probe".into(),
        notice_days: "0".into(),
        cap: "100".into(),
        ..Default::default()
    }
}

#[component]
pub fn SlaEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<ContractId>().ok());
    let data = Resource::new(id, |id| async move {
        let Some(id) = id else { return Err(AppError::NotFound) };
        Ok((get_contract(id).await?, get_sla_terms(id).await?))
    });
    let action = ServerAction::<SetSlaTerms>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=SM::EditTerms.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !domain::policy::allowed(me.role, domain::policy::Action::ManageSlaTerms) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let (detail, terms) = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let c = detail.contract;
                let form = terms.as_ref().map(to_form).unwrap_or_else(blank_form);
                let back = format!("/contracten/{}", c.id);
                view! {
                    <p class="utrecht-paragraph"><a class="utrecht-link" href=back.clone()>{c.reference.clone()}</a></p>
                    <h1 class="utrecht-heading-1">{SM::EditTerms.t(lang)} ": " {c.reference.clone()} " — " {c.title.clone()}</h1>
                    <FormAlert error anchors=&STAFFEL/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=SetSlaTerms::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <input type="hidden" name="id" value=c.id.to_string()/>
                        <SlaFields form error/>
                        <SaveCancel cancel=back/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

/// Every field of the SLA form, prefilled from `form`.
#[component]
fn SlaFields(form: SlaTermsForm, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let f = form;
    let windows = choices(lang, &[("always", M::Always), ("weekly", M::Weekly)]);
    let periods = choices(lang, &[("month", M::Month), ("quarter", M::Quarter)]);
    let bases = choices(lang, &[("probe", M::Probe), ("vendor", M::Vendor), ("worst", M::Worst)]);
    let on = |v: &str| v == "on";
    let tiers = (0..MAX_TIERS)
        .map(|i| {
            let row = f.staffel.get(i).cloned().unwrap_or_default();
            let n = (i + 1).to_string();
            let below = super::fill(M::Below.t(lang), &[("n", n.clone())]);
            let credit = super::fill(M::Credit.t(lang), &[("n", n)]);
            let (below_row, credit_row) = (STAFFEL[2 * i], STAFFEL[2 * i + 1]);
            view! {
                <div class="rk-form-row">
                    <TextField field=below_row.1 error_key=below_row.0 name=format!("form[staffel][{i}][below]") label=below value=row.below maxlength=12 error/>
                    <TextField field=credit_row.1 error_key=credit_row.0 name=format!("form[staffel][{i}][credit]") label=credit value=row.credit maxlength=12 error/>
                </div>
            }
        })
        .collect_view();
    view! {
        <TextField field="target" name="form[target]" label=M::Target.t(lang) hint=M::TargetHint.t(lang) value=f.target.clone() required=true maxlength=12 error/>
        <SelectField field="window" name="form[window]" label=M::WindowKind.t(lang) options=windows selected=f.window.clone() required=true error/>
        <WeekdaysField checked=f.weekdays.clone() error/>
        <div class="rk-form-row">
            <TextField field="from" name="form[from]" label=M::From.t(lang) value=f.from.clone() maxlength=5 error/>
            <TextField field="to" name="form[to]" label=M::To.t(lang) hint=M::ToHint.t(lang) value=f.to.clone() maxlength=5 error/>
        </div>
        <CheckboxField field="exclude_holidays" name="form[exclude_holidays]" label=M::ExcludeHolidays.t(lang) checked=on(&f.exclude_holidays)/>
        <SelectField field="period" name="form[period]" label=M::Period.t(lang) options=periods selected=f.period.clone() required=true error/>
        <SelectField field="basis" name="form[basis]" label=M::Basis.t(lang) options=bases selected=f.basis.clone() required=true error/>
        <CheckboxField field="degraded_counts" name="form[degraded_counts]" label=M::DegradedCounts.t(lang) checked=on(&f.degraded_counts)/>
        <TextField field="notice_days" name="form[notice_days]" label=M::NoticeDays.t(lang) hint=M::NoticeHint.t(lang) input_type="number" value=f.notice_days.clone() required=true error/>
        <TextField field="resolution_critical" name="form[resolution_critical]" label=M::ResolutionCritical.t(lang) hint=M::ResolutionHint.t(lang) input_type="number" value=f.resolution_critical.clone() error/>
        <TextField field="resolution_major" name="form[resolution_major]" label=M::ResolutionMajor.t(lang) input_type="number" value=f.resolution_major.clone() error/>
        <TextField field="resolution_minor" name="form[resolution_minor]" label=M::ResolutionMinor.t(lang) input_type="number" value=f.resolution_minor.clone() error/>
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rk-form" id="f-staffel" aria-describedby="staffel-hint">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">{M::StaffelLegend.t(lang)}</legend>
            <p class="utrecht-form-field-description" id="staffel-hint">{M::StaffelHint.t(lang)}</p>
            {tiers}
        </fieldset>
        <TextField field="cap" name="form[cap]" label=M::Cap.t(lang) value=f.cap.clone() required=true maxlength=12 error/>
        <TextField field="monthly_fee" name="form[monthly_fee]" label=M::Fee.t(lang) hint=M::FeeHint.t(lang) value=f.monthly_fee.clone() maxlength=20 error/>
    }
}

/// One checkbox per weekday, named `form[weekdays][N]` with the day's key as value.
#[component]
fn WeekdaysField(checked: Vec<String>, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let err = Signal::derive(move || error.get().and_then(|e| e.field_message("weekdays", lang)));
    let described = move || err.get().map(|_| "weekdays-error");
    view! {
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset rk-form" id="f-weekdays" aria-describedby=described
            class:utrecht-form-fieldset--invalid=move || err.get().is_some()>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
                {M::Days.t(lang)} " " <span class="rk-muted">{Common::Optional.t(lang)}</span>
            </legend>
            {move || err.get().map(|e| view! { <p class="utrecht-form-field-error-message" id="weekdays-error">{e}</p> })}
            {WEEKDAY_KEYS.iter().zip(day_names(lang)).enumerate().map(|(i, (key, name))| {
                let el = format!("f-weekday-{i}");
                view! {
                    <div class="utrecht-form-field utrecht-form-field--checkbox">
                        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=el.clone()
                            name=format!("form[weekdays][{i}]") value=*key
                            checked=crate::components::draft::kept_checked(&format!("form[weekdays][{i}]"), key).unwrap_or_else(|| checked.iter().any(|c| c == key))/>
                        " "
                        <label class="utrecht-form-label utrecht-form-label--checkbox" for=el>{name}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
