//! Accessible form fields in NL Design System markup: a label tied to its input, an optional hint,
//! and the error message tied to the field with `aria-describedby`, shown when the server refused it.

use crate::components::draft::{kept, kept_checked};
use crate::error::AppError;
use crate::i18n::{use_lang, Common};
use leptos::prelude::*;

/// The error of the last submission of an action, as a signal the fields read.
pub type FormError = Signal<Option<AppError>>;

fn field_error(error: FormError, field: &'static str) -> Signal<Option<String>> {
    let lang = use_lang();
    Signal::derive(move || error.get().and_then(|e| e.field_message(field, lang)))
}

/// The link that belongs to the field's message (the vendor that already has a KvK number).
fn field_link(error: FormError, field: &'static str) -> Signal<Option<(String, String)>> {
    let lang = use_lang();
    Signal::derive(move || error.get().and_then(|e| e.field_link(field, lang)))
}

fn described_by(field: &'static str, has_hint: bool, has_error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{field}-hint"));
    }
    if has_error {
        ids.push(format!("{field}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Label, hint and error message around an input.
#[component]
fn FieldShell(
    field: &'static str,
    label: String,
    hint: Option<String>,
    error: Signal<Option<String>>,
    #[prop(optional)] link: Option<Signal<Option<(String, String)>>>,
    required: bool,
    children: Children,
) -> impl IntoView {
    let lang = use_lang();
    let link = move || link.and_then(|l| l.get());
    view! {
        <div class="utrecht-form-field utrecht-form-field--text" class:utrecht-form-field--invalid=move || error.get().is_some()>
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=format!("f-{field}")>
                    {label}
                    {(!required).then(|| view! { " " <span class="rk-muted">{Common::Optional.t(lang)}</span> })}
                </label>
            </div>
            {hint.map(|h| view! { <p class="utrecht-form-field-description" id=format!("{field}-hint")>{h}</p> })}
            {move || error.get().map(|e| view! {
                <p class="utrecht-form-field-error-message" id=format!("{field}-error")>
                    {e}
                    {link().map(|(href, text)| view! { " " <a class="utrecht-link" href=href>{text}</a> })}
                </p>
            })}
            <div class="utrecht-form-field__input">{children()}</div>
        </div>
    }
}

/// A text-like input (`text`, `date`, `email`, `password`, `number`).
#[component]
pub fn TextField(
    /// Form key used for the error and the element id, e.g. `name`.
    field: &'static str,
    /// Name sent to the server, e.g. `form[name]`.
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// The key the server reports problems under, when it differs from `field` (which must be unique
    /// on the page because it makes the element id).
    #[prop(optional)]
    error_key: Option<&'static str>,
    error: FormError,
) -> impl IntoView {
    let err = field_error(error, error_key.unwrap_or(field));
    let link = field_link(error, error_key.unwrap_or(field));
    let has_hint = hint.is_some();
    // What was typed into a refused form, except a password.
    let value = if input_type == "password" { value } else { kept(&name).unwrap_or(value) };
    view! {
        <FieldShell field label hint error=err link required>
            <input
                class="utrecht-textbox utrecht-textbox--html-input"
                class:utrecht-textbox--invalid=move || err.get().is_some()
                id=format!("f-{field}")
                name=name
                type=input_type
                value=value
                required=required
                autocomplete=autocomplete
                maxlength=maxlength
                aria-invalid=move || err.get().is_some().then_some("true")
                aria-describedby=move || described_by(field, has_hint, err.get().is_some())
            />
        </FieldShell>
    }
}

/// A multi-line text field.
#[component]
pub fn TextArea(
    field: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] value: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] maxlength: Option<u32>,
    error: FormError,
) -> impl IntoView {
    let err = field_error(error, field);
    let has_hint = hint.is_some();
    let value = kept(&name).unwrap_or(value);
    view! {
        <FieldShell field label hint error=err required=false>
            <textarea
                class="utrecht-textarea utrecht-textarea--html-textarea"
                id=format!("f-{field}")
                name=name
                rows="4"
                maxlength=maxlength
                aria-invalid=move || err.get().is_some().then_some("true")
                aria-describedby=move || described_by(field, has_hint, err.get().is_some())
                // Leptos writes a textarea's children unescaped, so `</textarea>` in a note (or in what
                // a refused form kept) would end the element: escaped here, decoded by the browser.
                inner_html=escape_text(&value)
            ></textarea>
        </FieldShell>
    }
}

/// Text escaped for the inside of an element (`&`, `<`, `>`).
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A drop-down with `(key, label)` options; `selected` is the key of the current value.
#[component]
pub fn SelectField(
    field: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] required: bool,
    /// The key the server reports problems under, when it differs from `field`.
    #[prop(optional)]
    error_key: Option<&'static str>,
    error: FormError,
) -> impl IntoView {
    let lang = use_lang();
    let err = field_error(error, error_key.unwrap_or(field));
    let has_hint = hint.is_some();
    let selected = kept(&name).unwrap_or(selected);
    view! {
        <FieldShell field label hint error=err required>
            <select
                class="utrecht-select utrecht-select--html-select"
                id=format!("f-{field}")
                name=name
                required=required
                aria-invalid=move || err.get().is_some().then_some("true")
                aria-describedby=move || described_by(field, has_hint, err.get().is_some())
            >
                <option value="">{Common::Choose.t(lang)}</option>
                {options.into_iter().map(|(k, l)| {
                    let sel = k == selected;
                    view! { <option value=k selected=sel>{l}</option> }
                }).collect_view()}
            </select>
        </FieldShell>
    }
}

