//! The page frame: skip link, header with the user and language switch, the main menu by role.

use crate::api::auth::{Logout, SetLanguage};
use crate::i18n::{use_lang, Common, Label, Lang};
use domain::policy::{allowed, Action};
use domain::user::Me;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

/// The signed-in user, loaded once per page load and shared with every page through context.
#[derive(Clone, Copy)]
pub struct MeResource(pub Resource<Result<Option<Me>, crate::error::AppError>>);

/// The signed-in user from the shared resource (inside a `Suspense`).
pub async fn current_me() -> Option<Me> {
    let res = expect_context::<MeResource>().0;
    res.await.ok().flatten()
}

#[component]
pub fn Header(me: Option<Me>) -> impl IntoView {
    let lang = use_lang();
    let other = if lang == Lang::Nl { Lang::En } else { Lang::Nl };
    view! {
        <a class="rk-skip-link" href="#inhoud">{Common::SkipToContent.t(lang)}</a>
        <header class="rk-header">
            <a class="rk-header__brand" href="/">{Common::AppName.t(lang)}</a>
            <div class="rk-header__user">
                {me.as_ref().map(|m| view! {
                    <span>{Common::SignedInAs.t(lang)} " " <strong>{m.display_name.clone()}</strong> " (" {m.role.label(lang)} ")"</span>
                })}
                <form method="post" action=SetLanguage::url()>
                    <input type="hidden" name="lang" value=other.code()/>
                    <button class="utrecht-button utrecht-button--subtle" type="submit" lang=other.code()>
                        {Common::SwitchToOther.t(lang)}
                    </button>
                </form>
                {me.map(|m| view! {
                    <form method="post" action=Logout::url()>
                        <input type="hidden" name="csrf" value=m.csrf/>
                        <button class="utrecht-button utrecht-button--secondary-action" type="submit">{Common::SignOut.t(lang)}</button>
                    </form>
                })}
            </div>
        </header>
    }
}

#[component]
pub fn Nav(me: Me) -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let mut items: Vec<(&'static str, Common)> = vec![("/", Common::NavHome)];
    if allowed(me.role, Action::FileRequests) && me.role != domain::Role::Medewerker {
        // A medewerker's start page is the portal itself.
        items.push(("/zelfservice", Common::NavSelfService));
    }
    if allowed(me.role, Action::HandleRequests) {
        items.push(("/aanvragen", Common::NavRequests));
    }
    if allowed(me.role, Action::ViewVendors) {
        items.push(("/leveranciers", Common::NavVendors));
    }
    if allowed(me.role, Action::ViewContracts) {
        items.push(("/contracten", Common::NavContracts));
        items.push(("/termijnen", Common::NavDeadlines));
        items.push(("/sla", Common::NavSla));
    }
    if allowed(me.role, Action::ViewCosts) {
        items.push(("/kosten", Common::NavCosts));
    }
    if allowed(me.role, Action::ViewMonitoring) {
        items.push(("/monitoring", Common::NavMonitoring));
    }
    if allowed(me.role, Action::ViewAuditLog) {
        items.push(("/audit", Common::NavAudit));
    }
    if allowed(me.role, Action::ManageUsers) {
        items.push(("/gebruikers", Common::NavUsers));
    }
    items.push(("/account", Common::NavAccount));
    view! {
        <nav class="rk-nav" aria-label=Common::MainNav.t(lang)>
            <ul>
                {items.into_iter().map(|(href, label)| {
                    let current = move || {
                        let p = location.pathname.get();
                        let here = if href == "/" { p == "/" } else { p == href || p.starts_with(&format!("{href}/")) };
                        here.then_some("page")
                    };
                    view! { <li><a href=href aria-current=current>{label.t(lang)}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
    }
}
