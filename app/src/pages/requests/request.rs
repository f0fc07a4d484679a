//! One request (`/aanvragen/:id`): where it stands, what was asked, the licence seats a profile
//! change implies, every step so far, the steps the viewer may take now, and comments both ways.
//! Only the requester, their line manager and the regie team may open it (others get 403).

use super::{RequestStatusPill, RM};
use crate::api::requests::{get_request, CommentOnRequest, TakeRequestStep};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, FormError, TextArea};
use crate::components::layout::current_me;
use crate::components::time::LocalTime;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Lang};
use domain::requests::fields::FieldKind;
use domain::requests::views::{EventKind, RequestEvent, RequestView};
use domain::requests::{Answer, Side, Step};
use domain::RequestId;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(M {
    Manager => "Leidinggevende", "Line manager";
    Regie => "Regie", "Regie team";
    Version => "Formulierversie", "Form version";
    Profile => "Gevraagd werkprofiel", "Requested work profile";
    Approvals => "Goedkeuring", "Approval";
    Given => "gegeven", "given";
    Pending => "nog niet gegeven", "not given yet";
    NotNeeded => "niet nodig", "not needed";
    Answers => "Wat is gevraagd", "What was asked";
    Empty => "niet ingevuld", "not filled in";
    Licences => "Licenties", "Licences";
    LicencesCaption => "De licenties die deze aanvraag toewijst (+1) of teruggeeft (−1)", "The licences this request assigns (+1) or returns (−1)";
    Licence => "Licentie", "Licence";
    Contract => "Contract", "Contract";
    Change => "Wijziging", "Change";
    Applied => "Verwerkt", "Applied";
    OnCompletion => "bij afronden", "on completion";
    Done => "verwerkt", "applied";
    Steps => "Volgende stap", "Next step";
    Choose => "Kies een stap", "Choose a step";
    Note => "Toelichting", "Note";
    NoteHint => "Verplicht bij afwijzen; de aanvrager ziet de toelichting.", "Required when rejecting; the requester sees the note.";
    Confirm => "Stap vastleggen", "Record step";
    History => "Verloop", "History";
    Comment => "Opmerking", "Comment";
    PostComment => "Opmerking plaatsen", "Post comment";
    Anonymised => "De persoonsgegevens van deze aanvraag zijn na de bewaartermijn verwijderd.", "The personal data of this request was removed after the retention period.";
    Someone => "iemand", "someone";
});

fn step_text(step: Step, lang: Lang) -> &'static str {
    match (step, lang) {
        (Step::Approve(Side::Manager), Lang::Nl) => "Goedkeuren als leidinggevende",
        (Step::Approve(Side::Manager), Lang::En) => "Approve as line manager",
        (Step::Reject(Side::Manager), Lang::Nl) => "Afwijzen als leidinggevende",
        (Step::Reject(Side::Manager), Lang::En) => "Reject as line manager",
        (Step::Approve(Side::Regie), Lang::Nl) => "Goedkeuren namens de regie",
        (Step::Approve(Side::Regie), Lang::En) => "Approve for the regie team",
        (Step::Reject(Side::Regie), Lang::Nl) => "Afwijzen namens de regie",
        (Step::Reject(Side::Regie), Lang::En) => "Reject for the regie team",
        (Step::Start, Lang::Nl) => "In behandeling nemen (met de leverancier)",
        (Step::Start, Lang::En) => "Take up (with the vendor)",
        (Step::Complete, Lang::Nl) => "Afronden",
        (Step::Complete, Lang::En) => "Complete",
        (Step::Cancel, Lang::Nl) => "Annuleren",
        (Step::Cancel, Lang::En) => "Cancel",
    }
}

