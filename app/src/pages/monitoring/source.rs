//! One monitoring source: its settings, recent checks and state history, last error, open
//! incidents and upcoming maintenance, and (for managers) test, push token, edit and delete.

use super::cause::StateReason;
use super::checks::{page_from_query, CheckHistory, ChecksTable};
use super::events::{IncidentTable, MaintenanceTable};
use super::figures::{figure, FiguresTable};
use super::{kind_label, MM};
use crate::api::monitoring::{get_source_page, DeleteSource, NewPushToken, TestSource};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert};
use crate::components::layout::current_me;
use crate::components::state::StateBadge;
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use domain::monitoring::CheckState;
use domain::policy::{allowed, Action};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

crate::messages!(M {
    Settings => "Instellingen", "Settings";
    LastError => "Laatste fout", "Last error";
    NoError => "Geen fouten in de afgelopen 24 uur.", "No errors in the last 24 hours.";
    Test => "Test", "Test";
    TestHint => "Vraagt de bron één keer op via de beveiligde verbinding, zonder geheim, en toont wat er begrepen werd.", "Fetches the source once through the guarded client, without the secret, and shows what was understood.";
    TestOk => "De test is gelukt.", "The test succeeded.";
    TestFailed => "De test is mislukt.", "The test failed.";
    Details => "Details", "Details";
    NewToken => "Nieuw push-token", "New push token";
    TokenHint => "Een nieuw token vervangt het vorige.", "A new token replaces the previous one.";
    TokenOnce => "Bewaar dit token nu: het wordt niet opnieuw getoond.", "Store this token now: it will not be shown again.";
    DeleteSource => "Bron verwijderen", "Delete source";
    MapComponents => "Componenten koppelen", "Map components";
    TlsExpiry => "TLS-certificaat geldig tot", "TLS certificate valid until";
    TlsSoon => "verloopt binnen 30 dagen", "expires within 30 days";
    Components => "Componenten", "Components";
    MappedOf => "gekoppeld van de", "mapped of";
    DeleteHint => "De bron en haar controles worden verwijderd.", "The source and its checks are deleted.";
});

