//! The services and contact persons sections of the vendor page, each with its add form.

use crate::api::vendors::{AddContact, AddService, DeleteContact, DeleteService};
use crate::components::draft::KeepInput;
use crate::components::fields::{CheckboxField, CsrfField, FormAlert, SelectField, TextField};
use crate::i18n::{use_lang, Common, Label};
use crate::pages::vendors::edit::choices;
use domain::vendor::{ContactPerson, Criticality, VendorService};
use domain::VendorId;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

crate::messages!(M {
    Services => "Diensten", "Services";
    NoServices => "Nog geen diensten vastgelegd.", "No services recorded yet.";
    AddService => "Dienst toevoegen", "Add service";
    ServiceName => "Naam van de dienst", "Service name";
    Description => "Omschrijving", "Description";
    Criticality => "Kritikaliteit", "Criticality";
    PersonalData => "Verwerkt persoonsgegevens", "Processes personal data";
    Contacts => "Contactpersonen", "Contact persons";
    NoContacts => "Nog geen contactpersonen vastgelegd.", "No contact persons recorded yet.";
    AddContact => "Contactpersoon toevoegen", "Add contact person";
    Name => "Naam", "Name";
    Role => "Functie", "Role";
    Email => "E-mailadres", "E-mail address";
    Phone => "Telefoonnummer", "Phone number";
});

#[component]
pub fn ServicesSection(
    vendor: VendorId,
    services: Vec<VendorService>,
    manage: bool,
    csrf: String,
    add: ServerAction<AddService>,
    delete: ServerAction<DeleteService>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let yes_no = move |b: bool| if b { Common::Yes.t(lang) } else { Common::No.t(lang) };
    let rows_csrf = csrf.clone();
    view! {
        <h2 class="utrecht-heading-2">{M::Services.t(lang)}</h2>
        {if services.is_empty() {
            view! { <p class="utrecht-paragraph">{M::NoServices.t(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="rk-table-scroll" role="region" aria-label=M::Services.t(lang) tabindex="0">
                <table class="utrecht-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">{M::ServiceName.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Description.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Criticality.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::PersonalData.t(lang)}</th>
                        {manage.then(|| view! { <th class="utrecht-table__header-cell" scope="col">{Common::Actions.t(lang)}</th> })}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {services.into_iter().map(|s| {
                            let csrf = rows_csrf.clone();
                            view! {
                                <tr class="utrecht-table__row">
                                    <td class="utrecht-table__cell">{s.name.clone()}</td>
                                    <td class="utrecht-table__cell">{s.description.clone().unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{s.criticality.label(lang)}</td>
                                    <td class="utrecht-table__cell">{yes_no(s.personal_data)}</td>
                                    {manage.then(|| view! {
                                        <td class="utrecht-table__cell">
                                            <ActionForm action=delete>
                                                <CsrfField csrf/>
                                                <input type="hidden" name="vendor" value=vendor.to_string()/>
                                                <input type="hidden" name="id" value=s.id.to_string()/>
                                                <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label=format!("{} {}", Common::Delete.t(lang), s.name)>{Common::Delete.t(lang)}</button>
                                            </ActionForm>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        {manage.then(|| view! {
            <h3 class="utrecht-heading-3">{M::AddService.t(lang)}</h3>
            <FormAlert error anchors=&[("name", "service_name")]/>
            <ActionForm action=add attr:class="rk-form">
                <KeepInput path=AddService::PATH>
                <CsrfField csrf=csrf.clone()/>
                <input type="hidden" name="vendor" value=vendor.to_string()/>
                <TextField field="service_name" error_key="name" name="form[name]" label=M::ServiceName.t(lang) required=true maxlength=120 error/>
                <TextField field="description" name="form[description]" label=M::Description.t(lang) maxlength=2000 error/>
                <SelectField field="criticality" name="form[criticality]" label=M::Criticality.t(lang) options=choices(Criticality::ALL, Criticality::key) required=true error/>
                <CheckboxField field="personal_data" name="form[personal_data]" label=M::PersonalData.t(lang)/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddService.t(lang)}</button></div>
                </KeepInput>
            </ActionForm>
        })}
    }
}

#[component]
pub fn ContactsSection(
    vendor: VendorId,
    contacts: Vec<ContactPerson>,
    manage: bool,
    csrf: String,
    add: ServerAction<AddContact>,
    delete: ServerAction<DeleteContact>,
) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    let rows_csrf = csrf.clone();
    view! {
        <h2 class="utrecht-heading-2">{M::Contacts.t(lang)}</h2>
        {if contacts.is_empty() {
            view! { <p class="utrecht-paragraph">{M::NoContacts.t(lang)}</p> }.into_any()
        } else {
            view! {
                <div class="rk-table-scroll" role="region" aria-label=M::Contacts.t(lang) tabindex="0">
                <table class="utrecht-table">
                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">{M::Name.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Role.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Email.t(lang)}</th>
                        <th class="utrecht-table__header-cell" scope="col">{M::Phone.t(lang)}</th>
                        {manage.then(|| view! { <th class="utrecht-table__header-cell" scope="col">{Common::Actions.t(lang)}</th> })}
                    </tr></thead>
                    <tbody class="utrecht-table__body">
                        {contacts.into_iter().map(|c| {
                            let csrf = rows_csrf.clone();
                            view! {
                                <tr class="utrecht-table__row">
                                    <td class="utrecht-table__cell">{c.name.clone()}</td>
                                    <td class="utrecht-table__cell">{c.role.clone().unwrap_or_default()}</td>
                                    <td class="utrecht-table__cell">{c.email.clone().map(|e| view! { <a class="utrecht-link" href=format!("mailto:{e}")>{e.clone()}</a> })}</td>
                                    <td class="utrecht-table__cell">{c.phone.clone().unwrap_or_default()}</td>
                                    {manage.then(|| view! {
                                        <td class="utrecht-table__cell">
                                            <ActionForm action=delete>
                                                <CsrfField csrf/>
                                                <input type="hidden" name="vendor" value=vendor.to_string()/>
                                                <input type="hidden" name="id" value=c.id.to_string()/>
                                                <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label=format!("{} {}", Common::Delete.t(lang), c.name)>{Common::Delete.t(lang)}</button>
                                            </ActionForm>
                                        </td>
                                    })}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
        {manage.then(|| view! {
            <h3 class="utrecht-heading-3">{M::AddContact.t(lang)}</h3>
            <FormAlert error anchors=&[("name", "contact_name")]/>
            <ActionForm action=add attr:class="rk-form">
                <KeepInput path=AddContact::PATH>
                <CsrfField csrf=csrf.clone()/>
                <input type="hidden" name="vendor" value=vendor.to_string()/>
                <TextField field="contact_name" error_key="name" name="form[name]" label=M::Name.t(lang) required=true maxlength=120 error/>
                <TextField field="role" name="form[role]" label=M::Role.t(lang) maxlength=120 error/>
                <TextField field="email" name="form[email]" label=M::Email.t(lang) input_type="email" maxlength=254 error/>
                <TextField field="phone" name="form[phone]" label=M::Phone.t(lang) input_type="tel" maxlength=40 error/>
                <div class="rk-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit">{M::AddContact.t(lang)}</button></div>
                </KeepInput>
            </ActionForm>
        })}
    }
}
