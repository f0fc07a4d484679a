//! The vendor page's charts: per service the last 30 days as measured (the worse of our probe and the
//! vendor's report), and our probe's daily latency. Loads its own data; shown to roles that may view
//! monitoring.

use crate::api::sla::vendor_charts;
use crate::i18n::use_lang;
use crate::pages::sla::charts::ChartFigure;
use domain::VendorId;
use leptos::prelude::*;

crate::messages!(M {
    Heading => "Afgelopen 30 dagen", "Last 30 days";
    Intro => "Per dienst de toestand per dag zoals gemeten (de slechtste van onze eigen meting en de rapportage van de leverancier), en de responstijd van onze eigen meting. De SLA-rapporten staan bij de contracten.", "Per service the state per day as measured (the worse of our own probe and the vendor's report), and the response time of our own probe. The SLA reports are with the contracts.";
    NoServices => "Deze leverancier heeft nog geen diensten.", "This vendor has no services yet.";
});

#[component]
pub fn VendorChartsSection(vendor: VendorId) -> impl IntoView {
    let lang = use_lang();
    let charts = Resource::new(move || vendor, vendor_charts);
    view! {
        <section class="rk-charts" aria-labelledby="dertig-dagen">
            <h2 class="utrecht-heading-2" id="dertig-dagen">{M::Heading.t(lang)}</h2>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match charts.await {
                        Ok(list) if list.is_empty() => view! { <p class="utrecht-paragraph">{M::NoServices.t(lang)}</p> }.into_any(),
                        Ok(list) => view! {
                            <p class="utrecht-paragraph">{M::Intro.t(lang)}</p>
                            {list.into_iter().map(|c| view! { <ChartFigure chart=c lang=lang/> }).collect_view()}
                        }.into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
