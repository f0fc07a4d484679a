//! The form builder (`/zelfservice/beheer/formulieren/:id`): a form's draft fields in order, with
//! buttons to move or remove each and a form to add one; publishing the draft as the next version;
//! the settings; withdrawing the form from the portal or offering it again; the versions so far.
//! Every button is a small form, so the builder works without JavaScript.

use super::admin::{not_published, purpose_text, SettingsFields};
use super::{approval_text, kind_text, RM};
use crate::api::requests::{
    get_form_editor, AddFormField, EditFormField, PublishRequestForm, UpdateRequestForm, WithdrawRequestForm,
};
use crate::components::draft::KeepInput;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CheckboxField, CsrfField, FormAlert, FormError, SelectField, TextArea, TextField};
use crate::components::layout::current_me;
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common, Lang};
use domain::requests::fields::{FieldDef, FieldKind, MAX_HELP, MAX_LABEL};
use domain::requests::views::{FormEditor, VersionInfo};
use domain::RequestFormId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Approval => "Goedkeuring", "Approval";
    Back => "Terug naar formulieren en werkprofielen", "Back to forms and work profiles";
    Form => "Formulier", "Form";
    Kind => "Soort formulier", "Kind of form";
    Offered => "In de zelfservice", "In self-service";
    OfferedYes => "aangeboden", "offered";
    OfferedNo => "ingetrokken", "withdrawn";
    Publish => "Publiceren", "Publish";
    PublishIntro => "Medewerkers vullen altijd de laatst gepubliceerde versie in; ingediende aanvragen houden hun versie.", "Staff always fill in the latest published version; filed requests keep their version.";
    Unpublished => "Het concept heeft wijzigingen die medewerkers nog niet zien. Publiceer het om ze in gebruik te nemen.", "The draft has changes staff do not see yet. Publish it to put them into use.";
    NeverPublished => "Dit formulier is nog niet gepubliceerd: medewerkers zien het pas na publiceren.", "This form has not been published yet: staff see it only after publishing.";
    UpToDate => "Het concept is gelijk aan de gepubliceerde versie {n}.", "The draft equals published version {n}.";
    PublishButton => "Concept publiceren als nieuwe versie", "Publish the draft as a new version";
    Fields => "Velden (concept)", "Fields (draft)";
    FieldsCaption => "Velden van het concept, in de volgorde waarin medewerkers ze zien", "Fields of the draft, in the order staff see them";
    NoFields => "Het concept heeft nog geen velden. Voeg hieronder een veld toe.", "The draft has no fields yet. Add a field below.";
    Label => "Vraag", "Question";
    FieldKind => "Soort antwoord", "Kind of answer";
    Required => "Verplicht", "Required";
    Help => "Hulptekst", "Help text";
    Details => "Keuzes en grenzen", "Choices and limits";
    Up => "Omhoog", "Up";
    Down => "Omlaag", "Down";
    Remove => "Verwijderen", "Remove";
    AddField => "Veld toevoegen", "Add field";
    LabelHint => "De vraag zoals medewerkers hem zien.", "The question as staff see it.";
    RequiredBox => "Verplicht in te vullen", "Must be answered";
    HelpHint => "Uitleg onder de vraag.", "An explanation under the question.";
    Choices => "Keuzes", "Choices";
    ChoicesHint => "Eén keuze per regel, alleen bij Keuze uit een lijst.", "One choice per line, only for Choice from a list.";
    Minimum => "Kleinste getal", "Lowest number";
    Maximum => "Grootste getal", "Highest number";
    NumberHint => "Alleen bij Getal.", "Only for Number.";
    MaxLength => "Hoogstens zoveel tekens", "At most this many characters";
    MaxLengthHint => "Alleen bij tekst: één regel hoogstens 200, lange tekst hoogstens 4000.", "Only for text: one line at most 200, long text at most 4000.";
    Future => "Alleen vandaag of later (bij Datum)", "Only today or later (for Date)";
    AtLeast => "minimaal {n}", "at least {n}";
    AtMost => "hoogstens {n}", "at most {n}";
    Chars => "hoogstens {n} tekens", "at most {n} characters";
    FutureOnly => "vandaag of later", "today or later";
    Settings => "Instellingen", "Settings";
    SettingsIntro => "De instellingen gelden voor de volgende versie die u publiceert.", "The settings apply to the next version you publish.";
    SaveSettings => "Instellingen opslaan", "Save settings";
    Offer => "Aanbieden in de zelfservice", "Offering in self-service";
    WithdrawnText => "Dit formulier is ingetrokken: medewerkers zien het niet in de zelfservice. Ingediende aanvragen blijven bestaan.", "This form is withdrawn: staff do not see it in self-service. Filed requests remain.";
    OfferedText => "Medewerkers zien de gepubliceerde versie in de zelfservice. Intrekken haalt het formulier daar weg; ingediende aanvragen blijven bestaan.", "Staff see the published version in self-service. Withdrawing removes the form there; filed requests remain.";
    Withdraw => "Formulier intrekken", "Withdraw form";
    OfferAgain => "Weer aanbieden", "Offer again";
    Versions => "Gepubliceerde versies", "Published versions";
    NoVersions => "Er is nog geen versie gepubliceerd.", "No version has been published yet.";
    Version => "Versie", "Version";
    Published => "Gepubliceerd", "Published";
    Replaced => "Vervangen", "Replaced";
    Current => "actueel", "current";
    FieldCount => "Velden", "Fields";
});

