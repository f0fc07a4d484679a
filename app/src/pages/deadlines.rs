//! The Termijnen page: every contract's next decision date, uiterste opzegdatum and term end, filtered
//! through the URL query (`?leverancier=ID&eigenaar=NAME&status=actie-nodig`) and sorted by a column
//! (`&sorteer=opzegdatum&richting=af`) so that a view can be bookmarked and the plain GET form and the
//! column links work before the wasm loads.

use crate::api::contracts::{list_contracts, upcoming_deadlines};
use crate::api::vendors::list_vendors;
use crate::components::errors::ErrorPage;
use crate::components::layout::{current_me, MeResource};
use crate::components::sortable::{by_text, ListQuery, SortHeader};
use crate::components::status::StatusBadge;
use crate::components::title::PageTitle;
use crate::error::AppError;
use crate::i18n::{date, use_lang, Common, Label};
use crate::pages::contracts::list::notice_text;
use domain::deadlines::DeadlineStatus;
use domain::policy::{allowed, Action};
use domain::views::{ContractWithDeadlines, DeadlineFilter};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

crate::messages!(M {
    Title => "Termijnen", "Deadlines";
    Intro => "De besluitdatum is de uiterste opzegdatum min de interne doorlooptijd: uiterlijk dan moet het besluit over verlengen, opzeggen of heraanbesteden vallen. De lijst staat op besluitdatum, de eerstvolgende eerst; klik op een kolomkop om anders te sorteren. Een contract met een vaste einddatum heeft geen opzegdatum: het eindigt vanzelf en moet vóór die datum opnieuw worden aanbesteed.", "The decision date is the notice deadline minus the internal lead time: the decision to renew, terminate or re-tender has to be taken by then. The list is sorted by decision date, soonest first; choose a column heading to sort differently. A contract with a fixed end date has no notice deadline: it ends by itself and has to be re-tendered before that date.";
    FilterLabel => "Termijnen filteren", "Filter deadlines";
    Vendor => "Leverancier", "Vendor";
    Owner => "Eigenaar", "Owner";
    Status => "Status", "Status";
    DecisionDate => "Besluitdatum", "Decision date";
    NoticeDeadline => "Uiterste opzegdatum", "Notice deadline";
    TermEnd => "Einde huidige termijn", "End of current term";
    Contract => "Contract", "Contract";
    Caption => "Termijnen per contract", "Deadlines per contract";
    OneContract => "1 contract", "1 contract";
    Contracts => "contracten", "contracts";
    NoMatch => "Geen enkel contract voldoet aan dit filter. Pas het filter aan of wis het.", "No contract matches this filter. Change the filter or clear it.";
    NoContracts => "Er staan nog geen contracten in het register.", "There are no contracts in the register yet.";
    StatusHeading => "Wat betekent de status?", "What does the status mean?";
    OnScheduleText => "Er hoeft nu nog niets te gebeuren, of het besluit voor deze termijn is al vastgelegd.", "Nothing needs to be done yet, or the decision for this term has already been recorded.";
    ActionNeededText => "De besluitdatum nadert of is voorbij en er is nog geen besluit vastgelegd.", "The decision date is near or has passed and no decision has been recorded yet.";
    OverdueText => "De uiterste opzegdatum (of het einde van een contract dat afloopt) is verstreken zonder besluit.", "The notice deadline (or the end of a contract that runs out) has passed without a decision.";
});

/// The sortable columns (their keys in the URL).
const COLUMNS: [&str; 6] = ["besluitdatum", "opzegdatum", "einde", "contract", "leverancier", "eigenaar"];
const DEFAULT: &str = "besluitdatum";

fn compare(column: &str, a: &ContractWithDeadlines, b: &ContractWithDeadlines) -> std::cmp::Ordering {
    let (x, y) = (&a.deadlines, &b.deadlines);
    match column {
        // A contract that ends by itself has no notice deadline: its end date is the moment to act.
        "opzegdatum" => x.notice_deadline.unwrap_or(x.term_end).cmp(&y.notice_deadline.unwrap_or(y.term_end)),
        "einde" => x.term_end.cmp(&y.term_end),
        "contract" => by_text(&a.contract.reference, &b.contract.reference),
        "leverancier" => by_text(&a.contract.vendor_name, &b.contract.vendor_name),
        "eigenaar" => by_text(&a.contract.owner, &b.contract.owner),
        _ => x.decision_date.cmp(&y.decision_date),
    }
    .then(x.decision_date.cmp(&y.decision_date))
}

