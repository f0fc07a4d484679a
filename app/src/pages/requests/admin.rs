//! The regie team's management page (`/zelfservice/beheer`): the request forms (a table, and a form
//! that starts a new one in the builder) and the work profiles (a card per profile with its edit
//! form, and a form that adds one). Regisseur and beheerder only.

use super::builder::successes;
use super::profile_form::{ProfileEditor, ProfileSaving};
use super::{approval_text, device_text, measure_text, RM};
use crate::api::requests::{get_profile_register, get_request_forms, CreateRequestForm};
use crate::components::draft::KeepInput;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, FormError, SelectField, TextArea, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Common, Lang};
use domain::requests::fields::{Approval, FormPurpose, MAX_HELP, MAX_LABEL};
use domain::requests::views::FormSummary;
use domain::requests::{ServiceChoice, WorkProfile};
use domain::views_licences::LicenceView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

crate::messages!(M {
    AllRequests => "Alle aanvragen", "All requests";
    Forms => "Formulieren", "Forms";
    FormsIntro => "Medewerkers vinden de gepubliceerde formulieren in de zelfservice. Kies een formulier om de velden te bewerken en een nieuwe versie te publiceren.", "Staff find the published forms in self-service. Choose a form to edit its fields and publish a new version.";
    FormsCaption => "Aanvraagformulieren", "Request forms";
    Title => "Titel", "Title";
    Purpose => "Soort", "Kind";
    Approval => "Goedkeuring", "Approval";
    Handling => "Doorlooptijd", "Handling time";
    DaysN => "{n} dagen", "{n} days";
    OneDay => "1 dag", "1 day";
    Version => "Gepubliceerde versie", "Published version";
    NotPublished => "niet gepubliceerd", "not published";
    Notes => "Bijzonderheden", "Remarks";
    Withdrawn => "ingetrokken", "withdrawn";
    Unpublished => "wijzigingen niet gepubliceerd", "unpublished changes";
    NoForms => "Er zijn nog geen formulieren.", "There are no forms yet.";
    NewForm => "Nieuw formulier", "New form";
    NewFormIntro => "Na het aanmaken voegt u in de formulierbouwer velden toe en publiceert u het formulier; pas dan zien medewerkers het.", "After creating it you add fields in the form builder and publish the form; only then do staff see it.";
    Create => "Formulier aanmaken", "Create form";
    ProfilesIntro => "Een werkprofiel bundelt diensten, licenties, een apparaat en beveiligingsmaatregelen. Medewerkers kiezen hun profiel in de zelfservice; de licenties worden bijgewerkt als die aanvraag is afgerond.", "A work profile bundles services, licences, a device and security measures. Staff choose their profile in self-service; the licences are updated when that request is done.";
    NoProfiles => "Er zijn nog geen werkprofielen.", "There are no work profiles yet.";
    Device => "Apparaat", "Device";
    Measures => "Beveiligingsmaatregelen", "Security measures";
    Services => "Diensten", "Services";
    Licences => "Licenties", "Licences";
    Members => "Medewerkers met dit profiel", "Staff with this profile";
    EditProfile => "{name} wijzigen", "Edit {name}";
    AddProfile => "Werkprofiel toevoegen", "Add work profile";
    ApprovalHint => "Wie de aanvraag goedkeurt voordat het regieteam hem oppakt.", "Who approves a request before the regie team takes it up.";
    Days => "Doorlooptijd in dagen", "Handling time in days";
    DaysHint => "Binnen hoeveel kalenderdagen na het indienen de aanvraag klaar moet zijn (1 tot en met 365).", "Within how many calendar days after filing a request must be done (1 to 365).";
    Description => "Omschrijving", "Description";
    Custom => "Eigen formulier", "Own form";
    Access => "Toegang tot een dienst of licentie", "Access to a service or licence";
    Problem => "Storing melden", "Report a problem";
    Profile => "Werkprofiel wijzigen", "Change work profile";
    Intake => "Nieuwe software (intake)", "New software (intake)";
});

