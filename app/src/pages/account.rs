//! My account: who I am, and changing my password (which ends all my sessions).

use crate::api::auth::ChangePassword;
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, TextField};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{use_lang, Label};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

crate::messages!(M {
    Title => "Mijn account", "My account";
    Username => "Gebruikersnaam", "User name";
    Role => "Rol", "Role";
    ChangeTitle => "Wachtwoord wijzigen", "Change password";
    ChangeIntro => "Na het wijzigen worden al uw sessies beëindigd, ook op andere apparaten.", "After the change all your sessions end, on other devices too.";
    Current => "Huidig wachtwoord", "Current password";
    New => "Nieuw wachtwoord", "New password";
    NewHint => "Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden.", "At least 12 characters. A sentence of a few words is strong and easy to remember.";
    Repeat => "Herhaal het nieuwe wachtwoord", "Repeat the new password";
    Submit => "Wachtwoord wijzigen", "Change password";
});

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else {
                    return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any();
                };
                view! {
                    <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
                    <dl class="rk-dl">
                        <dt>{M::Username.t(lang)}</dt><dd>{me.username.clone()}</dd>
                        <dt>{M::Role.t(lang)}</dt><dd>{me.role.label(lang)}</dd>
                    </dl>
                    <h2 class="utrecht-heading-2">{M::ChangeTitle.t(lang)}</h2>
                    <p class="utrecht-paragraph">{M::ChangeIntro.t(lang)}</p>
                    <FormAlert error/>
                    // A plain form: success ends the session, so a full page load to the sign-in page follows.
                    <form class="rk-form" method="post" action=ChangePassword::url()>
                        <CsrfField csrf=me.csrf.clone()/>
                        <TextField field="current_password" name="current_password" label=M::Current.t(lang) input_type="password" required=true autocomplete="current-password" error/>
                        <TextField field="new_password" name="new_password" label=M::New.t(lang) hint=M::NewHint.t(lang) input_type="password" required=true autocomplete="new-password" error/>
                        <TextField field="repeat" name="repeat" label=M::Repeat.t(lang) input_type="password" required=true autocomplete="new-password" error/>
                        <div class="rk-actions">
                            <button class="utrecht-button utrecht-button--primary-action" type="submit">{M::Submit.t(lang)}</button>
                        </div>
                    </form>
                }.into_any()
            })}
        </Suspense>
    }
}
