//! Filling in a form (`/zelfservice/formulieren/:id`): the fields of its current version, each with
//! its label, help and the problem the server found at it. The page carries the version it was
//! opened with (a version retired meanwhile is refused) and a one-time token (a second click files
//! nothing new). Works without JavaScript: a refused post comes back with what was typed.

use super::approval_text;
use crate::api::requests::{get_form_to_fill, FileRequest};
use crate::components::draft::{kept, kept_checked, KeepInput};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, FormError};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use domain::requests::fields::{FieldDef, FieldKind};
use domain::requests::views::FormToFill;
use domain::requests::ServiceChoice;
use domain::{RequestFormId, WorkProfileId};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Submit => "Indienen", "Submit";
    Approval => "Wie keurt goed", "Who approves";
    Handling => "Afhandeling binnen {days} dagen na indienen.", "Handled within {days} days of filing.";
    HandlingOne => "Afhandeling binnen 1 dag na indienen.", "Handled within 1 day of filing.";
    Version => "versie", "version";
    Yes => "Ja", "Yes";
    Back => "Terug naar zelfservice", "Back to self-service";
});

/// The page at `/zelfservice/formulieren/:id`.
#[component]
pub fn FillPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<RequestFormId>().ok());
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_form_to_fill(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(f) => view! {
                        <PageTitle text=f.title.clone()/>
                        <h1 class="utrecht-heading-1">{f.title.clone()}</h1>
                        <FillForm form=f csrf=me.csrf.clone() profile=None/>
                        <p class="utrecht-paragraph"><a class="utrecht-link" href="/zelfservice">{M::Back.t(lang)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The form itself; `profile` is the work profile a profile change asks for.
#[component]
pub fn FillForm(form: FormToFill, csrf: String, profile: Option<WorkProfileId>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<FileRequest>::new();
    let error: FormError = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let handling = if form.handling_days == 1 {
        M::HandlingOne.t(lang).to_string()
    } else {
        M::Handling.t(lang).replace("{days}", &form.handling_days.to_string())
    };
    let services = form.services.clone();
    view! {
        {form.description.clone().map(|d| view! { <p class="utrecht-paragraph">{d}</p> })}
        <p class="utrecht-paragraph rk-muted">
            {M::Approval.t(lang)} ": " {approval_text(form.approval, lang)} ". " {handling} " (" {M::Version.t(lang)} " " {form.version_number} ")"
        </p>
        <KeepInput path=FileRequest::PATH>
            <ActionForm action attr:class="rk-form" attr:id="f-formulier" attr:data-testid="request-form">
                <FormAlert error anchors=&[("formulier", "formulier"), ("profiel", "formulier")]/>
                <CsrfField csrf/>
                <input type="hidden" name="version" value=form.version.to_string()/>
                <input type="hidden" name="token" value=form.submit_token.clone()/>
                {profile.map(|p| view! { <input type="hidden" name="profile" value=p.to_string()/> })}
                {form.fields.into_iter().map(|f| view! { <DynField f services=services.clone() error/> }).collect_view()}
                <div class="rk-actions">
                    <button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Submit.t(lang)}</button>
                </div>
            </ActionForm>
        </KeepInput>
    }
}

/// One field of a form, by kind, named `answers[key]` with the id `f-key`.
#[component]
fn DynField(f: FieldDef, services: Vec<ServiceChoice>, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let key = f.key.clone();
    let name = format!("answers[{}]", f.key);
    let id = format!("f-{}", f.key);
    let hint_id = format!("{}-hint", f.key);
    let error_id = format!("{}-error", f.key);
    let k1 = key.clone();
    let message = Signal::derive(move || error.get().and_then(|e| e.field_message(&k1, lang)));
    let k2 = key.clone();
    let link = Signal::derive(move || error.get().and_then(|e| e.field_link(&k2, lang)));
    let has_hint = f.help.is_some();
    let (hid, eid) = (hint_id.clone(), error_id.clone());
    let described = move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(hid.clone());
        }
        if message.get().is_some() {
            ids.push(eid.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = move || message.get().is_some().then_some("true");
    let value = kept(&name).unwrap_or_default();
    let required = f.required;
    let input = match f.kind {
        FieldKind::Text => view! {
            <input class="utrecht-textbox utrecht-textbox--html-input" id=id.clone() name=name.clone() type="text" value=value
                required=required maxlength=f.text_limit() aria-invalid=invalid aria-describedby=described/>
        }.into_any(),
        FieldKind::LongText => view! {
            <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=id.clone() name=name.clone() rows="5"
                required=required maxlength=f.text_limit() aria-invalid=invalid aria-describedby=described
                inner_html=value.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")></textarea>
        }.into_any(),
        FieldKind::Date => view! {
            <input class="utrecht-textbox utrecht-textbox--html-input" id=id.clone() name=name.clone() type="date" value=value
                required=required aria-invalid=invalid aria-describedby=described/>
        }.into_any(),
        FieldKind::Number => view! {
            <input class="utrecht-textbox utrecht-textbox--html-input" id=id.clone() name=name.clone() type="number" value=value
                required=required min=f.min max=f.max inputmode="numeric" aria-invalid=invalid aria-describedby=described/>
        }.into_any(),
        FieldKind::Choice => {
            let options: Vec<(String, String)> = f.choices.iter().map(|c| (c.clone(), c.clone())).collect();
            view! { <Select id=id.clone() name=name.clone() options selected=value required invalid=Signal::derive(invalid) described=Signal::derive(described)/> }.into_any()
        }
        FieldKind::Service => {
            let options: Vec<(String, String)> =
                services.iter().map(|s| (s.id.to_string(), format!("{} ({})", s.name, s.vendor_name))).collect();
            view! { <Select id=id.clone() name=name.clone() options selected=value required invalid=Signal::derive(invalid) described=Signal::derive(described)/> }.into_any()
        }
        FieldKind::YesNo => {
            let checked = kept_checked(&name, "ja").unwrap_or(false);
            view! {
                <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=id.clone() name=name.clone() value="ja"
                    checked=checked aria-describedby=described/>
                " " <label class="utrecht-form-label utrecht-form-label--checkbox" for=id.clone()>{M::Yes.t(lang)}</label>
            }.into_any()
        }
    };
    view! {
        <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || message.get().is_some()>
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=id.clone()>
                    {f.label.clone()}
                    {(!required).then(|| view! { " " <span class="rk-muted">{Common::Optional.t(lang)}</span> })}
                </label>
            </div>
            {f.help.clone().map(|h| view! { <p class="utrecht-form-field-description" id=hint_id.clone()>{h}</p> })}
            {move || message.get().map(|m| view! {
                <p class="utrecht-form-field-error-message" id=error_id.clone()>
                    {m}
                    {link.get().map(|(href, text)| view! { " " <a class="utrecht-link" href=href>{text}</a> })}
                </p>
            })}
            <div class="utrecht-form-field__input">{input}</div>
        </div>
    }
}

#[component]
fn Select(
    id: String,
    name: String,
    options: Vec<(String, String)>,
    selected: String,
    required: bool,
    invalid: Signal<Option<&'static str>>,
    described: Signal<Option<String>>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <select class="utrecht-select utrecht-select--html-select" id=id name=name required=required
            aria-invalid=move || invalid.get() aria-describedby=move || described.get()>
            <option value="">{Common::Choose.t(lang)}</option>
            {options.into_iter().map(|(k, l)| {
                let sel = k == selected;
                view! { <option value=k selected=sel>{l}</option> }
            }).collect_view()}
        </select>
    }
}
