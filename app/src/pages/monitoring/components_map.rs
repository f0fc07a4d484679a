//! Mapping a status page's components onto the vendor's services (`/monitoring/bronnen/:id/componenten`):
//! one drop-down per component; "niet gekoppeld" ignores it. A mapped component's state becomes the
//! state the status page reports for that service.

use super::MM;
use crate::api::monitoring::{get_component_choices, MapComponents};
use crate::components::errors::ErrorPage;
use crate::components::fields::{CsrfField, FormAlert, SaveCancel};
use crate::components::layout::current_me;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::use_lang;
use domain::policy::{allowed, Action};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

crate::messages!(
    /// Texts of the mapping page.
    C {
        Title => "Componenten koppelen", "Map components";
        Intro => "Kies per component van de statuspagina de dienst waarvoor hij staat. De toestand die de leverancier voor dat component meldt, geldt dan voor die dienst; staan meer componenten voor één dienst, dan telt de slechtste.", "Choose for each component of the status page the service it stands for. The state the vendor reports for that component then applies to that service; when several components stand for one service, the worst counts.";
        Component => "Component", "Component";
        Group => "Groep", "Group";
        Service => "Dienst", "Service";
        NotMapped => "Niet gekoppeld", "Not mapped";
        Gone => "staat niet meer op de statuspagina", "no longer on the status page";
        FetchFailed => "De statuspagina kon nu niet worden gelezen; hieronder staat de opgeslagen koppeling.", "The status page could not be read now; the stored mapping is shown below.";
        NoComponents => "De statuspagina noemt geen componenten.", "The status page lists no components.";
        Caption => "Componenten en diensten", "Components and services";
    }
);

#[component]
pub fn ComponentMapPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let data = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_component_choices(id).await,
            None => Err(AppError::NotFound),
        }
    });
    let action = ServerAction::<MapComponents>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <PageTitle text=C::Title.t(lang)/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let Some(me) = current_me().await else { return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any() };
                if !allowed(me.role, Action::ManageSources) {
                    return view! { <ErrorPage error=AppError::Forbidden/> }.into_any();
                }
                let d = match data.await {
                    Ok(d) => d,
                    Err(e) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let sid = d.source.id;
                let back = format!("/monitoring/bronnen/{sid}");
                let services = d.services.clone();
                view! {
                    <p class="utrecht-paragraph"><a class="utrecht-link" href=back.clone()>{d.source.name.clone()}</a></p>
                    <h1 class="utrecht-heading-1">{C::Title.t(lang)} ": " {d.source.name.clone()}</h1>
                    <p class="utrecht-paragraph">{C::Intro.t(lang)}</p>
                    {d.fetch_error.map(|e| view! {
                        <div class="utrecht-alert utrecht-alert--warning" role="status">
                            <p class="utrecht-paragraph">{C::FetchFailed.t(lang)} " " {e}</p>
                        </div>
                    })}
                    <FormAlert error/>
                    {if d.components.is_empty() {
                        view! { <p class="utrecht-paragraph">{C::NoComponents.t(lang)}</p> }.into_any()
                    } else {
                        view! {
                            <ActionForm action attr:class="rk-form">
                                <CsrfField csrf=me.csrf.clone()/>
                                <input type="hidden" name="id" value=sid.to_string()/>
                                <div class="rk-table-scroll">
                                <table class="utrecht-table">
                                    <caption class="utrecht-table__caption">{C::Caption.t(lang)}</caption>
                                    <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                        <th class="utrecht-table__header-cell" scope="col">{C::Component.t(lang)}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{C::Group.t(lang)}</th>
                                        <th class="utrecht-table__header-cell" scope="col">{C::Service.t(lang)}</th>
                                    </tr></thead>
                                    <tbody class="utrecht-table__body">
                                        {d.components.into_iter().enumerate().map(|(i, c)| {
                                            let select_id = format!("map-{i}");
                                            let current = c.service_id;
                                            let services = services.clone();
                                            view! {
                                                <tr class="utrecht-table__row">
                                                    <td class="utrecht-table__cell">
                                                        <label class="utrecht-form-label" for=select_id.clone()>{c.name.clone()}</label>
                                                        {(!c.listed).then(|| view! { " (" {C::Gone.t(lang)} ")" })}
                                                        <input type="hidden" name=format!("map[ids][{i}]") value=c.id.clone()/>
                                                    </td>
                                                    <td class="utrecht-table__cell">{c.group.clone().unwrap_or_default()}</td>
                                                    <td class="utrecht-table__cell">
                                                        <select class="utrecht-select utrecht-select--html-select" id=select_id name=format!("map[services][{i}]")>
                                                            <option value="" selected=current.is_none()>{C::NotMapped.t(lang)}</option>
                                                            {services.into_iter().map(|(sid, name)| view! {
                                                                <option value=sid.to_string() selected=current == Some(sid)>{name}</option>
                                                            }).collect_view()}
                                                        </select>
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                                <SaveCancel cancel=back/>
                            </ActionForm>
                        }.into_any()
                    }}
                    <p class="utrecht-paragraph"><a class="utrecht-link" href="/monitoring">{MM::Title.t(lang)}</a></p>
                }.into_any()
            })}
        </Suspense>
    }
}
