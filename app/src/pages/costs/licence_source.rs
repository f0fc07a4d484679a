//! The licence page's section on where its use comes from: the linked JSON monitoring source and the
//! names of its figures for assigned and active seats, with (for managers) the form to change that.

use crate::api::costs::{licence_sources, LinkLicenceSource};
use crate::components::fields::{CsrfField, FormAlert, SelectField, TextField};
use crate::i18n::use_lang;
use domain::views_licences::LicenceView;
use leptos::prelude::*;

crate::messages!(M {
    Heading => "Gebruik uit een monitoringbron", "Use from a monitoring source";
    Intro => "Een JSON-bron die de leverancier aanbiedt (zoals een usage-endpoint) kan het gebruik leveren: de nieuwste waarden tellen als meting wanneer ze nieuwer zijn dan het laatst ingelezen rapport.", "A JSON source the vendor offers (such as a usage endpoint) can supply the use: its newest values count as a measurement when they are newer than the last imported report.";
    Linked => "Gekoppeld aan {source} (toegewezen: {assigned}, actief: {active}).", "Linked to {source} (assigned: {assigned}, active: {active}).";
    NotLinked => "Niet gekoppeld aan een bron.", "Not linked to a source.";
    Source => "Bron", "Source";
    NoSource => "Kies ‘Maak een keuze’ om de bron los te koppelen.", "Choose ‘Choose’ to unlink the source.";
    Assigned => "Naam van het cijfer voor toegewezen licenties", "Name of the figure for assigned seats";
    Active => "Naam van het cijfer voor actieve licenties", "Name of the figure for active seats";
    Figures => "Cijfers van deze bronnen: {list}", "Figures of these sources: {list}";
    Save => "Bron vastleggen", "Save source";
});

/// The section; the form only for those who manage costs.
#[component]
pub fn SourceSection(l: LicenceView, manage: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let current = match &l.source {
        Some(s) => M::Linked
            .t(lang)
            .replace("{source}", &s.source_name)
            .replace("{assigned}", s.assigned_metric.as_deref().unwrap_or("–"))
            .replace("{active}", s.active_metric.as_deref().unwrap_or("–")),
        None => M::NotLinked.t(lang).to_string(),
    };
    let options = Resource::new(|| (), |_| licence_sources());
    let action = ServerAction::<LinkLicenceSource>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let (id, src) = (l.id, l.source.clone());
    view! {
        <section aria-labelledby="bron">
            <h2 class="utrecht-heading-2" id="bron">{M::Heading.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
            <p class="utrecht-paragraph" data-testid="licence-source">{current}</p>
            {manage.then(|| view! {
                <Suspense fallback=|| ()>
                    {move || {
                        let (csrf, src) = (csrf.clone(), src.clone());
                        Suspend::new(async move {
                            let list = options.await.unwrap_or_default();
                            let figures = list.iter().map(|o| format!("{} ({})", o.label, o.metrics.join(", "))).collect::<Vec<_>>().join("; ");
                            let choices: Vec<(String, String)> = list.iter().map(|o| (o.id.to_string(), o.label.clone())).collect();
                            let selected = src.as_ref().map(|s| s.source_id.to_string()).unwrap_or_default();
                            view! {
                                <ActionForm action attr:class="rk-form rk-card">
                                    <FormAlert error anchors=&[("bron", "ls-bron"), ("toegewezen", "ls-toegewezen"), ("actief", "ls-actief")]/>
                                    <CsrfField csrf/>
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <SelectField field="ls-bron" error_key="bron" name="bron" label=M::Source.t(lang) options=choices selected hint=M::NoSource.t(lang) error/>
                                    <TextField field="ls-toegewezen" error_key="toegewezen" name="toegewezen" label=M::Assigned.t(lang) value=src.as_ref().and_then(|s| s.assigned_metric.clone()).unwrap_or_default() maxlength=100 error/>
                                    <TextField field="ls-actief" error_key="actief" name="actief" label=M::Active.t(lang) value=src.as_ref().and_then(|s| s.active_metric.clone()).unwrap_or_default() maxlength=100 error/>
                                    {(!figures.is_empty()).then(|| view! { <p class="utrecht-paragraph rk-muted">{M::Figures.t(lang).replace("{list}", &figures)}</p> })}
                                    <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Save.t(lang)}</button></div>
                                </ActionForm>
                            }
                        })
                    }}
                </Suspense>
            })}
        </section>
    }
}