/// Counts the successful submissions of `action` (a refusal leaves the count as it is): the source of
/// a resource that must load again after a save, without reloading (and so emptying) a refused form.
pub(super) fn successes<S>(action: ServerAction<S>) -> Memo<usize>
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Memo::new(move |prev: Option<&usize>| {
        let ok = action.value().with(|r| matches!(r, Some(Ok(_))));
        if ok {
            action.version().get_untracked()
        } else {
            prev.copied().unwrap_or(0)
        }
    })
}

/// The page at `/zelfservice/beheer/formulieren/:id`.
#[component]
pub fn FormBuilderPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<RequestFormId>().ok());
    let actions = Actions {
        update: ServerAction::new(),
        add: ServerAction::new(),
        edit: ServerAction::new(),
        publish: ServerAction::new(),
        withdraw: ServerAction::new(),
    };
    let saved = [
        successes(actions.update),
        successes(actions.add),
        successes(actions.edit),
        successes(actions.publish),
        successes(actions.withdraw),
    ];
    let data = Resource::new(
        move || (id(), saved.iter().map(|s| s.get()).sum::<usize>()),
        |(id, _)| async move {
            match id {
                Some(id) => get_form_editor(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(e) => view! { <BuilderBody e actions csrf=me.csrf.clone()/> }.into_any(),
                    Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The builder's actions, created once for the page so that their results outlive a reload of it.
#[derive(Clone, Copy)]
struct Actions {
    update: ServerAction<UpdateRequestForm>,
    add: ServerAction<AddFormField>,
    edit: ServerAction<EditFormField>,
    publish: ServerAction<PublishRequestForm>,
    withdraw: ServerAction<WithdrawRequestForm>,
}

fn error_of<S>(action: ServerAction<S>) -> FormError
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    Signal::derive(move || action.value().with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

#[component]
fn BuilderBody(e: FormEditor, actions: Actions, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let s = e.summary.clone();
    let heading = format!("{}: {}", M::Form.t(lang), s.title);
    let form_id = s.id.to_string();
    let version = if s.version.is_some() {
        format!("{} {}", M::Version.t(lang), s.version_number)
    } else {
        not_published(lang).to_string()
    };
    let (update_error, add_error, edit_error) =
        (error_of(actions.update), error_of(actions.add), error_of(actions.edit));
    let (publish_error, withdraw_error) = (error_of(actions.publish), error_of(actions.withdraw));
    let kinds: Vec<(String, String)> =
        FieldKind::ALL.into_iter().map(|k| (k.key().to_string(), kind_text(k, lang).to_string())).collect();
    let pressing = s.unpublished_changes || s.version.is_none();
    let [hidden_1, hidden_2, hidden_3, hidden_4] = std::array::from_fn(|_| hidden(&csrf, &form_id));
    let state = if s.version.is_none() {
        M::NeverPublished.t(lang).to_string()
    } else if s.unpublished_changes {
        M::Unpublished.t(lang).to_string()
    } else {
        M::UpToDate.t(lang).replace("{n}", &s.version_number.to_string())
    };
    let (withdraw_text, withdraw_button, withdraw_to) =
        if s.withdrawn { (M::WithdrawnText, M::OfferAgain, "false") } else { (M::OfferedText, M::Withdraw, "true") };
    view! {
        <PageTitle text=heading.clone()/>
        <h1 class="utrecht-heading-1">{heading}</h1>
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/zelfservice/beheer">{M::Back.t(lang)}</a></p>
        <dl class="rk-dl">
            <dt>{M::Kind.t(lang)}</dt><dd>{purpose_text(s.purpose, lang)}</dd>
            <dt>{M::Approval.t(lang)}</dt><dd>{approval_text(s.approval, lang)}</dd>
            <dt>{M::Published.t(lang)}</dt><dd>{version}</dd>
            <dt>{M::Offered.t(lang)}</dt><dd>{if s.withdrawn { M::OfferedNo.t(lang) } else { M::OfferedYes.t(lang) }}</dd>
        </dl>
        <section aria-labelledby="publiceren">
            <h2 class="utrecht-heading-2" id="publiceren">{M::Publish.t(lang)}</h2>
            {if pressing {
                view! { <div class="utrecht-alert utrecht-alert--warning"><p class="utrecht-paragraph">{state}</p></div> }.into_any()
            } else {
                view! { <p class="utrecht-paragraph">{state}</p> }.into_any()
            }}
            <p class="utrecht-paragraph">{M::PublishIntro.t(lang)}</p>
            <FormAlert error=publish_error/>
            <ActionForm action=actions.publish attr:class="rk-form">
                {hidden_1}
                <div class="rk-actions">
                    <button class=if pressing { "utrecht-button utrecht-button--primary-action" } else { "utrecht-button utrecht-button--secondary-action" } type="submit">{M::PublishButton.t(lang)}</button>
                </div>
            </ActionForm>
        </section>
        <section aria-labelledby="velden">
            <h2 class="utrecht-heading-2" id="velden">{M::Fields.t(lang)}</h2>
            <FormAlert error=edit_error/>
            <FieldsTable fields=e.draft.clone() form_id=form_id.clone() csrf=csrf.clone() edit=actions.edit/>
            <ActionForm action=actions.add attr:class="rk-form rk-card">
                <KeepInput path=AddFormField::PATH>
                <h3 class="utrecht-heading-3">{M::AddField.t(lang)}</h3>
                <FormAlert error=add_error/>
                {hidden_2}
                <TextField field="label" name="field[label]" label=M::Label.t(lang) hint=M::LabelHint.t(lang) required=true maxlength=MAX_LABEL error=add_error/>
                <SelectField field="soort" name="field[soort]" label=M::FieldKind.t(lang) options=kinds required=true error=add_error/>
                <CheckboxField field="verplicht" name="field[verplicht]" label=M::RequiredBox.t(lang)/>
                <TextArea field="hulptekst" name="field[hulptekst]" label=M::Help.t(lang) hint=M::HelpHint.t(lang) maxlength=MAX_HELP error=add_error/>
                <TextArea field="keuzes" name="field[keuzes]" label=M::Choices.t(lang) hint=M::ChoicesHint.t(lang) error=add_error/>
                <TextField field="minimum" name="field[minimum]" label=M::Minimum.t(lang) hint=M::NumberHint.t(lang) input_type="number" error=add_error/>
                <TextField field="maximum" name="field[maximum]" label=M::Maximum.t(lang) hint=M::NumberHint.t(lang) input_type="number" error=add_error/>
                <TextField field="maxlengte" name="field[maxlengte]" label=M::MaxLength.t(lang) hint=M::MaxLengthHint.t(lang) input_type="number" error=add_error/>
                <CheckboxField field="toekomst" name="field[toekomst]" label=M::Future.t(lang)/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddField.t(lang)}</button></div>
                </KeepInput>
            </ActionForm>
        </section>
        <section aria-labelledby="instellingen">
            <h2 class="utrecht-heading-2" id="instellingen">{M::Settings.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::SettingsIntro.t(lang)}</p>
            <ActionForm action=actions.update attr:class="rk-form">
                <KeepInput path=UpdateRequestForm::PATH>
                <FormAlert error=update_error/>
                {hidden_3}
                <SettingsFields current=s.clone() error=update_error/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::SaveSettings.t(lang)}</button></div>
                </KeepInput>
            </ActionForm>
        </section>
        <section aria-labelledby="aanbieden">
            <h2 class="utrecht-heading-2" id="aanbieden">{M::Offer.t(lang)}</h2>
            <p class="utrecht-paragraph">{withdraw_text.t(lang)}</p>
            <FormAlert error=withdraw_error/>
            <ActionForm action=actions.withdraw attr:class="rk-form">
                {hidden_4}
                <input type="hidden" name="withdrawn" value=withdraw_to/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--secondary-action" type="submit">{withdraw_button.t(lang)}</button></div>
            </ActionForm>
        </section>
        <VersionsSection versions=e.versions.clone()/>
    }
}

/// The CSRF token and the form's id, which every form of the builder sends.
fn hidden(csrf: &str, id: &str) -> impl IntoView {
    view! {
        <CsrfField csrf=csrf.to_string()/>
        <input type="hidden" name="id" value=id.to_string()/>
    }
}

/// What limits a field's answer, in words: its choices, range, length or dates.
fn limits(f: &FieldDef, lang: Lang) -> String {
    let n = |m: M, v: String| m.t(lang).replace("{n}", &v);
    let mut parts: Vec<String> = Vec::new();
    match f.kind {
        FieldKind::Choice => parts.push(f.choices.join("; ")),
        FieldKind::Number => {
            parts.extend(f.min.map(|v| n(M::AtLeast, v.to_string())));
            parts.extend(f.max.map(|v| n(M::AtMost, v.to_string())));
        }
        FieldKind::Text | FieldKind::LongText => parts.push(n(M::Chars, f.text_limit().to_string())),
        FieldKind::Date if f.future_only => parts.push(M::FutureOnly.t(lang).to_string()),
        _ => {}
    }
    parts.join(", ")
}

#[component]
fn FieldsTable(
    fields: Vec<FieldDef>,
    form_id: String,
    csrf: String,
    edit: ServerAction<EditFormField>,
) -> impl IntoView {
    let lang = use_lang();
    if fields.is_empty() {
        return view! { <p class="utrecht-paragraph">{M::NoFields.t(lang)}</p> }.into_any();
    }
    let last = fields.len() - 1;
    let button = |f: &FieldDef, what: &'static str, text: M| {
        let label = format!("{}: {}", text.t(lang), f.label);
        let (csrf, form_id, key) = (csrf.clone(), form_id.clone(), f.key.clone());
        view! {
            <ActionForm action=edit>
                <CsrfField csrf/>
                <input type="hidden" name="id" value=form_id/>
                <input type="hidden" name="key" value=key/>
                <input type="hidden" name="edit" value=what/>
                <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label=label>{text.t(lang)}</button>
            </ActionForm>
        }
    };
    view! {
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="draft-fields">
            <caption class="utrecht-table__caption">{M::FieldsCaption.t(lang)}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{M::Label.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::FieldKind.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::Required.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::Help.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::Details.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{Common::Actions.t(lang)}</th>
            </tr></thead>
            <tbody class="utrecht-table__body">
                {fields.iter().enumerate().map(|(i, f)| view! {
                    <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">{f.label.clone()}</th>
                        <td class="utrecht-table__cell">{kind_text(f.kind, lang)}</td>
                        <td class="utrecht-table__cell">{if f.required { Common::Yes.t(lang) } else { Common::No.t(lang) }}</td>
                        <td class="utrecht-table__cell">{f.help.clone().unwrap_or_default()}</td>
                        <td class="utrecht-table__cell">{limits(f, lang)}</td>
                        <td class="utrecht-table__cell">
                            <div class="rk-actions">
                                {(i > 0).then(|| button(f, "omhoog", M::Up))}
                                {(i < last).then(|| button(f, "omlaag", M::Down))}
                                {button(f, "verwijderen", M::Remove)}
                            </div>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

#[component]
fn VersionsSection(versions: Vec<VersionInfo>) -> impl IntoView {
    let lang = use_lang();
    let body = if versions.is_empty() {
        view! { <p class="utrecht-paragraph">{M::NoVersions.t(lang)}</p> }.into_any()
    } else {
        view! {
            <div class="rk-table-scroll">
            <table class="utrecht-table" data-testid="form-versions">
                <caption class="utrecht-table__caption">{M::Versions.t(lang)}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">{M::Version.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Published.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Replaced.t(lang)}</th>
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::FieldCount.t(lang)}</th>
                    <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{RM::Requests.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {versions.into_iter().map(|v| view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">{v.number}</th>
                            <td class="utrecht-table__cell"><LocalTime at=v.published_at/></td>
                            <td class="utrecht-table__cell">
                                {match v.retired_at {
                                    Some(at) => view! { <LocalTime at/> }.into_any(),
                                    None => view! { <strong>{M::Current.t(lang)}</strong> }.into_any(),
                                }}
                            </td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{v.fields}</td>
                            <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{v.requests}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }.into_any()
    };
    view! {
        <section aria-labelledby="versies">
            <h2 class="utrecht-heading-2" id="versies">{M::Versions.t(lang)}</h2>
            {body}
        </section>
    }
}
