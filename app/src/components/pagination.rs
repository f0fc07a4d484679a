//! "Vorige", "pagina X van Y", "Volgende" under a long list: plain links, so that paging works before
//! (or without) the wasm, and each page can be bookmarked. The page builds the links, so that they
//! keep its filters.

use crate::i18n::use_lang;
use leptos::prelude::*;

crate::messages!(PM {
    Previous => "Vorige", "Previous";
    Next => "Volgende", "Next";
    PageWord => "Pagina", "Page";
    Of => "van", "of";
    PreviousPage => "Vorige pagina", "Previous page";
    NextPage => "Volgende pagina", "Next page";
});

/// The navigation for `page` of `pages` (from 1); `href(n)` is the link to page n. `label` names the
/// list ("Paginering auditlog"). Past the end (an edited URL), "vorige" leads back to the last page.
#[component]
pub fn Pagination(
    page: u32,
    pages: u32,
    #[prop(into)] label: String,
    href: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let prev = (page > 1).then(|| href((page - 1).min(pages)));
    let next = (page < pages).then(|| href(page + 1));
    view! {
        <nav class="rk-pagination" aria-label=label>
            <ul>
                {prev.map(|href| view! {
                    <li><a href=href rel="prev" aria-label=PM::PreviousPage.t(lang)>{PM::Previous.t(lang)}</a></li>
                })}
                <li><span aria-current="page">{PM::PageWord.t(lang)} " " {page} " " {PM::Of.t(lang)} " " {pages}</span></li>
                {next.map(|href| view! {
                    <li><a href=href rel="next" aria-label=PM::NextPage.t(lang)>{PM::Next.t(lang)}</a></li>
                })}
            </ul>
        </nav>
    }
}
