//! Regiekamer's user interface: Leptos pages rendered on the server and hydrated in the browser.
//! Server functions (in `api`) are thin: they read the session, call one use case and map the result.
#![forbid(unsafe_code)]
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod session;

use components::errors::NotFoundPage;
use components::layout::{Header, MeResource, Nav};
use components::title::PageTitle;
use i18n::{detect_lang, Common};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app (server only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                // The content-hashed names when the build wrote hash.txt (server/src/http/assets.rs).
                <HashedStylesheet options=options.clone() id="rk"/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="utrecht-theme rk-body">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // First, so that its id in the hydration data is the same on the server and in the browser.
    let draft = leptos::server::SharedValue::new(components::draft::request_draft).into_inner();
    provide_context(components::draft::PageDraft(draft.map(std::sync::Arc::new)));
    let lang = detect_lang();
    provide_context(lang);
    let me = Resource::new(|| (), |_| api::auth::get_me());
    provide_context(MeResource(me));
    let async_mode = SsrMode::Async;
    view! {
        <PageTitle text=Common::AppName.t(lang)/>
        <Router>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    let me = me.await.ok().flatten();
                    view! {
                        <Header me=me.clone()/>
                        {me.map(|m| view! { <Nav me=m/> })}
                    }
                })}
            </Transition>
            <main class="rk-main" id="inhoud" tabindex="-1">
                <components::saved::SavedNotice/>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/login") view=pages::login::LoginPage ssr=async_mode.clone()/>
                    <Route path=path!("/") view=pages::home::HomePage ssr=async_mode.clone()/>
                    <Route path=path!("/account") view=pages::account::AccountPage ssr=async_mode.clone()/>
                    <Route path=path!("/leveranciers") view=pages::vendors::list::VendorListPage ssr=async_mode.clone()/>
                    <Route path=path!("/leveranciers/nieuw") view=pages::vendors::edit::VendorNewPage ssr=async_mode.clone()/>
                    <Route path=path!("/leveranciers/:id") view=pages::vendors::detail::VendorPage ssr=async_mode.clone()/>
                    <Route path=path!("/leveranciers/:id/wijzigen") view=pages::vendors::edit::VendorEditPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten") view=pages::contracts::list::ContractListPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten/nieuw") view=pages::contracts::edit::ContractNewPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten/:id") view=pages::contracts::detail::ContractPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten/:id/wijzigen") view=pages::contracts::edit::ContractEditPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten/:id/sla") view=pages::contracts::sla::SlaEditPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten/:id/sla-rapport") view=pages::sla::report::SlaReportPage ssr=async_mode.clone()/>
                    <Route path=path!("/sla") view=pages::sla::overview::SlaOverviewPage ssr=async_mode.clone()/>
                    <Route path=path!("/kosten") view=pages::costs::overview::CostOverviewPage ssr=async_mode.clone()/>
                    <Route path=path!("/kosten/facturen") view=pages::costs::lines::CostLinesPage ssr=async_mode.clone()/>
                    <Route path=path!("/kosten/import/:id") view=pages::costs::import::ImportPreviewPage ssr=async_mode.clone()/>
                    <Route path=path!("/licenties") view=pages::costs::licences::LicencesPage ssr=async_mode.clone()/>
                    <Route path=path!("/licenties/:id") view=pages::costs::licence::LicencePage ssr=async_mode.clone()/>
                    <Route path=path!("/kosten/instellingen") view=pages::costs::settings::CostSettingsPage ssr=async_mode.clone()/>
                    <Route path=path!("/contracten/:id/kosten") view=pages::costs::contract::ContractCostsPage ssr=async_mode.clone()/>
                    <Route path=path!("/termijnen") view=pages::deadlines::DeadlinesPage ssr=async_mode.clone()/>
                    <Route path=path!("/monitoring") view=pages::monitoring::overview::MonitoringPage ssr=async_mode.clone()/>
                    <Route path=path!("/monitoring/bronnen/nieuw") view=pages::monitoring::edit::SourceNewPage ssr=async_mode.clone()/>
                    <Route path=path!("/monitoring/bronnen/:id") view=pages::monitoring::source::SourcePage ssr=async_mode.clone()/>
                    <Route path=path!("/monitoring/bronnen/:id/wijzigen") view=pages::monitoring::edit::SourceEditPage ssr=async_mode.clone()/>
                    <Route path=path!("/monitoring/bronnen/:id/componenten") view=pages::monitoring::components_map::ComponentMapPage ssr=async_mode.clone()/>
                    <Route path=path!("/zelfservice") view=pages::requests::portal::PortalPage ssr=async_mode.clone()/>
                    <Route path=path!("/zelfservice/formulieren/:id") view=pages::requests::fill::FillPage ssr=async_mode.clone()/>
                    <Route path=path!("/zelfservice/profielen/:id") view=pages::requests::profile::ProfilePage ssr=async_mode.clone()/>
                    <Route path=path!("/zelfservice/beheer") view=pages::requests::admin::RequestsAdminPage ssr=async_mode.clone()/>
                    <Route path=path!("/zelfservice/beheer/formulieren/:id") view=pages::requests::builder::FormBuilderPage ssr=async_mode.clone()/>
                    <Route path=path!("/aanvragen") view=pages::requests::list::RequestListPage ssr=async_mode.clone()/>
                    <Route path=path!("/aanvragen/:id") view=pages::requests::request::RequestPage ssr=async_mode.clone()/>
                    <Route path=path!("/audit") view=pages::audit::AuditPage ssr=async_mode.clone()/>
                    <Route path=path!("/gebruikers") view=pages::users::UsersPage ssr=async_mode.clone()/>
                </Routes>
            </main>
            <HydrationMarker/>
        </Router>
    }
}

/// Sets `data-hydrated` on `<body>` once the wasm has taken over (browser tests wait for it).
#[component]
fn HydrationMarker() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}
