//! The work profile form of the management page: one per profile and one for a new profile, all
//! posting `SaveWorkProfile`. Their element ids start with the profile (`f-p3-naam`, new: `f-pn-naam`)
//! so that they are unique on the page, and only the form that was submitted shows the refusal and
//! what was typed: after a post through the wasm the page remembers which form it was, after a plain
//! post the kept draft says so (its `id`).

use super::{device_text, measure_text};
use crate::api::requests::SaveWorkProfile;
use crate::components::draft::{FormDraft, PageDraft};
use crate::components::fields::CsrfField;
use crate::components::title::escape_html;
use crate::error::AppError;
use crate::i18n::{use_lang, Common, Lang};
use domain::requests::profiles::{MAX_PROFILE_DESCRIPTION, MAX_PROFILE_NAME};
use domain::requests::{DeviceClass, Measure, ServiceChoice, WorkProfile};
use domain::views_licences::LicenceView;
use domain::WorkProfileId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use std::sync::Arc;

crate::messages!(M {
    Name => "Naam", "Name";
    Description => "Omschrijving", "Description";
    Device => "Apparaat", "Device";
    Measures => "Beveiligingsmaatregelen", "Security measures";
    Services => "Diensten", "Services";
    Licences => "Licenties", "Licences";
    LicencesHint => "Wie dit profiel kiest, vraagt van elke aangevinkte licentie een plek aan; wie het verlaat, geeft er een terug.", "Whoever chooses this profile asks for a seat of each ticked licence; whoever leaves it gives one back.";
    NoServices => "Er staan nog geen diensten in het register.", "There are no services in the register yet.";
    NoLicences => "Er zijn nog geen licenties vastgelegd.", "No licences have been recorded yet.";
    Save => "Werkprofiel opslaan", "Save work profile";
    Add => "Werkprofiel toevoegen", "Add work profile";
});

/// The problem keys of the profile form, each the last part of its element's id.
const KEYS: [&str; 6] = ["naam", "omschrijving", "apparaat", "maatregelen", "diensten", "licenties"];

/// The page's one action for saving profiles, and which form used it last (`None`: the new one).
#[derive(Clone, Copy)]
pub struct ProfileSaving {
    pub action: ServerAction<SaveWorkProfile>,
    last: RwSignal<Option<WorkProfileId>>,
}

/// The kept draft of a refused plain post of a profile form, if this page load has one.
fn page_draft() -> Option<Arc<FormDraft>> {
    use_context::<PageDraft>()?.0.filter(|d| d.path == SaveWorkProfile::PATH)
}

/// The profile a draft was for (`None`: a new profile).
fn draft_id(d: &FormDraft) -> Option<WorkProfileId> {
    d.fields.iter().find(|(n, _)| n == "id").and_then(|(_, v)| v.parse().ok())
}

impl ProfileSaving {
    /// Creates the action for the page (once, above the forms).
    pub fn for_page() -> ProfileSaving {
        let action = ServerAction::<SaveWorkProfile>::new();
        let last = RwSignal::new(page_draft().and_then(|d| draft_id(&d)));
        Effect::new(move |_| {
            if let Some(input) = action.input().get() {
                last.set(input.id);
            }
        });
        ProfileSaving { action, last }
    }

    /// The refusal of the form for profile `id`, when that form was the one refused.
    fn error_for(self, id: Option<WorkProfileId>) -> Signal<Option<AppError>> {
        Signal::derive(
            move || {
                if self.last.get() == id {
                    self.action.value().get().and_then(|r| r.err())
                } else {
                    None
                }
            },
        )
    }

    /// Whether the form for profile `id` came back refused (its edit panel then starts open).
    pub fn refused(self, id: Option<WorkProfileId>) -> bool {
        self.error_for(id).get_untracked().is_some()
    }
}

/// A field's message for problem `key`.
fn message(error: Signal<Option<AppError>>, key: &'static str, lang: Lang) -> Signal<Option<String>> {
    Signal::derive(move || error.get().and_then(|e| e.field_message(key, lang)))
}

