//! Served organisations and verdeelsleutels: the list and forms the settings page and a contract's
//! cost page share. A key is typed as a percentage per organisation (fixed key) or by ticking the
//! organisations that take part (a key by inhabitants or employees uses their current counts).

use crate::api::costs::{AddOrganisation, SetAllocationKey, UpdateOrganisation};
use crate::components::fields::{CsrfField, FormAlert, SelectField, TextField};
use crate::i18n::{use_lang, Lang};
use domain::views_costs::{AllocationKeyView, Organisation};
use leptos::prelude::*;

crate::messages!(M {
    Organisations => "Organisaties die u bedient", "Organisations you serve";
    OrgCaption => "Organisaties met hun aantallen", "Organisations with their counts";
    Name => "Naam", "Name";
    Inhabitants => "Inwoners", "Inhabitants";
    Employees => "Medewerkers", "Employees";
    NoOrganisations => "Er zijn nog geen organisaties. Voeg de organisaties toe waarover u kosten verdeelt, bijvoorbeeld de gemeenten van een werkorganisatie.", "There are no organisations yet. Add the organisations you divide costs over, for example the municipalities of a shared-service organisation.";
    AddOrganisation => "Organisatie toevoegen", "Add organisation";
    EditOrganisation => "{name} wijzigen", "Edit {name}";
    KeysCaption => "Verdeelsleutels", "Allocation keys";
    Target => "Wat wordt verdeeld", "What is divided";
    Basis => "Grondslag", "Basis";
    Shares => "Verdeling", "Division";
    NoKeys => "Nog geen verdeelsleutels.", "No allocation keys yet.";
    SetKey => "Verdeelsleutel vastleggen", "Set allocation key";
    KeyHint => "Vaste verdeling: vul per organisatie een percentage in (samen precies 100 %). Naar inwoners of medewerkers: vink de organisaties aan die meedoen. Niets ingevuld en niets aangevinkt verwijdert de sleutel.", "Fixed division: enter a percentage per organisation (exactly 100 % together). By inhabitants or employees: tick the organisations that take part. Nothing entered and nothing ticked removes the key.";
    Fixed => "Vaste percentages", "Fixed percentages";
    ByInhabitants => "Naar inwoners", "By inhabitants";
    ByEmployees => "Naar medewerkers", "By employees";
    TakesPart => "doet mee", "takes part";
    Percentage => "percentage", "percentage";
    ToDivide => "Te verdelen", "To divide";
});

fn basis_text(basis: &str, lang: Lang) -> &'static str {
    match basis {
        "inwoners" => M::ByInhabitants.t(lang),
        "medewerkers" => M::ByEmployees.t(lang),
        _ => M::Fixed.t(lang),
    }
}

