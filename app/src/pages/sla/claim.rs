//! The credit claim on the report: what was recorded for the period, and (for the roles that may) a form
//! to record that the credit was claimed from the vendor or received.

use crate::api::sla::RecordCreditClaim;
use crate::components::draft::KeepInput;
use crate::components::fields::{CsrfField, FormAlert, SelectField, TextArea};
use crate::components::time::local_time;
use crate::i18n::use_lang;
use domain::sla::claims::MAX_NOTE;
use domain::sla::views::CreditClaim;
use domain::text::format_euro;
use domain::ContractId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

crate::messages!(M {
    Heading => "Servicekorting claimen", "Claiming the service credit";
    Intro => "Leg vast dat de servicekorting van deze periode bij de leverancier is geclaimd, of dat ze is ontvangen (creditnota of verrekening). Het bedrag is de berekende korting.", "Record that this period's service credit was claimed from the vendor, or that it was received (credit note or deduction). The amount is the computed credit.";
    Status => "Stand", "Status";
    Claimed => "Geclaimd", "Claimed";
    Received => "Ontvangen", "Received";
    Note => "Toelichting", "Note";
    NoteHint => "Bijvoorbeeld het kenmerk van de brief of creditnota.", "For example the reference of the letter or credit note.";
    Submit => "Vastleggen", "Record";
    Recorded => "Vastgelegd.", "Recorded.";
    Current => "{status}: {amount}, door {by} op {at}", "{status}: {amount}, by {by} at {at}";
    NotYet => "Nog niet geclaimd.", "Not claimed yet.";
});

/// The claim section; the form only when `can_record` and the period owes a credit.
#[component]
pub fn ClaimSection(
    contract: ContractId,
    month: String,
    claim: Option<CreditClaim>,
    owed: bool,
    can_record: bool,
    csrf: String,
    action: ServerAction<RecordCreditClaim>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    if !owed && claim.is_none() {
        return ().into_any();
    }
    let status_text = |s: &str| if s == "received" { M::Received.t(lang) } else { M::Claimed.t(lang) };
    let current = match &claim {
        Some(c) => super::fill(
            M::Current.t(lang),
            &[
                ("status", status_text(&c.status).to_string()),
                ("amount", format_euro(c.amount_cents)),
                ("by", c.recorded_by.clone()),
                ("at", local_time(c.recorded_at)),
            ],
        ),
        None => M::NotYet.t(lang).to_string(),
    };
    let note = claim.as_ref().and_then(|c| c.note.clone());
    let options = vec![
        ("claimed".to_string(), M::Claimed.t(lang).to_string()),
        ("received".to_string(), M::Received.t(lang).to_string()),
    ];
    let selected = claim.as_ref().map(|c| c.status.clone()).unwrap_or_default();
    let recorded = move || {
        matches!(action.value().get(), Some(Ok(()))).then(|| view! {
            <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{M::Recorded.t(lang)}</p></div>
        })
    };
    view! {
        <section class="rk-card" aria-labelledby="claim">
            <h2 class="utrecht-heading-2" id="claim">{M::Heading.t(lang)}</h2>
            <p class="utrecht-paragraph" data-testid="claim-status">{current}</p>
            {note.map(|n| view! { <p class="utrecht-paragraph">{n}</p> })}
            {(owed && can_record).then(|| view! {
                <div class="rk-no-print">
                    <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
                    {recorded}
                    <FormAlert error/>
                    <ActionForm action attr:class="rk-form">
                        <KeepInput path=RecordCreditClaim::PATH>
                        <CsrfField csrf=csrf.clone()/>
                        <input type="hidden" name="id" value=contract.to_string()/>
                        <input type="hidden" name="form[maand]" value=month.clone()/>
                        <SelectField field="status" name="form[status]" label=M::Status.t(lang) options=options.clone() selected=selected.clone() required=true error/>
                        <TextArea field="note" name="form[note]" label=M::Note.t(lang) hint=M::NoteHint.t(lang) maxlength=MAX_NOTE error/>
                        <div class="rk-actions">
                            <button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Submit.t(lang)}</button>
                        </div>
                        </KeepInput>
                    </ActionForm>
                </div>
            })}
        </section>
    }
    .into_any()
}