fn event_text(e: &RequestEvent, lang: Lang) -> String {
    let side = e.side.map(|s| match (s, lang) {
        (Side::Manager, Lang::Nl) => " door de leidinggevende",
        (Side::Manager, Lang::En) => " by the line manager",
        (Side::Regie, Lang::Nl) => " door de regie",
        (Side::Regie, Lang::En) => " by the regie team",
    });
    let what = match (e.kind, lang) {
        (EventKind::Filed, Lang::Nl) => "Ingediend",
        (EventKind::Filed, Lang::En) => "Filed",
        (EventKind::Approved, Lang::Nl) => "Goedgekeurd",
        (EventKind::Approved, Lang::En) => "Approved",
        (EventKind::Rejected, Lang::Nl) => "Afgewezen",
        (EventKind::Rejected, Lang::En) => "Rejected",
        (EventKind::Started, Lang::Nl) => "In behandeling genomen",
        (EventKind::Started, Lang::En) => "Taken up",
        (EventKind::Completed, Lang::Nl) => "Afgerond",
        (EventKind::Completed, Lang::En) => "Completed",
        (EventKind::Cancelled, Lang::Nl) => "Geannuleerd",
        (EventKind::Cancelled, Lang::En) => "Cancelled",
        (EventKind::Comment, Lang::Nl) => "Opmerking",
        (EventKind::Comment, Lang::En) => "Comment",
        (EventKind::LicencesChanged, Lang::Nl) => "Licenties bijgewerkt",
        (EventKind::LicencesChanged, Lang::En) => "Licences updated",
        (EventKind::Anonymised, Lang::Nl) => "Persoonsgegevens verwijderd",
        (EventKind::Anonymised, Lang::En) => "Personal data removed",
    };
    format!("{what}{}", side.unwrap_or(""))
}

fn answer_text(a: &Answer, lang: Lang) -> String {
    if a.value.is_empty() {
        return M::Empty.t(lang).into();
    }
    match a.kind {
        FieldKind::Date => chrono::NaiveDate::parse_from_str(&a.value, "%Y-%m-%d").map(date).unwrap_or(a.value.clone()),
        FieldKind::YesNo => match (a.value.as_str(), lang) {
            ("ja", Lang::En) => "yes".into(),
            ("nee", Lang::En) => "no".into(),
            (v, _) => v.into(),
        },
        _ => a.value.clone(),
    }
}