#[component]
pub fn SourcePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let page = move || page_from_query(query.read().get("pagina"));
    let test = ServerAction::<TestSource>::new();
    let token = ServerAction::<NewPushToken>::new();
    let delete = ServerAction::<DeleteSource>::new();
    let data = Resource::new(
        move || (id(), page(), token.version().get()),
        |(id, page, _)| async move {
            match id {
                Some(id) => get_source_page(id, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let error = Signal::derive(move || {
        delete
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| token.value().get().and_then(|r| r.err()))
            .or_else(|| test.value().get().and_then(|r| r.err()))
    });
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let manage = allowed(me.role, Action::ManageSources);
                let pages = d.pages();
                let s = d.source;
                let sid = s.id;
                let current = s.current_state();
                let is_page = s.kind == "statuspage";
                let mapped = s.form.components.iter().filter(|c| c.service_id.is_some()).count();
                let set_text = move |b: bool| if b { MM::SecretSet.t(lang) } else { MM::SecretNotSet.t(lang) };
                let (csrf_test, csrf_token, csrf_delete) = (me.csrf.clone(), me.csrf.clone(), me.csrf.clone());
                view! {
                    <PageTitle text=s.name.clone()/>
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/monitoring">{MM::Title.t(lang)}</a></p>
                    <h1 class="utrecht-heading-1">{s.name.clone()} " " <StateBadge state=current/></h1>
                    {(current != Some(CheckState::Up) && s.cause.is_some()).then(|| view! {
                        <p class="utrecht-paragraph"><StateReason state=current cause=s.cause.clone() vendor=s.vendor_id/></p>
                    })}
                    <FormAlert error/>
                    <h2 class="utrecht-heading-2">{M::Settings.t(lang)}</h2>
                    <dl class="rk-dl">
                        <dt>{MM::Vendor.t(lang)}</dt><dd><a class="utrecht-link" href=format!("/leveranciers/{}", s.vendor_id)>{s.vendor_name.clone()}</a></dd>
                        <dt>{MM::Service.t(lang)}</dt><dd>{s.service_name.clone()}</dd>
                        <dt>{MM::Kind.t(lang)}</dt><dd>{kind_label(&s.kind, lang)}</dd>
                        {(!s.form.url.is_empty()).then(|| view! { <dt>{MM::Url.t(lang)}</dt><dd>{s.form.url.clone()}</dd> })}
                        {(!s.form.method.is_empty()).then(|| view! { <dt>{MM::Method.t(lang)}</dt><dd>{s.form.method.clone()}</dd> })}
                        {(!s.form.expected_status.is_empty()).then(|| view! { <dt>{MM::ExpectedStatus.t(lang)}</dt><dd>{s.form.expected_status.clone()}</dd> })}
                        {(!s.form.keyword.is_empty()).then(|| view! { <dt>{MM::Keyword.t(lang)}</dt><dd>{s.form.keyword.clone()}</dd> })}
                        {(!s.form.json_pointer.is_empty()).then(|| view! { <dt>{MM::JsonPointer.t(lang)}</dt><dd>{s.form.json_pointer.clone()}</dd> })}
                        <dt>{MM::Interval.t(lang)}</dt><dd>{s.interval_secs}</dd>
                        <dt>{MM::Timeout.t(lang)}</dt><dd>{s.timeout_ms}</dd>
                        <dt>{MM::Enabled.t(lang)}</dt><dd>{if s.enabled { Common::Yes.t(lang) } else { Common::No.t(lang) }}</dd>
                        {s.form.mappings.iter().map(|m| {
                            let contracted = m.contracted.parse::<f64>().ok().map(|n| format!(" ({}: {})", MM::MetricContracted.t(lang).to_lowercase(), figure(n, lang)));
                            view! { <dt>{MM::MetricName.t(lang)}</dt><dd>{m.name.clone()} " = " {m.pointer.clone()} {contracted}</dd> }
                        }).collect_view()}
                        {is_page.then(|| view! { <dt>{M::Components.t(lang)}</dt><dd>{mapped} " " {M::MappedOf.t(lang)} " " {s.form.components.len()}</dd> })}
                        {s.status.as_ref().and_then(|st| st.tls_expires_at.map(|t| (t, st.tls_expires_soon))).map(|(t, soon)| view! {
                            <dt>{M::TlsExpiry.t(lang)}</dt>
                            <dd><LocalTime at=t/>
                                {soon.then(|| view! { " " <span class="rk-status rk-status--actie-nodig">{M::TlsSoon.t(lang)}</span> })}
                            </dd>
                        })}
                        <dt>{MM::Secret.t(lang)}</dt><dd>{set_text(s.has_secret)}</dd>
                        {(s.kind == "push").then(|| view! { <dt>{MM::PushToken.t(lang)}</dt><dd>{set_text(s.has_push_token)}</dd> })}
                    </dl>
                    {manage.then(|| view! {
                        <p class="rk-actions">
                            <a class="utrecht-button utrecht-button--secondary-action" href=format!("/monitoring/bronnen/{sid}/wijzigen")>{Common::Edit.t(lang)}</a>
                            {is_page.then(|| view! { " " <a class="utrecht-button utrecht-button--secondary-action" href=format!("/monitoring/bronnen/{sid}/componenten")>{M::MapComponents.t(lang)}</a> })}
                        </p>
                    })}
                    <h2 class="utrecht-heading-2">{M::LastError.t(lang)}</h2>
                    {match d.last_error {
                        Some(e) => view! {
                            <p class="utrecht-paragraph"><StateBadge state=Some(e.state)/> " " <LocalTime at=e.at/> ": " {e.message}</p>
                        }.into_any(),
                        None => view! { <p class="utrecht-paragraph">{M::NoError.t(lang)}</p> }.into_any(),
                    }}
                    {(!d.metrics.is_empty()).then(|| view! { <FiguresTable metrics=d.metrics/> })}
                    <IncidentTable incidents=d.open_incidents/>
                    <MaintenanceTable maintenances=d.upcoming_maintenances/>
                    <CheckHistory history=d.history/>
                    <ChecksTable source=sid checks=d.checks total=d.checks_total page=d.page pages/>
                    {manage.then(|| view! {
                        <h2 class="utrecht-heading-2">{M::Test.t(lang)}</h2>
                        <p class="utrecht-paragraph">{M::TestHint.t(lang)}</p>
                        <TestResult test/>
                        <ActionForm action=test>
                            <CsrfField csrf=csrf_test/>
                            <input type="hidden" name="id" value=sid.to_string()/>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{M::Test.t(lang)}</button>
                        </ActionForm>
                    })}
                    {(manage && s.kind == "push").then(|| view! {
                        <h2 class="utrecht-heading-2">{MM::PushToken.t(lang)}</h2>
                        <p class="utrecht-paragraph">{M::TokenHint.t(lang)}</p>
                        {move || token.value().get().and_then(|r| r.ok()).map(|t| view! {
                            <div class="utrecht-alert utrecht-alert--ok" role="status">
                                <p class="utrecht-paragraph">{M::TokenOnce.t(lang)}</p>
                                <p class="utrecht-paragraph"><code>{t}</code></p>
                            </div>
                        })}
                        <ActionForm action=token>
                            <CsrfField csrf=csrf_token/>
                            <input type="hidden" name="id" value=sid.to_string()/>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{M::NewToken.t(lang)}</button>
                        </ActionForm>
                    })}
                    {manage.then(|| view! {
                        <h2 class="utrecht-heading-2">{M::DeleteSource.t(lang)}</h2>
                        <p class="utrecht-paragraph">{M::DeleteHint.t(lang)}</p>
                        <ActionForm action=delete>
                            <CsrfField csrf=csrf_delete/>
                            <input type="hidden" name="id" value=sid.to_string()/>
                            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{M::DeleteSource.t(lang)}</button>
                        </ActionForm>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

/// The outcome of the last test: succeeded or failed in plain words, with the full report folded away.
#[component]
fn TestResult(test: ServerAction<TestSource>) -> impl IntoView {
    let lang = use_lang();
    move || {
        test.value().get().and_then(|r| r.ok()).map(|report| {
            let v: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
            let ok = v.get("ok").and_then(serde_json::Value::as_bool).unwrap_or(false);
            let why = v.get("error_nl").and_then(serde_json::Value::as_str).map(str::to_string);
            let pretty = serde_json::to_string_pretty(&v).unwrap_or(report);
            view! {
                <div class=if ok { "utrecht-alert utrecht-alert--ok" } else { "utrecht-alert utrecht-alert--error" } role="status">
                    <p class="utrecht-paragraph">{if ok { M::TestOk.t(lang) } else { M::TestFailed.t(lang) }} " " {why}</p>
                    <details><summary>{M::Details.t(lang)}</summary><pre>{pretty}</pre></details>
                </div>
            }
        })
    }
}