/// "niet gepubliceerd" (also on the builder page).
pub(super) fn not_published(lang: Lang) -> &'static str {
    M::NotPublished.t(lang)
}

/// What a form is for, in words.
pub(super) fn purpose_text(p: FormPurpose, lang: Lang) -> &'static str {
    match p {
        FormPurpose::Custom => M::Custom,
        FormPurpose::Access => M::Access,
        FormPurpose::Problem => M::Problem,
        FormPurpose::Profile => M::Profile,
        FormPurpose::Intake => M::Intake,
    }
    .t(lang)
}

/// Title, description, approval and handling time: the fields of a new form and of the settings.
#[component]
pub(super) fn SettingsFields(#[prop(optional)] current: Option<FormSummary>, error: FormError) -> impl IntoView {
    let lang = use_lang();
    let approvals: Vec<(String, String)> =
        Approval::ALL.into_iter().map(|a| (a.key().to_string(), approval_text(a, lang).to_string())).collect();
    let (title, description, approval, days) = match current {
        Some(s) => {
            (s.title, s.description.unwrap_or_default(), s.approval.key().to_string(), s.handling_days.to_string())
        }
        None => Default::default(),
    };
    view! {
        <TextField field="titel" name="form[titel]" label=M::Title.t(lang) value=title required=true maxlength=MAX_LABEL error/>
        <TextArea field="omschrijving" name="form[omschrijving]" label=M::Description.t(lang) value=description maxlength=MAX_HELP error/>
        <SelectField field="goedkeuring" name="form[goedkeuring]" label=M::Approval.t(lang) hint=M::ApprovalHint.t(lang) options=approvals selected=approval required=true error/>
        <TextField field="doorlooptijd" name="form[doorlooptijd]" label=M::Days.t(lang) hint=M::DaysHint.t(lang) value=days input_type="number" required=true error/>
    }
}

/// The page at `/zelfservice/beheer`.
#[component]
pub fn RequestsAdminPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateRequestForm>::new();
    let saving = ProfileSaving::for_page();
    let saved = successes(saving.action);
    let forms = Resource::new(|| (), |_| get_request_forms());
    let register = Resource::new(move || saved.get(), |_| get_profile_register());
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                let forms = match forms.await {
                    Ok(f) => f,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let (profiles, services, licences) = match register.await {
                    Ok(r) => r,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                view! {
                    <PageTitle text=RM::Manage.t(lang)/>
                    <h1 class="utrecht-heading-1">{RM::Manage.t(lang)}</h1>
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/aanvragen">{M::AllRequests.t(lang)}</a></p>
                    <FormsSection forms create csrf=me.csrf.clone()/>
                    <ProfilesSection profiles services licences saving csrf=me.csrf.clone()/>
                }.into_any()
            })}
        </Suspense>
    }
}

fn days_text(n: u32, lang: Lang) -> String {
    if n == 1 {
        M::OneDay.t(lang).to_string()
    } else {
        M::DaysN.t(lang).replace("{n}", &n.to_string())
    }
}

