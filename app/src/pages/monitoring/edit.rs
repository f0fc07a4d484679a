//! Create and edit a monitoring source. The secret is write-only: an empty field leaves it as is.

use super::{kind_label, MM};
use crate::api::monitoring::{get_source, AddSource, UpdateSource};
use crate::components::draft::KeepInput;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CheckboxField, CsrfField, FormAlert, FormError, SaveCancel, SelectField, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::use_lang;
use domain::policy::{allowed, Action};
use domain::views_monitoring::{
    SourceForm, MAX_FIGURE_NAME_CHARS, MAX_HEADER_NAME_CHARS, MAX_KEYWORD_CHARS, MAX_POINTER_CHARS, MAX_URL_CHARS,
    SOURCE_KINDS,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The figure rows of a JSON source: name, pointer and contracted number (element ids must be static
/// and unique; the contracted number's id is also where the server reports its problem, see
/// `domain::views_monitoring::contracted_field`).
const METRIC_FIELDS: [(&str, &str, &str); 6] = [
    ("metric_name_1", "metric_pointer_1", "metric_contracted_1"),
    ("metric_name_2", "metric_pointer_2", "metric_contracted_2"),
    ("metric_name_3", "metric_pointer_3", "metric_contracted_3"),
    ("metric_name_4", "metric_pointer_4", "metric_contracted_4"),
    ("metric_name_5", "metric_pointer_5", "metric_contracted_5"),
    ("metric_name_6", "metric_pointer_6", "metric_contracted_6"),
];

/// The figure rows share one problem key, `mappings`: the summary links it to the first row.
const ANCHORS: &[(&str, &str)] = &[("mappings", METRIC_FIELDS[0].0)];

/// The source fields, prefilled from `f`. `has_secret`: `None` for a new source (the secret is set
/// after saving), otherwise whether one is set (then it can be removed).
#[component]
fn SourceFields(f: SourceForm, has_secret: Option<bool>, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let kinds: Vec<(String, String)> = SOURCE_KINDS.iter().map(|k| (k.to_string(), kind_label(k, lang))).collect();
    let methods = vec![("GET".to_string(), "GET".to_string()), ("HEAD".to_string(), "HEAD".to_string())];
    let metric_rows = METRIC_FIELDS.iter().enumerate().map(|(i, (name_field, pointer_field, contracted_field))| {
        let m = f.mappings.get(i).cloned().unwrap_or_default();
        let (name, pointer, contracted) = (m.name, m.pointer, m.contracted);
        let n = i + 1;
        let label = format!("{} {n}", MM::MetricName.t(lang));
        let name_field = if i == 0 {
            view! { <TextField field=*name_field error_key="mappings" name=format!("form[metric_names][{i}]") label hint=MM::MetricHint.t(lang) value=name maxlength=MAX_FIGURE_NAME_CHARS error/> }.into_any()
        } else {
            view! { <TextField field=*name_field error_key="mappings" name=format!("form[metric_names][{i}]") label value=name maxlength=MAX_FIGURE_NAME_CHARS error/> }.into_any()
        };
        view! {
            {name_field}
            <TextField field=*pointer_field error_key="mappings" name=format!("form[metric_pointers][{i}]") label=format!("{} {n}", MM::MetricPointer.t(lang)) value=pointer maxlength=MAX_POINTER_CHARS error/>
            <TextField field=*contracted_field name=format!("form[metric_contracted][{i}]") label=format!("{} {n}", MM::MetricContracted.t(lang)) hint=MM::MetricContractedHint.t(lang) value=contracted input_type="text" error/>
        }
    }).collect_view();
    view! {
        <SelectField field="kind" name="form[kind]" label=MM::Kind.t(lang) options=kinds selected=f.kind required=true error/>
        <TextField field="name" name="form[name]" label=MM::Name.t(lang) value=f.name required=true maxlength=200 error/>
        <TextField field="url" name="form[url]" label=MM::Url.t(lang) hint=MM::UrlHint.t(lang) value=f.url input_type="url" maxlength=MAX_URL_CHARS error/>
        <SelectField field="method" name="form[method]" label=MM::Method.t(lang) options=methods selected=f.method error/>
        <TextField field="expected_status" name="form[expected_status]" label=MM::ExpectedStatus.t(lang) hint=MM::ExpectedStatusHint.t(lang) value=f.expected_status input_type="number" error/>
        <TextField field="keyword" name="form[keyword]" label=MM::Keyword.t(lang) value=f.keyword maxlength=MAX_KEYWORD_CHARS error/>
        <TextField field="json_pointer" name="form[json_pointer]" label=MM::JsonPointer.t(lang) hint=MM::JsonPointerHint.t(lang) value=f.json_pointer maxlength=MAX_POINTER_CHARS error/>
        <TextField field="auth_header" name="form[auth_header]" label=MM::AuthHeader.t(lang) hint=MM::AuthHeaderHint.t(lang) value=f.auth_header maxlength=MAX_HEADER_NAME_CHARS error/>
        {metric_rows}
        <TextField field="interval_secs" name="form[interval_secs]" label=MM::Interval.t(lang) hint=MM::IntervalHint.t(lang) value=f.interval_secs input_type="number" required=true error/>
        <TextField field="timeout_ms" name="form[timeout_ms]" label=MM::Timeout.t(lang) hint=MM::TimeoutHint.t(lang) value=f.timeout_ms input_type="number" error/>
        <CheckboxField field="enabled" name="form[enabled]" label=MM::Enabled.t(lang) checked=f.enabled/>
        {match has_secret {
            None => view! { <p class="utrecht-paragraph">{MM::SecretLater.t(lang)}</p> }.into_any(),
            Some(set) => view! {
                <TextField field="secret" name="form[secret]" label=MM::Secret.t(lang) hint=MM::SecretHint.t(lang) input_type="password" autocomplete="new-password" maxlength=4000 error/>
                {set.then(|| view! { <CheckboxField field="remove_secret" name="form[remove_secret]" label=MM::RemoveSecret.t(lang)/> })}
            }.into_any(),
        }}
    }
}

#[component]
pub fn SourceNewPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let service = move || query.read().get("dienst").and_then(|s| s.parse::<i64>().ok());
    let action = ServerAction::<AddSource>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=MM::NewSource.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !allowed(me.role, Action::ManageSources) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let Some(service) = service() else { return view! { <ErrorPage error=AppError::NotFound/> }.into_any() };
                let blank = SourceForm { kind: "http".into(), interval_secs: "60".into(), enabled: true, ..Default::default() };
                view! {
                    <h1 class="utrecht-heading-1">{MM::NewSource.t(lang)}</h1>
                    <FormAlert error anchors=ANCHORS/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=AddSource::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <input type="hidden" name="service" value=service.to_string()/>
                        <SourceFields f=blank has_secret=None error/>
                        <SaveCancel cancel="/monitoring"/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn SourceEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_source(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let action = ServerAction::<UpdateSource>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=MM::EditSource.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !allowed(me.role, Action::ManageSources) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let s = match data.await {
                    Ok(d) => d.source,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let back = format!("/monitoring/bronnen/{}", s.id);
                view! {
                    <h1 class="utrecht-heading-1">{MM::EditSource.t(lang)} ": " {s.name.clone()}</h1>
                    <FormAlert error anchors=ANCHORS/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=UpdateSource::PATH>
                        <CsrfField csrf=me.csrf.clone()/>
                        <input type="hidden" name="id" value=s.id.to_string()/>
                        <SourceFields f=s.form has_secret=Some(s.has_secret) error/>
                        <SaveCancel cancel=back/>
                        </KeepInput>
                    </ActionForm>
                }.into_any()
            })}
        </Suspense>
    }
}
