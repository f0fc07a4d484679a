//! The sign-in page: a plain form that works without JavaScript.

use crate::api::auth::Login;
use crate::components::draft::KeepInput;
use crate::components::fields::{FormAlert, TextField};
use crate::components::title::PageTitle;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

crate::messages!(M {
    Title => "Aanmelden", "Sign in";
    Intro => "Meld u aan met uw gebruikersnaam en wachtwoord.", "Sign in with your user name and password.";
    Username => "Gebruikersnaam", "User name";
    Password => "Wachtwoord", "Password";
    Submit => "Aanmelden", "Sign in";
    Failed => "De combinatie van gebruikersnaam en wachtwoord is onbekend.", "The combination of user name and password is unknown.";
    Changed => "Uw wachtwoord is gewijzigd. Al uw sessies zijn beëindigd; meld u opnieuw aan.", "Your password has been changed. All your sessions were ended; please sign in again.";
});

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = query.read_untracked().get("next").unwrap_or_default();
    let changed = query.read_untracked().get("changed").is_some();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <section class="rk-login">
            <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
            <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
            {changed.then(|| view! { <div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{M::Changed.t(lang)}</p></div> })}
            {move || error.get().filter(|e| matches!(e, crate::error::AppError::Unauthenticated)).map(|_| view! {
                <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{M::Failed.t(lang)}</p></div>
            })}
            {move || error.get().filter(|e| !matches!(e, crate::error::AppError::Unauthenticated | crate::error::AppError::Invalid(_))).map(|e| view! {
                <div class="utrecht-alert utrecht-alert--error" role="alert"><p class="utrecht-paragraph">{e.message(lang)}</p></div>
            })}
            <FormAlert error=Signal::derive(move || error.get().filter(|e| matches!(e, crate::error::AppError::Invalid(_))))/>
            // A plain form: a full page load after sign-in picks up the new session everywhere.
            <form class="rk-form" method="post" action=Login::url()>
                <input type="hidden" name="next" value=next/>
                // After a wrong password the user name stays (the password never does).
                <KeepInput path=Login::PATH>
                    <TextField field="username" name="username" label=M::Username.t(lang) required=true autocomplete="username" maxlength=64 error/>
                    <TextField field="password" name="password" label=M::Password.t(lang) input_type="password" required=true autocomplete="current-password" maxlength=256 error/>
                </KeepInput>
                <div class="rk-actions">
                    <button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Submit.t(lang)}</button>
                </div>
            </form>
        </section>
    }
}