#[component]
fn FormsSection(forms: Vec<FormSummary>, create: ServerAction<CreateRequestForm>, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let table = if forms.is_empty() {
        view! { <p class="utrecht-paragraph">{M::NoForms.t(lang)}</p> }.into_any()
    } else {
        view! {
            <div class="rk-table-scroll">
            <table class="utrecht-table" data-testid="request-forms">
                <caption class="utrecht-table__caption">{M::FormsCaption.t(lang)}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">{M::Title.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Purpose.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Approval.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Handling.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Version.t(lang)}</th>
                    <th class="utrecht-table__header-cell" scope="col">{M::Notes.t(lang)}</th>
                </tr></thead>
                <tbody class="utrecht-table__body">
                    {forms.into_iter().map(|f| {
                        let version = if f.version.is_some() { f.version_number.to_string() } else { M::NotPublished.t(lang).to_string() };
                        view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">
                                    <a class="utrecht-link" href=format!("/zelfservice/beheer/formulieren/{}", f.id)>{f.title.clone()}</a>
                                </th>
                                <td class="utrecht-table__cell">{purpose_text(f.purpose, lang)}</td>
                                <td class="utrecht-table__cell">{approval_text(f.approval, lang)}</td>
                                <td class="utrecht-table__cell">{days_text(f.handling_days, lang)}</td>
                                <td class="utrecht-table__cell">{version}</td>
                                <td class="utrecht-table__cell">
                                    {f.unpublished_changes.then(|| view! { <span class="rk-status rk-status--actie-nodig">{M::Unpublished.t(lang)}</span> " " })}
                                    {f.withdrawn.then(|| view! { <strong>{M::Withdrawn.t(lang)}</strong> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        }.into_any()
    };
    view! {
        <section aria-labelledby="formulieren">
            <h2 class="utrecht-heading-2" id="formulieren">{M::Forms.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::FormsIntro.t(lang)}</p>
            {table}
            <ActionForm action=create attr:class="rk-form rk-card">
                <KeepInput path=CreateRequestForm::PATH>
                <h3 class="utrecht-heading-3">{M::NewForm.t(lang)}</h3>
                <p class="utrecht-paragraph">{M::NewFormIntro.t(lang)}</p>
                <FormAlert error/>
                <CsrfField csrf/>
                <SettingsFields error/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Create.t(lang)}</button></div>
                </KeepInput>
            </ActionForm>
        </section>
    }
}

/// Items as one line of text, or "Geen".
fn listed(items: Vec<String>, lang: Lang) -> String {
    if items.is_empty() {
        Common::None.t(lang).to_string()
    } else {
        items.join(", ")
    }
}

#[component]
fn ProfilesSection(
    profiles: Vec<WorkProfile>,
    services: Vec<ServiceChoice>,
    licences: Vec<LicenceView>,
    saving: ProfileSaving,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let none = profiles.is_empty();
    let cards = profiles
        .into_iter()
        .map(|p| {
            let heading = format!("profiel-{}", p.id);
            let labelled_by = heading.clone();
            let edit = M::EditProfile.t(lang).replace("{name}", &p.name);
            let measures = listed(p.measures.iter().map(|m| measure_text(*m, lang).to_string()).collect(), lang);
            let bundled = listed(p.services.iter().map(|s| s.name.clone()).collect(), lang);
            let seats = listed(
                p.licences.iter().map(|l| format!("{} ({})", l.licence_type, l.contract_reference)).collect(),
                lang,
            );
            let open = saving.refused(Some(p.id));
            view! {
                <article class="rk-card" aria-labelledby=labelled_by>
                    <h3 class="utrecht-heading-3" id=heading>{p.name.clone()}</h3>
                    {p.description.clone().map(|d| view! { <p class="utrecht-paragraph">{d}</p> })}
                    <dl class="rk-dl">
                        <dt>{M::Device.t(lang)}</dt><dd>{device_text(p.device, lang)}</dd>
                        <dt>{M::Measures.t(lang)}</dt><dd>{measures}</dd>
                        <dt>{M::Services.t(lang)}</dt><dd>{bundled}</dd>
                        <dt>{M::Licences.t(lang)}</dt><dd>{seats}</dd>
                        <dt>{M::Members.t(lang)}</dt><dd>{p.members}</dd>
                    </dl>
                    <details open=open>
                        <summary>{edit}</summary>
                        <ProfileEditor profile=Some(p) services=services.clone() licences=licences.clone() saving csrf=csrf.clone()/>
                    </details>
                </article>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="werkprofielen">
            <h2 class="utrecht-heading-2" id="werkprofielen">{RM::Profiles.t(lang)}</h2>
            <p class="utrecht-paragraph">{M::ProfilesIntro.t(lang)}</p>
            {none.then(|| view! { <p class="utrecht-paragraph">{M::NoProfiles.t(lang)}</p> })}
            <div class="rk-form-row" data-testid="work-profiles">{cards}</div>
            <div class="rk-card">
                <h3 class="utrecht-heading-3">{M::AddProfile.t(lang)}</h3>
                <ProfileEditor profile=None services licences saving csrf/>
            </div>
        </section>
    }
}