/// A single checkbox with its label after it.
#[component]
pub fn CheckboxField(
    field: &'static str,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional)] checked: bool,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let value = value.unwrap_or_else(|| "on".into());
    let checked = kept_checked(&name, &value).unwrap_or(checked);
    view! {
        <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input
                class="utrecht-checkbox utrecht-checkbox--html-input"
                type="checkbox"
                id=format!("f-{field}")
                name=name
                value=value
                checked=checked
            />
            " "
            <label class="utrecht-form-label utrecht-form-label--checkbox" for=format!("f-{field}")>{label}</label>
        </div>
    }
}

/// Where the error summary links a problem reported under `key`: `#f-{field}`, with `field` taken
/// from `anchors` (`(key, field)` pairs) when the form's element for that key has another id than
/// `f-{key}` (two "name" fields on one page, one problem for several rows).
pub fn anchor(key: &str, anchors: &[(&str, &str)]) -> String {
    let field = anchors.iter().find(|(k, _)| *k == key).map_or(key, |(_, f)| *f);
    format!("#f-{field}")
}

/// The summary shown above a form when the server refused the submission: a sentence, then one
/// line per refused field that links to it ([`anchor`]). It takes the focus, so that keyboard and
/// screen-reader users land on it: `autofocus` on a page load (also without JavaScript), and a
/// focus call when a submission through the wasm comes back refused.
#[component]
pub fn FormAlert(
    error: FormError,
    /// `(reported key, field)` for the fields whose element id is not `f-{key}`; see [`anchor`].
    #[prop(optional)]
    anchors: &'static [(&'static str, &'static str)],
) -> impl IntoView {
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
            view! {
                <div class="utrecht-alert utrecht-alert--error rk-error-summary" role="alert" tabindex="-1" autofocus=true node_ref=node>
                    <p class="utrecht-paragraph">{e.message(lang)}</p>
                    {(!problems.is_empty()).then(|| view! {
                        <ul class="utrecht-unordered-list">
                            {problems.into_iter().map(|(field, message)| view! {
                                <li class="utrecht-unordered-list__item"><a class="utrecht-link" href=anchor(&field, anchors)>{message}</a></li>
                            }).collect_view()}
                        </ul>
                    })}
                </div>
            }
        })
    }
}

/// The hidden anti-forgery field every state-changing form carries.
#[component]
pub fn CsrfField(#[prop(into)] csrf: String) -> impl IntoView {
    view! { <input type="hidden" name="csrf" value=csrf/> }
}

/// The "Opslaan" / "Annuleren" row under an edit form; `cancel` is where Annuleren leads.
#[component]
pub fn SaveCancel(#[prop(into)] cancel: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="rk-actions">
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{Common::Save.t(lang)}</button>
            <a class="utrecht-button utrecht-button--secondary-action" href=cancel>{Common::Cancel.t(lang)}</a>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::anchor;

    #[test]
    fn a_problem_links_to_its_field_or_to_the_field_named_for_its_key() {
        assert_eq!(anchor("kvk", &[]), "#f-kvk");
        let anchors = [("name", "service_name"), ("staffel[0].below", "staffel-0-below")];
        assert_eq!(anchor("name", &anchors), "#f-service_name");
        assert_eq!(anchor("staffel[0].below", &anchors), "#f-staffel-0-below");
        assert_eq!(anchor("description", &anchors), "#f-description");
    }
}
