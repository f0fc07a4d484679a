//! Recording a decision about the contract's next term, and the history of decisions taken.

use crate::api::contracts::DecideContract;
use crate::components::draft::KeepInput;
use crate::components::fields::{CsrfField, FormAlert, SelectField, TextArea};
use crate::components::time::LocalTime;
use crate::i18n::{date, use_lang, Label};
use domain::contract::{Decision, DecisionRecord};
use domain::ContractId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

crate::messages!(M {
    Decide => "Besluit", "Decision";
    DecideIntro => "Leg vast wat er met het contract gebeurt na de huidige termijn. Daarmee stopt de signalering voor deze termijn.", "Record what happens to the contract after the current term. This stops the alerts for this term.";
    Decision => "Besluit", "Decision";
    Note => "Toelichting", "Note";
    NoteHint => "Bijvoorbeeld waar en door wie het besluit is genomen.", "For example where and by whom the decision was taken.";
    Submit => "Besluit vastleggen", "Record decision";
    Recorded => "Het besluit is vastgelegd.", "The decision has been recorded.";
    NothingToDecide => "Voor dit contract valt nu niets te besluiten.", "There is nothing to decide for this contract now.";
    History => "Besluiten", "Decisions";
    NoHistory => "Er zijn nog geen besluiten vastgelegd.", "No decisions have been recorded yet.";
    TermEnd => "Per einde termijn", "For term ending";
    By => "Door", "By";
    At => "Vastgelegd op", "Recorded at";
});

/// The decision form, shown to roles that may decide when the contract allows a decision.
#[component]
pub fn DecisionSection(
    contract: ContractId,
    allowed: Vec<Decision>,
    can_decide: bool,
    csrf: String,
    action: ServerAction<DecideContract>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let recorded = move || {
        matches!(action.value().get(), Some(Ok(()))).then(|| {
            view! {
                <div class="utrecht-alert utrecht-alert--ok" role="status">
                    <p class="utrecht-paragraph">{M::Recorded.t(lang)}</p>
                </div>
            }
        })
    };
    // After a recorded decision the page re-renders in place; clear the choice so that it is not sent twice.
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    if !can_decide {
        return ().into_any();
    }
    let options: Vec<(String, String)> =
        allowed.iter().map(|d| (d.key().to_string(), d.label(lang).to_string())).collect();
    view! {
        <h2 class="utrecht-heading-2">{M::Decide.t(lang)}</h2>
        {recorded}
        {if options.is_empty() {
            view! { <p class="utrecht-paragraph">{M::NothingToDecide.t(lang)}</p> }.into_any()
        } else {
            view! {
                <p class="utrecht-paragraph">{M::DecideIntro.t(lang)}</p>
                <FormAlert error/>
                <ActionForm action node_ref=form_ref attr:class="rk-form">
                    <KeepInput path=DecideContract::PATH>
                    <CsrfField csrf/>
                    <input type="hidden" name="id" value=contract.to_string()/>
                    <SelectField field="decision" name="form[decision]" label=M::Decision.t(lang) options required=true error/>
                    <TextArea field="note" name="form[note]" label=M::Note.t(lang) hint=M::NoteHint.t(lang) maxlength=2000 error/>
                    <div class="rk-actions">
                        <button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Submit.t(lang)}</button>
                    </div>
                    </KeepInput>
                </ActionForm>
            }.into_any()
        }}
    }
    .into_any()
}

/// The decisions recorded for this contract, newest as the store gives them.
#[component]
pub fn DecisionHistory(decisions: Vec<DecisionRecord>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <h2 class="utrecht-heading-2">{M::History.t(lang)}</h2>
        {if decisions.is_empty() {
            view! { <p class="utrecht-paragraph">{M::NoHistory.t(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="rk-table-scroll">
                <table class="utrecht-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">{M::Decision.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::TermEnd.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::By.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::At.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Note.t(lang)}</th>
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {decisions.into_iter().map(|d| view! {
                            <tr class="utrecht-table__row">
                                <td class="utrecht-table__cell">{d.decision.label(lang)}</td>
                                <td class="utrecht-table__cell">{date(d.term_end)}</td>
                                <td class="utrecht-table__cell">{d.decided_by_name}</td>
                                <td class="utrecht-table__cell"><LocalTime at=d.decided_at/></td>
                                <td class="utrecht-table__cell">{d.note.unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
    }
}