/// Every deadline status, in the order the filter offers them.
const STATUSES: [DeadlineStatus; 3] =
    [DeadlineStatus::OnSchedule, DeadlineStatus::ActionNeeded, DeadlineStatus::Overdue];

/// The filter in the URL query. Values that make no sense (an unknown status, a vendor id that is not
/// a number) are dropped rather than refused, so that an edited URL never gives an error page.
fn filter_from_query(q: &ParamsMap) -> DeadlineFilter {
    let text = |key: &str| q.get_str(key).map(str::trim).filter(|s| !s.is_empty());
    DeadlineFilter {
        vendor: text("leverancier").and_then(|s| s.parse().ok()),
        owner: text("eigenaar").map(|s| s.chars().take(200).collect()),
        status: text("status").and_then(|s| STATUSES.into_iter().find(|st| st.key() == s)),
    }
}

#[component]
pub fn DeadlinesPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let rows = Resource::new(move || filter.get(), upcoming_deadlines);
    // The choices of the filter form; only asked for roles that may see the register, so that a refused
    // visitor leaves one denial in the audit log instead of three.
    let me_res = expect_context::<MeResource>().0;
    let may_view =
        move || async move { matches!(me_res.await, Ok(Some(me)) if allowed(me.role, Action::ViewContracts)) };
    let vendors = Resource::new(
        || (),
        move |_| async move {
            if may_view().await {
                list_vendors().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let owners = Resource::new(
        || (),
        move |_| async move {
            if !may_view().await {
                return Ok(Vec::new());
            }
            let mut owners: Vec<String> = list_contracts().await?.into_iter().map(|r| r.contract.owner).collect();
            owners.sort_by_key(|o| o.to_lowercase());
            // The server compares owners case-insensitively, so "team regie" and "Team Regie" are one choice.
            owners.dedup_by_key(|o| o.to_lowercase());
            Ok::<_, AppError>(owners)
        },
    );
    view! {
        <PageTitle text=M::Title.t(lang)/>
        <Suspense fallback=move || view! { <p class="utrecht-paragraph">{Common::Loading.t(lang)}</p> }>
            {move || Suspend::new(async move {
                if current_me().await.is_none() {
                    return view! { <ErrorPage error=AppError::Unauthenticated/> }.into_any();
                }
                let (mut rows, vendors, owners) = match (rows.await, vendors.await, owners.await) {
                    (Ok(r), Ok(v), Ok(o)) => (r, v, o),
                    (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return view! { <ErrorPage error=e/> }.into_any(),
                };
                let f = filter.get_untracked();
                let q = ListQuery::from_params(&query.read_untracked(), &COLUMNS);
                q.sort(&mut rows, DEFAULT, compare);
                let th = {
                    let q = q.clone();
                    move |label: &'static str, column: &'static str| {
                        view! { <SortHeader label=label column=column default=DEFAULT base="/termijnen" query=q.clone()/> }
                    }
                };
                let filtered = f != DeadlineFilter::default();
                let vendor_options = vendors.into_iter().map(|v| (v.id.to_string(), v.name)).collect();
                let mut owner_options: Vec<(String, String)> = owners.into_iter().map(|o| (o.clone(), o)).collect();
                // Keep an owner typed into the URL visible in the form, so that what is shown matches the table.
                if let Some(o) = f.owner.as_ref().filter(|o| !owner_options.iter().any(|(k, _)| k.to_lowercase() == o.to_lowercase())) {
                    owner_options.push((o.clone(), o.clone()));
                }
                let selected_owner = f.owner.as_ref().and_then(|o| owner_options.iter().find(|(k, _)| k.to_lowercase() == o.to_lowercase())).map(|(k, _)| k.clone()).unwrap_or_default();
                let status_options = STATUSES.iter().map(|s| (s.key().to_string(), s.label(lang).to_string())).collect();
                view! {
                    <h1 class="utrecht-heading-1">{M::Title.t(lang)}</h1>
                    <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
                    <form class="rk-filters" method="get" action="/termijnen" role="search" aria-label=M::FilterLabel.t(lang)>
                        <FilterSelect name="leverancier" label=M::Vendor.t(lang) options=vendor_options selected=f.vendor.map(|v| v.to_string()).unwrap_or_default()/>
                        <FilterSelect name="eigenaar" label=M::Owner.t(lang) options=owner_options selected=selected_owner/>
                        <FilterSelect name="status" label=M::Status.t(lang) options=status_options selected=f.status.map(|s| s.key().to_string()).unwrap_or_default()/>
                        {q.sort.map(|s| view! { <input type="hidden" name="sorteer" value=s/> })}
                        {q.descending.then(|| view! { <input type="hidden" name="richting" value="af"/> })}
                        <FilterButtons clear_href="/termijnen"/>
                    </form>
                    {if rows.is_empty() {
                        let text = if filtered { M::NoMatch } else { M::NoContracts };
                        view! { <p class="utrecht-paragraph">{text.t(lang)}</p> }.into_any()
                    } else {
                        let count = if rows.len() == 1 { M::OneContract.t(lang).to_string() } else { format!("{} {}", rows.len(), M::Contracts.t(lang)) };
                        view! {
                            <div class="rk-table-scroll">
                            <table class="utrecht-table">
                                <caption class="utrecht-table__caption">{M::Caption.t(lang)} ": " {count}</caption>
                                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                                    {th(M::DecisionDate.t(lang), "besluitdatum")}
                                    {th(M::NoticeDeadline.t(lang), "opzegdatum")}
                                    {th(M::TermEnd.t(lang), "einde")}
                                    {th(M::Contract.t(lang), "contract")}
                                    {th(M::Vendor.t(lang), "leverancier")}
                                    {th(M::Owner.t(lang), "eigenaar")}
                                    <th class="utrecht-table__header-cell" scope="col">{M::Status.t(lang)}</th>
                                </tr></thead>
                                <tbody class="utrecht-table__body">
                                    {rows.into_iter().map(|r| {
                                        let (c, d) = (r.contract, r.deadlines);
                                        view! {
                                            <tr class="utrecht-table__row">
                                                <td class="utrecht-table__cell">{date(d.decision_date)}</td>
                                                <td class="utrecht-table__cell">{notice_text(lang, &d)}</td>
                                                <td class="utrecht-table__cell">{date(d.term_end)}</td>
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/contracten/{}", c.id)>{c.reference}</a> " " {c.title}</td>
                                                <td class="utrecht-table__cell"><a class="utrecht-link" href=format!("/leveranciers/{}", c.vendor_id)>{c.vendor_name}</a></td>
                                                <td class="utrecht-table__cell">{c.owner}</td>
                                                <td class="utrecht-table__cell"><StatusBadge status=d.status/></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                    <h2 class="utrecht-heading-2">{M::StatusHeading.t(lang)}</h2>
                    <dl class="rk-dl">
                        <dt><StatusBadge status=DeadlineStatus::OnSchedule/></dt><dd>{M::OnScheduleText.t(lang)}</dd>
                        <dt><StatusBadge status=DeadlineStatus::ActionNeeded/></dt><dd>{M::ActionNeededText.t(lang)}</dd>
                        <dt><StatusBadge status=DeadlineStatus::Overdue/></dt><dd>{M::OverdueText.t(lang)}</dd>
                    </dl>
                }.into_any()
            })}
        </Suspense>
    }
}

/// A drop-down in a filter bar: its first choice ("Alle") means no filter. `name` is the query key and
/// makes the element id.
#[component]
pub fn FilterSelect(
    name: &'static str,
    #[prop(into)] label: String,
    options: Vec<(String, String)>,
    #[prop(into)] selected: String,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="utrecht-form-field utrecht-form-field--select">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=format!("f-{name}")>{label}</label>
            </div>
            <div class="utrecht-form-field__input">
                <select class="utrecht-select utrecht-select--html-select" id=format!("f-{name}") name=name>
                    <option value="">{Common::All.t(lang)}</option>
                    {options.into_iter().map(|(k, l)| {
                        let sel = k == selected;
                        view! { <option value=k selected=sel>{l}</option> }
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}

/// A text or date input in a filter bar, with an optional hint tied to it.
#[component]
pub fn FilterInput(
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("f-{name}-hint"));
    view! {
        <div class="utrecht-form-field utrecht-form-field--text">
            <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for=format!("f-{name}")>{label}</label>
            </div>
            {hint.map(|h| view! { <p class="utrecht-form-field-description" id=format!("f-{name}-hint")>{h}</p> })}
            <div class="utrecht-form-field__input">
                <input
                    class="utrecht-textbox utrecht-textbox--html-input"
                    id=format!("f-{name}")
                    name=name
                    type=input_type
                    value=value
                    maxlength=(input_type == "text").then_some(200)
                    aria-describedby=hint_id
                />
            </div>
        </div>
    }
}

/// "Filteren" and the link that clears every filter.
#[component]
pub fn FilterButtons(clear_href: &'static str) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="rk-actions">
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{Common::Filter.t(lang)}</button>
            <a class="utrecht-button utrecht-button--secondary-action" href=clear_href>{Common::ClearFilter.t(lang)}</a>
        </div>
    }
}