fn count(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

/// The organisations with their counts; for managers a form to add one and one to edit each.
#[component]
pub fn OrganisationsSection(organisations: Vec<Organisation>, manage: bool, csrf: String) -> impl IntoView {
    let lang = use_lang();
    let add = ServerAction::<AddOrganisation>::new();
    let add_error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let update = ServerAction::<UpdateOrganisation>::new();
    let update_error = Signal::derive(move || update.value().get().and_then(|r| r.err()));
    view! {
        <section aria-labelledby="organisaties">
            <h2 class="utrecht-heading-2" id="organisaties">{M::Organisations.t(lang)}</h2>
            {if organisations.is_empty() {
                view! { <p class="utrecht-paragraph">{M::NoOrganisations.t(lang)}</p> }.into_any()
            } else {
                view! {
                    <FormAlert error=update_error/>
                    <div class="rk-table-scroll">
                    <table class="utrecht-table" data-testid="organisations">
                        <caption class="utrecht-table__caption">{M::OrgCaption.t(lang)}</caption>
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">{M::Name.t(lang)}</th>
                            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Inhabitants.t(lang)}</th>
                            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric-column" scope="col">{M::Employees.t(lang)}</th>
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {organisations.iter().cloned().map(|o| {
                                let csrf = csrf.clone();
                                let (name, inhabitants, employees) = (o.name.clone(), o.inhabitants, o.employees);
                                let edit = manage.then(move || {
                                    let title = M::EditOrganisation.t(lang).replace("{name}", &o.name);
                                    view! {
                                        <details><summary>{title}</summary>
                                            <ActionForm action=update attr:class="rk-form">
                                                <CsrfField csrf=csrf.clone()/>
                                                <input type="hidden" name="id" value=o.id.to_string()/>
                                                <label class="utrecht-form-label" for=format!("o{}-naam", o.id)>{M::Name.t(lang)}</label>
                                                <input class="utrecht-textbox" id=format!("o{}-naam", o.id) name="form[naam]" value=o.name.clone() required=true maxlength=120/>
                                                <label class="utrecht-form-label" for=format!("o{}-inwoners", o.id)>{M::Inhabitants.t(lang)}</label>
                                                <input class="utrecht-textbox" id=format!("o{}-inwoners", o.id) name="form[inwoners]" value=count(o.inhabitants) inputmode="numeric"/>
                                                <label class="utrecht-form-label" for=format!("o{}-medewerkers", o.id)>{M::Employees.t(lang)}</label>
                                                <input class="utrecht-textbox" id=format!("o{}-medewerkers", o.id) name="form[medewerkers]" value=count(o.employees) inputmode="numeric"/>
                                                <div class="rk-actions"><button class="utrecht-button utrecht-button--secondary-action" type="submit">{crate::i18n::Common::Save.t(lang)}</button></div>
                                            </ActionForm>
                                        </details>
                                    }
                                });
                                view! {
                                    <tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="row">{name}{edit}</th>
                                        <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{count(inhabitants)}</td>
                                        <td class="utrecht-table__cell utrecht-table__cell--numeric-column">{count(employees)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
            {manage.then(|| view! {
                <ActionForm action=add attr:class="rk-form rk-card">
                    <h3 class="utrecht-heading-3">{M::AddOrganisation.t(lang)}</h3>
                    <FormAlert error=add_error anchors=&[("naam", "org-naam"), ("inwoners", "org-inwoners"), ("medewerkers", "org-medewerkers")]/>
                    <CsrfField csrf=csrf.clone()/>
                    <TextField field="org-naam" error_key="naam" name="form[naam]" label=M::Name.t(lang) required=true maxlength=120 error=add_error/>
                    <TextField field="org-inwoners" error_key="inwoners" name="form[inwoners]" label=M::Inhabitants.t(lang) error=add_error/>
                    <TextField field="org-medewerkers" error_key="medewerkers" name="form[medewerkers]" label=M::Employees.t(lang) error=add_error/>
                    <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddOrganisation.t(lang)}</button></div>
                </ActionForm>
            })}
        </section>
    }
}

/// The keys as a table: what is divided, the basis and each organisation's part.
#[component]
pub fn KeysTable(keys: Vec<AllocationKeyView>) -> impl IntoView {
    let lang = use_lang();
    if keys.is_empty() {
        return view! { <p class="utrecht-paragraph">{M::NoKeys.t(lang)}</p> }.into_any();
    }
    view! {
        <div class="rk-table-scroll">
        <table class="utrecht-table" data-testid="allocation-keys">
            <caption class="utrecht-table__caption">{M::KeysCaption.t(lang)}</caption>
            <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">{M::Target.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::Basis.t(lang)}</th>
                <th class="utrecht-table__header-cell" scope="col">{M::Shares.t(lang)}</th>
            </tr></thead>
            <tbody class="utrecht-table__body">
                {keys.into_iter().map(|k| {
                    let total: u64 = k.shares.iter().map(|s| s.weight).sum();
                    let parts = k.shares.iter().map(|s| {
                        let pct = if total == 0 { 0.0 } else { s.weight as f64 * 100.0 / total as f64 };
                        let pct = format!("{pct:.2}").replace('.', if lang == Lang::Nl { "," } else { "." });
                        if k.basis == "vast" { format!("{} {pct} %", s.organisation_name) } else { format!("{} {pct} % ({})", s.organisation_name, s.weight) }
                    }).collect::<Vec<_>>().join("; ");
                    view! {
                        <tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="row">{k.target_label.clone()}</th>
                            <td class="utrecht-table__cell">{basis_text(&k.basis, lang)}</td>
                            <td class="utrecht-table__cell">{parts}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// The form that sets a key. `target_field`: `contract` or `cost_centre`; `targets`: (id, label) to
/// choose from (one target: shown, not chosen).
#[component]
pub fn AllocationForm(
    target_field: &'static str,
    targets: Vec<(String, String)>,
    organisations: Vec<Organisation>,
    keys: Vec<AllocationKeyView>,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SetAllocationKey>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    // With one target, the form starts from its current key.
    let current = (targets.len() == 1).then(|| keys.first().cloned()).flatten();
    let bases = vec![
        ("vast".to_string(), M::Fixed.t(lang).to_string()),
        ("inwoners".to_string(), M::ByInhabitants.t(lang).to_string()),
        ("medewerkers".to_string(), M::ByEmployees.t(lang).to_string()),
    ];
    let selected_basis = current.as_ref().map(|k| k.basis.clone()).unwrap_or_else(|| "vast".into());
    let target = if targets.len() == 1 {
        let (id, label) = targets[0].clone();
        view! { <input type="hidden" name=target_field value=id/> <p class="utrecht-paragraph">{M::ToDivide.t(lang)} ": " {label}</p> }.into_any()
    } else {
        view! { <SelectField field="key-target" error_key=target_field name=target_field label=M::ToDivide.t(lang) options=targets required=true error/> }.into_any()
    };
    view! {
        <ActionForm action attr:class="rk-form rk-card">
            <h3 class="utrecht-heading-3">{M::SetKey.t(lang)}</h3>
            <p class="utrecht-paragraph" id="key-hint">{M::KeyHint.t(lang)}</p>
            <FormAlert error anchors=&[("basis", "key-basis"), ("aandelen", "key-shares")]/>
            <CsrfField csrf/>
            {target}
            <SelectField field="key-basis" error_key="basis" name="basis" label=M::Basis.t(lang) options=bases selected=selected_basis required=true error/>
            <fieldset class="utrecht-form-fieldset" id="f-key-shares" aria-describedby="key-hint">
                <legend class="utrecht-form-fieldset__legend">{M::Shares.t(lang)}</legend>
                {organisations.into_iter().enumerate().map(|(i, o)| {
                    let share = current.as_ref().and_then(|k| k.shares.iter().find(|s| s.organisation == o.id));
                    let typed = match (&current, share) {
                        (Some(k), Some(s)) if k.basis == "vast" => format!("{},{:02}", s.weight / 100, s.weight % 100),
                        _ => String::new(),
                    };
                    let part_id = format!("key-part-{}", o.id);
                    let pct_id = format!("f-aandeel-{}", o.id);
                    let pct_label = format!("{} {}", M::Percentage.t(lang), o.name);
                    view! {
                        <div class="rk-share">
                            <input type="hidden" name=format!("organisations[{i}]") value=o.id.to_string()/>
                            <input type="checkbox" id=part_id.clone() name=format!("participants[{i}]") value=o.id.to_string() checked=share.is_some()/>
                            <label class="utrecht-form-label" for=part_id>{o.name.clone()} " " {M::TakesPart.t(lang)}</label>
                            <input class="utrecht-textbox" id=pct_id name=format!("shares[{i}]") value=typed inputmode="decimal" size="8" aria-label=pct_label/>
                            " %"
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::SetKey.t(lang)}</button></div>
        </ActionForm>
    }
}