/// The form that adds a profile (`profile` none) or changes one.
#[component]
pub fn ProfileEditor(
    profile: Option<WorkProfile>,
    services: Vec<ServiceChoice>,
    licences: Vec<LicenceView>,
    saving: ProfileSaving,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let id = profile.as_ref().map(|p| p.id);
    let prefix = id.map_or_else(|| "pn".to_string(), |id| format!("p{id}"));
    let error = saving.error_for(id);
    // What a refused plain post of this very form typed (a textarea's text is written unescaped by
    // Leptos, hence `escape_html` below).
    let draft = page_draft().filter(|d| draft_id(d) == id);
    let typed = |name: &str| {
        draft.as_ref().map(|d| d.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default())
    };
    let ticked = |group: &str, value: &str, saved: bool| match &draft {
        Some(d) => d.fields.iter().any(|(n, v)| n.starts_with(&format!("form[{group}][")) && v == value),
        None => saved,
    };
    let name = typed("form[naam]").unwrap_or_else(|| profile.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let description = typed("form[omschrijving]")
        .unwrap_or_else(|| profile.as_ref().and_then(|p| p.description.clone()).unwrap_or_default());
    let device = typed("form[apparaat]")
        .unwrap_or_else(|| profile.as_ref().map(|p| p.device.key().to_string()).unwrap_or_default());
    let measures: Vec<(String, String, bool)> = Measure::ALL
        .into_iter()
        .map(|m| {
            let saved = profile.as_ref().is_some_and(|p| p.measures.contains(&m));
            (m.key().to_string(), measure_text(m, lang).to_string(), ticked("maatregelen", m.key(), saved))
        })
        .collect();
    let service_boxes: Vec<(String, String, bool)> = services
        .iter()
        .map(|s| {
            let saved = profile.as_ref().is_some_and(|p| p.services.iter().any(|x| x.id == s.id));
            let v = s.id.to_string();
            let checked = ticked("diensten", &v, saved);
            (v, format!("{} ({})", s.name, s.vendor_name), checked)
        })
        .collect();
    let licence_boxes: Vec<(String, String, bool)> = licences
        .iter()
        .map(|l| {
            let saved = profile.as_ref().is_some_and(|p| p.licences.iter().any(|x| x.id == l.id));
            let v = l.id.to_string();
            let checked = ticked("licenties", &v, saved);
            (v, format!("{} — {} — {}", l.licence_type, l.contract_reference, l.vendor_name), checked)
        })
        .collect();
    let f = |key: &str| format!("f-{prefix}-{key}");
    let (name_msg, desc_msg, device_msg) =
        (message(error, "naam", lang), message(error, "omschrijving", lang), message(error, "apparaat", lang));
    let (name_id, desc_id, device_id) = (f("naam"), f("omschrijving"), f("apparaat"));
    let err_id = |key: &str| format!("{prefix}-{key}-error");
    let (name_err, desc_err, device_err) = (err_id("naam"), err_id("omschrijving"), err_id("apparaat"));
    let (ne, de, ve) = (name_err.clone(), desc_err.clone(), device_err.clone());
    let button = if id.is_some() { M::Save } else { M::Add };
    view! {
        <ActionForm action=saving.action attr:class="rk-form">
            <ProfileAlert error prefix=prefix.clone()/>
            <CsrfField csrf/>
            <input type="hidden" name="id" value=id.map(|i| i.to_string()).unwrap_or_default()/>
            <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || name_msg.get().is_some()>
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=name_id.clone()>{M::Name.t(lang)}</label></div>
                {move || name_msg.get().map(|m| view! { <p class="utrecht-form-field-error-message" id=ne.clone()>{m}</p> })}
                <div class="utrecht-form-field__input">
                    <input class="utrecht-textbox utrecht-textbox--html-input" id=name_id name="form[naam]" value=name required=true maxlength=MAX_PROFILE_NAME
                        aria-invalid=move || name_msg.get().map(|_| "true") aria-describedby=move || name_msg.get().map(|_| name_err.clone())/>
                </div>
            </div>
            <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || desc_msg.get().is_some()>
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for=desc_id.clone()>{M::Description.t(lang)} " " <span class="rk-muted">{Common::Optional.t(lang)}</span></label>
                </div>
                {move || desc_msg.get().map(|m| view! { <p class="utrecht-form-field-error-message" id=de.clone()>{m}</p> })}
                <div class="utrecht-form-field__input">
                    <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id=desc_id name="form[omschrijving]" rows="3" maxlength=MAX_PROFILE_DESCRIPTION
                        aria-invalid=move || desc_msg.get().map(|_| "true") aria-describedby=move || desc_msg.get().map(|_| desc_err.clone())
                        inner_html=escape_html(&description)></textarea>
                </div>
            </div>
            <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || device_msg.get().is_some()>
                <div class="utrecht-form-field__label"><label class="utrecht-form-label" for=device_id.clone()>{M::Device.t(lang)}</label></div>
                {move || device_msg.get().map(|m| view! { <p class="utrecht-form-field-error-message" id=ve.clone()>{m}</p> })}
                <div class="utrecht-form-field__input">
                    <select class="utrecht-select utrecht-select--html-select" id=device_id name="form[apparaat]" required=true
                        aria-invalid=move || device_msg.get().map(|_| "true") aria-describedby=move || device_msg.get().map(|_| device_err.clone())>
                        <option value="">{Common::Choose.t(lang)}</option>
                        {DeviceClass::ALL.into_iter().map(|d| view! { <option value=d.key() selected=d.key() == device>{device_text(d, lang)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <CheckGroup prefix=prefix.clone() key="maatregelen" legend=M::Measures.t(lang) boxes=measures empty="" error/>
            <CheckGroup prefix=prefix.clone() key="diensten" legend=M::Services.t(lang) boxes=service_boxes empty=M::NoServices.t(lang) error/>
            <CheckGroup prefix=prefix.clone() key="licenties" legend=M::Licences.t(lang) hint=M::LicencesHint.t(lang) boxes=licence_boxes empty=M::NoLicences.t(lang) error/>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{button.t(lang)}</button></div>
        </ActionForm>
    }
}

/// A fieldset of checkboxes `form[{key}][i]` with `(value, label, checked)`; its id `f-{prefix}-{key}`
/// is where the error summary leads.
#[component]
fn CheckGroup(
    prefix: String,
    key: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    boxes: Vec<(String, String, bool)>,
    /// Said instead of the boxes when there is nothing to tick.
    empty: &'static str,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let msg = message(error, key, lang);
    let (hint_id, err_id) = (format!("{prefix}-{key}-hint"), format!("{prefix}-{key}-error"));
    let (h, e) = (hint_id.clone(), err_id.clone());
    let described = move || {
        let ids: Vec<&str> = [hint.map(|_| h.as_str()), msg.get().map(|_| e.as_str())].into_iter().flatten().collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let empty_text = boxes.is_empty().then_some(empty).filter(|t| !t.is_empty());
    view! {
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset" id=format!("f-{prefix}-{key}") aria-describedby=described
            class:utrecht-form-fieldset--invalid=move || msg.get().is_some()>
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend utrecht-form-label">
                {legend} " " <span class="rk-muted">{Common::Optional.t(lang)}</span>
            </legend>
            {hint.map(|t| view! { <p class="utrecht-form-field-description" id=hint_id>{t}</p> })}
            {move || msg.get().map(|m| view! { <p class="utrecht-form-field-error-message" id=err_id.clone()>{m}</p> })}
            {empty_text.map(|t| view! { <p class="utrecht-paragraph rk-muted">{t}</p> })}
            {boxes.into_iter().enumerate().map(|(i, (value, label, checked))| {
                let el = format!("f-{prefix}-{key}-{i}");
                view! {
                    <div class="utrecht-form-field utrecht-form-field--checkbox">
                        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id=el.clone()
                            name=format!("form[{key}][{i}]") value=value checked=checked/>
                        " "
                        <label class="utrecht-form-label utrecht-form-label--checkbox" for=el>{label}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The error summary of one profile form: as [`FormAlert`](crate::components::fields::FormAlert),
/// with links to this form's own fields.
#[component]
fn ProfileAlert(error: Signal<Option<AppError>>, prefix: String) -> impl IntoView {
    let lang = use_lang();
    let node = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some() {
            #[cfg(feature = "hydrate")]
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    move || {
        error.get().map(|e| {
            let problems = e.problems(lang);
            let prefix = prefix.clone();
            view! {
                <div class="utrecht-alert utrecht-alert--error rk-error-summary" role="alert" tabindex="-1" autofocus=true node_ref=node>
                    <p class="utrecht-paragraph">{e.message(lang)}</p>
                    {(!problems.is_empty()).then(|| view! {
                        <ul class="utrecht-unordered-list">
                            {problems.into_iter().map(|(key, message)| {
                                let target = KEYS.iter().find(|k| **k == key).copied().unwrap_or("naam");
                                view! {
                                    <li class="utrecht-unordered-list__item"><a class="utrecht-link" href=format!("#f-{prefix}-{target}")>{message}</a></li>
                                }
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}