/// The page at `/aanvragen/:id`.
#[component]
pub fn RequestPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<RequestId>().ok());
    // Taking a step or commenting reloads the request (with JavaScript the page stays).
    let step = ServerAction::<TakeRequestStep>::new();
    let comment = ServerAction::<CommentOnRequest>::new();
    let data = Resource::new(
        move || (id(), step.version().get(), comment.version().get()),
        |(id, _, _)| async move {
            match id {
                Some(id) => get_request(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                match data.await {
                    Ok(r) => view! { <RequestBody r csrf=me.csrf.clone() step comment/> }.into_any(),
                    Err(e) => view! { <PageTitle text=RM::Request.t(lang)/> <ErrorPage error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestBody(
    r: RequestView,
    csrf: String,
    step: ServerAction<TakeRequestStep>,
    comment: ServerAction<CommentOnRequest>,
) -> impl IntoView {
    let lang = use_lang();
    let title = format!("{} #{}: {}", RM::Request.t(lang), r.id, r.form_title);
    let approval = |needed: bool, given: bool| {
        if !needed {
            M::NotNeeded.t(lang)
        } else if given {
            M::Given.t(lang)
        } else {
            M::Pending.t(lang)
        }
    };
    let a = r.approvals;
    view! {
        <PageTitle text=title.clone()/>
        <h1 class="utrecht-heading-1">{title}</h1>
        {r.anonymised.then(|| view! { <p class="utrecht-paragraph">{M::Anonymised.t(lang)}</p> })}
        <dl class="rk-dl" data-testid="request-facts">
            <dt>{RM::Status.t(lang)}</dt>
            <dd><RequestStatusPill status=r.status/> {r.overdue.then(|| view! { " " <strong class="rk-overdue">{RM::Overdue.t(lang)}</strong> })}</dd>
            <dt>{RM::Requester.t(lang)}</dt>
            <dd>{r.requester_name.clone().unwrap_or_else(|| RM::Anonymised.t(lang).into())}</dd>
            {r.manager_name.clone().map(|m| view! { <dt>{M::Manager.t(lang)}</dt> <dd>{m}</dd> })}
            <dt>{RM::Filed.t(lang)}</dt>
            <dd><LocalTime at=r.filed_at/></dd>
            <dt>{RM::Due.t(lang)}</dt>
            <dd>{date(r.due_on)}</dd>
            <dt>{M::Version.t(lang)}</dt>
            <dd>{r.version_number}</dd>
            {r.profile.clone().map(|(id, name)| view! {
                <dt>{M::Profile.t(lang)}</dt>
                <dd><a class="utrecht-link" href=format!("/zelfservice/profielen/{id}")>{name}</a></dd>
            })}
            <dt>{M::Approvals.t(lang)}</dt>
            <dd>
                {M::Manager.t(lang)} ": " {approval(a.manager_needed, a.manager_given)} "; "
                {M::Regie.t(lang)} ": " {approval(a.regie_needed, a.regie_given)}
            </dd>
        </dl>
        <section aria-labelledby="antwoorden">
            <h2 class="utrecht-heading-2" id="antwoorden">{M::Answers.t(lang)}</h2>
            <dl class="rk-dl" data-testid="answers">
                {r.answers.iter().map(|an| view! { <dt>{an.label.clone()}</dt> <dd class="rk-pre">{answer_text(an, lang)}</dd> }).collect_view()}
            </dl>
        </section>
        {(!r.licences.is_empty()).then(|| view! {
            <section aria-labelledby="licenties">
                <h2 class="utrecht-heading-2" id="licenties">{M::Licences.t(lang)}</h2>
                <div class="rk-table-scroll">
                <table class="utrecht-table" data-testid="request-licences">
                    <caption class="utrecht-table__caption">{M::LicencesCaption.t(lang)}</caption>
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">{M::Licence.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Contract.t(lang)}</th>
                        <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Change.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Applied.t(lang)}</th>
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {r.licences.iter().map(|l| view! {
                            <tr class="utrecht-table__row">
                                <th class="utrecht-table__header-cell" scope="row">{l.change.licence_type.clone()}</th>
                                <td class="utrecht-table__cell">{l.change.contract_reference.clone()}</td>
                                <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{if l.change.delta > 0 { "+1" } else { "−1" }}</td>
                                <td class="utrecht-table__cell">{if l.applied { M::Done.t(lang) } else { M::OnCompletion.t(lang) }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            </section>
        })}
        {(!r.steps.is_empty()).then(|| view! { <StepForm action=step id=r.id steps=r.steps.clone() csrf=csrf.clone()/> })}
        <section aria-labelledby="verloop">
            <h2 class="utrecht-heading-2" id="verloop">{M::History.t(lang)}</h2>
            <ol class="rk-history" data-testid="history">
                {r.events.iter().map(|e| view! {
                    <li>
                        <LocalTime at=e.at/> " — " <strong>{event_text(e, lang)}</strong>
                        " (" {e.actor_name.clone().unwrap_or_else(|| M::Someone.t(lang).into())} ")"
                        {e.text.clone().map(|t| view! { <p class="utrecht-paragraph rk-pre">{t}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        {(!r.anonymised).then(|| view! { <CommentForm action=comment id=r.id csrf=csrf.clone()/> })}
        <p class="utrecht-paragraph"><a class="utrecht-link" href="/zelfservice">{RM::Portal.t(lang)}</a></p>
    }
}

#[component]
fn StepForm(action: ServerAction<TakeRequestStep>, id: RequestId, steps: Vec<Step>, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let error: FormError = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let first = steps.first().map(|s| s.key());
    view! {
        <section aria-labelledby="stap">
            <h2 class="utrecht-heading-2" id="stap">{M::Steps.t(lang)}</h2>
            <ActionForm action attr:class="rk-form" attr:data-testid="step-form">
                <FormAlert error anchors=&[("besluit", "besluit"), ("toelichting", "toelichting")]/>
                <CsrfField csrf/>
                <input type="hidden" name="id" value=id.to_string()/>
                <fieldset class="utrecht-form-fieldset" id="f-besluit">
                    <legend class="utrecht-form-fieldset__legend">{M::Choose.t(lang)}</legend>
                    {steps.into_iter().map(|s| {
                        let key = s.key();
                        let rid = format!("stap-{key}");
                        let checked = Some(&key) == first.as_ref();
                        view! {
                            <div class="utrecht-form-field utrecht-form-field--radio">
                                <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id=rid.clone() name="step" value=key checked=checked/>
                                " " <label class="utrecht-form-label utrecht-form-label--radio" for=rid>{step_text(s, lang)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <TextArea field="toelichting" name="toelichting" label=M::Note.t(lang) hint=M::NoteHint.t(lang) maxlength=2000 error/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Confirm.t(lang)}</button></div>
            </ActionForm>
        </section>
    }
}

#[component]
fn CommentForm(action: ServerAction<CommentOnRequest>, id: RequestId, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let error: FormError = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section aria-labelledby="opmerking">
            <h2 class="utrecht-heading-2" id="opmerking">{M::Comment.t(lang)}</h2>
            <ActionForm action attr:class="rk-form">
                <FormAlert error/>
                <CsrfField csrf/>
                <input type="hidden" name="id" value=id.to_string()/>
                <TextArea field="opmerking" name="opmerking" label=M::Comment.t(lang) maxlength=2000 error/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--secondary-action" type="submit">{M::PostComment.t(lang)}</button></div>
            </ActionForm>
        </section>
    }
}
