//! Users (beheerder): every account with its role and state, and per account "Blokkeren" /
//! "Deblokkeren" and "Sessies beëindigen". Accounts are created on the command line
//! (`regiekamer user add`). Other roles get the 403 page from the server's refusal, which is logged.

use crate::api::requests::SetUserManager;
use crate::api::users::{list_users, BlockUser, EndUserSessions, UnblockUser};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert};
use crate::components::layout::current_me;
use crate::error::AppError;
use crate::i18n::{use_lang, Common, Label};
use leptos::prelude::*;
use leptos_meta::Title;

crate::messages!(M {
    Title => "Gebruikers", "Users";
    Intro => "Een geblokkeerde gebruiker kan niet aanmelden en al zijn sessies zijn beëindigd. Sessies beëindigen meldt de gebruiker overal af; aanmelden kan daarna gewoon weer. Nieuwe accounts maakt u met regiekamer user add.", "A blocked user cannot sign in and all of their sessions have ended. Ending sessions signs the user out everywhere; they can sign in again afterwards. New accounts are created with regiekamer user add.";
    Caption => "Gebruikers, op gebruikersnaam", "Users, by user name";
    Username => "Gebruikersnaam", "User name";
    Name => "Naam", "Name";
    Role => "Rol", "Role";
    State => "Status", "State";
    Active => "Actief", "Active";
    Blocked => "Geblokkeerd", "Blocked";
    Block => "Blokkeren", "Block";
    Unblock => "Deblokkeren", "Unblock";
    EndSessions => "Sessies beëindigen", "End sessions";
    Manager => "Leidinggevende", "Line manager";
    ManagerOf => "Leidinggevende van", "Line manager of";
    NoManager => "Geen", "None";
    SaveManager => "Opslaan", "Save";
});

#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let block = ServerAction::<BlockUser>::new();
    let unblock = ServerAction::<UnblockUser>::new();
    let end = ServerAction::<EndUserSessions>::new();
    let manager = ServerAction::<SetUserManager>::new();
    let data = Resource::new(
        move || (block.version().get(), unblock.version().get(), end.version().get(), manager.version().get()),
        |_| list_users(),
    );
    let error = Signal::derive(move || {
        [
            block.value().get().and_then(|r| r.err()),
            unblock.value().get().and_then(|r| r.err()),
            end.value().get().and_then(|r| r.err()),
            manager.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
        <Title text=M::Title.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else {
                    return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any();
                };
                let users = match data.await {
                    Ok(users) => users,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let csrf = me.csrf.clone();
                view! {
                    <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
                    <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
                    <FormAlert error/>
                    <table class="utrecht-table">
                        <caption class="utrecht-table__caption">{M::Caption.t(lang)}</caption>
                        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                            <th class="utrecht-table__header-cell" scope="col">{M::Username.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::Name.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::Role.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::State.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{M::Manager.t(lang)}</th>
                            <th class="utrecht-table__header-cell" scope="col">{Common::Actions.t(lang)}</th>
                        </tr></thead>
                        <tbody class="utrecht-table__body">
                            {users.clone().into_iter().map(|u| {
                                let people: Vec<(String, String)> = users.iter().filter(|o| o.id != u.id).map(|o| (o.id.to_string(), o.display_name.clone())).collect();
                                let id = u.id.to_string();
                                let own = u.id == me.id;
                                let csrf = csrf.clone();
                                let state = if u.blocked { M::Blocked } else { M::Active };
                                let (toggle_csrf, toggle_id) = (csrf.clone(), id.clone());
                                let toggle = if u.blocked {
                                    let label = format!("{} {}", M::Unblock.t(lang), u.username);
                                    view! {
                                        <ActionForm action=unblock>
                                            <CsrfField csrf=toggle_csrf/>
                                            <input type="hidden" name="id" value=toggle_id/>
                                            <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label=label>{M::Unblock.t(lang)}</button>
                                        </ActionForm>
                                    }.into_any()
                                } else if own {
                                    ().into_any()
                                } else {
                                    let label = format!("{} {}", M::Block.t(lang), u.username);
                                    view! {
                                        <ActionForm action=block>
                                            <CsrfField csrf=toggle_csrf/>
                                            <input type="hidden" name="id" value=toggle_id/>
                                            <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label=label>{M::Block.t(lang)}</button>
                                        </ActionForm>
                                    }.into_any()
                                };
                                let end_label = format!("{} {}", M::EndSessions.t(lang), u.username);
                                view! {
                                    <tr class="utrecht-table__row">
                                        <td class="utrecht-table__cell">{u.username.clone()}</td>
                                        <td class="utrecht-table__cell">{u.display_name.clone()}</td>
                                        <td class="utrecht-table__cell">{u.role.label(lang)}</td>
                                        <td class="utrecht-table__cell">{state.t(lang)}</td>
                                        <td class="utrecht-table__cell"><ManagerCell action=manager user=u.clone() people csrf=csrf.clone()/></td>
                                        <td class="utrecht-table__cell rk-actions">
                                            {toggle}
                                            <ActionForm action=end>
                                                <CsrfField csrf/>
                                                <input type="hidden" name="id" value=id/>
                                                <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label=end_label>{M::EndSessions.t(lang)}</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The line manager of one account, changed in place.
#[component]
fn ManagerCell(
    action: ServerAction<SetUserManager>,
    user: domain::user::UserSummary,
    people: Vec<(String, String)>,
    csrf: String,
) -> impl IntoView {
    let lang = use_lang();
    let select_id = format!("leidinggevende-{}", user.id);
    let current = user.manager.map(|m| m.to_string()).unwrap_or_default();
    let label = format!("{} {}", M::ManagerOf.t(lang), user.username);
    view! {
        <ActionForm action attr:class="rk-inline-form">
            <CsrfField csrf/>
            <input type="hidden" name="user" value=user.id.to_string()/>
            <label class="rk-visually-hidden" for=select_id.clone()>{label.clone()}</label>
            <select class="utrecht-select utrecht-select--html-select" id=select_id name="leidinggevende">
                <option value="" selected=current.is_empty()>{M::NoManager.t(lang)}</option>
                {people.into_iter().map(|(id, name)| {
                    let sel = id == current;
                    view! { <option value=id selected=sel>{name}</option> }
                }).collect_view()}
            </select>
            " "
            <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label=format!("{}: {}", M::SaveManager.t(lang), label)>{M::SaveManager.t(lang)}</button>
        </ActionForm>
    }
}
