//! Why a source or service is not up, next to its state: the vendor's open incident (or running
//! maintenance) as a link, to the vendor's own page about it when that is an http(s) address and
//! otherwise to the incidents section of the vendor page; or, for a probe, its last error in words.

use crate::i18n::use_lang;
use domain::monitoring::CheckState;
use domain::views_attention::StateCause;
use domain::views_monitoring::is_http_url;
use domain::VendorId;
use leptos::prelude::*;

crate::messages!(C {
    Incident => "Storing bij de leverancier:", "Vendor incident:";
    Maintenance => "Onderhoud bij de leverancier:", "Vendor maintenance:";
});

/// The anchor of the open incidents section (on the source and vendor pages).
pub const INCIDENTS_ANCHOR: &str = "storingen";
/// The anchor of the maintenance section.
pub const MAINTENANCE_ANCHOR: &str = "onderhoud";

/// Where the cause links to: the vendor's http(s) shortlink, else the section on the vendor page.
pub fn cause_href(cause: &StateCause, vendor: VendorId) -> String {
    match cause.shortlink.as_deref().filter(|l| is_http_url(l)) {
        Some(link) => link.trim().to_string(),
        None => {
            let anchor = if cause.maintenance { MAINTENANCE_ANCHOR } else { INCIDENTS_ANCHOR };
            format!("/leveranciers/{vendor}#{anchor}")
        }
    }
}

/// The reason next to a state that is not up; nothing when it is up or no reason is known.
#[component]
pub fn StateReason(
    state: Option<CheckState>,
    cause: Option<StateCause>,
    vendor: VendorId,
    /// A probe's last error, shown when no vendor incident explains the state.
    #[prop(optional_no_strip)]
    error: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    let problem = state != Some(CheckState::Up);
    match (problem, cause, error) {
        (false, _, _) => ().into_any(),
        (true, Some(c), _) => {
            let href = cause_href(&c, vendor);
            let external = !href.starts_with('/');
            let label = if c.maintenance { C::Maintenance } else { C::Incident };
            view! {
                <span class="rk-reason">
                    {label.t(lang)} " "
                    <a class="utrecht-link" href=href rel=external.then_some("noopener noreferrer")>{c.name}</a>
                </span>
            }
            .into_any()
        }
        (true, None, Some(e)) if !e.is_empty() => view! { <span class="rk-reason">{e}</span> }.into_any(),
        (true, None, _) => ().into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_links_to_the_vendors_own_page_only_over_http() {
        let cause = |link: Option<&str>, maintenance| StateCause {
            name: "Storing".into(),
            shortlink: link.map(str::to_string),
            maintenance,
        };
        let v = VendorId(7);
        assert_eq!(cause_href(&cause(Some("https://stspg.io/abc"), false), v), "https://stspg.io/abc");
        assert_eq!(cause_href(&cause(Some("javascript:alert(1)"), false), v), "/leveranciers/7#storingen");
        assert_eq!(cause_href(&cause(None, false), v), "/leveranciers/7#storingen");
        assert_eq!(cause_href(&cause(None, true), v), "/leveranciers/7#onderhoud");
    }
}
