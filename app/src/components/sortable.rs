//! Lists that are sorted by a column and searched through the URL (`?sorteer=KEY&richting=af&zoek=TEXT`):
//! the server renders the sorted, searched list, so it works before (or without) the wasm, and a view
//! can be bookmarked. Other query parameters (a page's filters) are kept by every link and form.

use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use std::cmp::Ordering;

crate::messages!(SM {
    Search => "Zoeken", "Search";
    SearchButton => "Zoek", "Search";
    Clear => "Wis zoekopdracht", "Clear search";
    SortAscending => "sorteer oplopend", "sort ascending";
    SortDescending => "sorteer aflopend", "sort descending";
    Found => "{n} van {total} gevonden voor ‘{q}’", "{n} of {total} found for ‘{q}’";
});

/// The longest search text taken from the URL.
const MAX_SEARCH: usize = 200;

/// What the URL asks of a list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// The column key, when one was chosen (and is one of the list's columns).
    pub sort: Option<&'static str>,
    pub descending: bool,
    /// The search text, trimmed ("" for none).
    pub search: String,
    /// The whole query, so that links keep the page's other parameters.
    params: Vec<(String, String)>,
}

impl ListQuery {
    /// Reads `sorteer`, `richting` and `zoek`; a sort key that is not in `columns` is ignored.
    pub fn from_params(q: &ParamsMap, columns: &[&'static str]) -> ListQuery {
        let sort = q.get_str("sorteer").and_then(|s| columns.iter().copied().find(|c| *c == s.trim()));
        let search: String = q.get_str("zoek").map(str::trim).unwrap_or_default().chars().take(MAX_SEARCH).collect();
        ListQuery {
            sort,
            descending: q.get_str("richting") == Some("af"),
            search,
            params: q.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }

    /// The chosen column, or `default`.
    pub fn column(&self, default: &'static str) -> &'static str {
        self.sort.unwrap_or(default)
    }

    /// True when every word of the search text occurs in one of `fields` (case-insensitive); true
    /// without a search text.
    pub fn matches(&self, fields: &[&str]) -> bool {
        if self.search.is_empty() {
            return true;
        }
        let haystack = fields.join("\u{1f}").to_lowercase();
        self.search.to_lowercase().split_whitespace().all(|w| haystack.contains(w))
    }

    /// Sorts `rows` by the chosen column (or `default`) with `cmp(column, a, b)`, reversed when descending.
    /// The sort is stable: rows that compare equal keep their order.
    pub fn sort<T>(&self, rows: &mut [T], default: &'static str, cmp: impl Fn(&str, &T, &T) -> Ordering) {
        let column = self.column(default);
        rows.sort_by(|a, b| {
            let o = cmp(column, a, b);
            if self.descending {
                o.reverse()
            } else {
                o
            }
        });
    }

    /// `base` with this query, sorted by `column` in the given direction (the search and other
    /// parameters kept).
    pub fn sort_href(&self, base: &str, column: &str, descending: bool) -> String {
        let mut p: Vec<(String, String)> =
            self.params.iter().filter(|(k, _)| k != "sorteer" && k != "richting").cloned().collect();
        p.push(("sorteer".into(), column.into()));
        if descending {
            p.push(("richting".into(), "af".into()));
        }
        href(base, &p)
    }

    /// `base` with this query without the search text.
    pub fn clear_search_href(&self, base: &str) -> String {
        let p: Vec<(String, String)> = self.params.iter().filter(|(k, _)| k != "zoek").cloned().collect();
        href(base, &p)
    }

    /// `base` with this query on page `page` (`pagina`; page 1 leaves it out).
    pub fn page_href(&self, base: &str, page: u32) -> String {
        let mut p: Vec<(String, String)> = self.params.iter().filter(|(k, _)| k != "pagina").cloned().collect();
        if page > 1 {
            p.push(("pagina".into(), page.to_string()));
        }
        href(base, &p)
    }

    /// A parameter of the query, trimmed; `None` when absent or empty.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// The other parameters, for hidden inputs of a GET form that sets `except`.
    pub fn kept(&self, except: &[&str]) -> Vec<(String, String)> {
        self.params.iter().filter(|(k, _)| !except.contains(&k.as_str())).cloned().collect()
    }
}

fn href(base: &str, params: &[(String, String)]) -> String {
    let map: ParamsMap = params.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    format!("{base}{}", map.to_query_string())
}

/// A column header that sorts the list by `column`: a link (ascending first, then toggling), with
/// `aria-sort` on the sorted column (which the stylesheet marks with an arrow).
#[component]
pub fn SortHeader(
    #[prop(into)] label: String,
    column: &'static str,
    /// The list's default column, which counts as sorted when the URL names none.
    default: &'static str,
    base: &'static str,
    query: ListQuery,
    /// Numbers and amounts: right-aligned.
    #[prop(optional)]
    numeric: bool,
) -> impl IntoView {
    let lang = use_lang();
    let active = query.column(default) == column;
    let aria = active.then_some(if query.descending { "descending" } else { "ascending" });
    let next_desc = active && !query.descending;
    let hint = if next_desc { SM::SortDescending.t(lang) } else { SM::SortAscending.t(lang) };
    let class = if numeric {
        "utrecht-table__header-cell utrecht-table__header-cell--numeric-column"
    } else {
        "utrecht-table__header-cell"
    };
    view! {
        <th class=class scope="col" aria-sort=aria>
            <a class="utrecht-link" href=query.sort_href(base, column, next_desc) title=hint>{label}</a>
        </th>
    }
}

/// A search box for a list (a plain GET form that keeps the page's other parameters).
#[component]
pub fn SearchBox(base: &'static str, query: ListQuery, #[prop(into)] label: String) -> impl IntoView {
    let lang = use_lang();
    let kept = query.kept(&["zoek"]);
    let searching = !query.search.is_empty();
    let clear = query.clear_search_href(base);
    let aria = label.clone();
    view! {
        <form class="rk-filters" method="get" action=base role="search" aria-label=aria>
            {kept.into_iter().map(|(k, v)| view! { <input type="hidden" name=k value=v/> }).collect_view()}
            <div class="utrecht-form-field utrecht-form-field--text">
                <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="zoek">{label}</label>
                </div>
                <div class="utrecht-form-field__input">
                    <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="zoek" name="zoek" value=query.search.clone() maxlength=MAX_SEARCH/>
                </div>
            </div>
            <div class="rk-actions">
                <button class="utrecht-button utrecht-button--primary-action" type="submit">{SM::SearchButton.t(lang)}</button>
                {searching.then(|| view! { <a class="utrecht-button utrecht-button--secondary-action" href=clear>{SM::Clear.t(lang)}</a> })}
            </div>
        </form>
    }
}

/// "3 of 12 found for ‘cloud’" (announced to screen readers), or nothing without a search.
pub fn found_text(lang: Lang, query: &ListQuery, n: usize, total: usize) -> Option<String> {
    (!query.search.is_empty()).then(|| {
        SM::Found
            .t(lang)
            .replace("{n}", &n.to_string())
            .replace("{total}", &total.to_string())
            .replace("{q}", &query.search)
    })
}

/// Text compared without regard to case.
pub fn by_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> ListQuery {
        let map: ParamsMap = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        ListQuery::from_params(&map, &["naam", "waarde"])
    }

    #[test]
    fn an_unknown_column_is_ignored_and_the_direction_is_read() {
        assert_eq!(q(&[("sorteer", "wachtwoord")]).sort, None);
        let x = q(&[("sorteer", "waarde"), ("richting", "af")]);
        assert_eq!((x.sort, x.descending), (Some("waarde"), true));
    }

    #[test]
    fn every_search_word_must_occur_in_some_field() {
        let x = q(&[("zoek", "  Cloud  noord ")]);
        assert!(x.matches(&["CloudKantoor", "Netwerk Noord"]));
        assert!(!x.matches(&["CloudKantoor", "Zuid"]));
        assert!(q(&[]).matches(&["wat dan ook"]));
    }

    #[test]
    fn links_keep_the_filters_and_search_and_escape_them() {
        let x = q(&[("leverancier", "7"), ("zoek", "a&b"), ("sorteer", "naam")]);
        let h = x.sort_href("/contracten", "waarde", true);
        assert!(h.starts_with("/contracten?"), "{h}");
        assert!(h.contains("leverancier=7") && h.contains("zoek=a%26b") && h.contains("sorteer=waarde"), "{h}");
        assert!(h.contains("richting=af") && !h.contains("sorteer=naam"), "{h}");
        assert_eq!(x.clear_search_href("/c"), "/c?leverancier=7&sorteer=naam");
    }

    #[test]
    fn sorting_is_stable_and_reverses_when_descending() {
        let mut rows = vec![(2, 'a'), (1, 'b'), (2, 'c')];
        q(&[]).sort(&mut rows, "waarde", |_, a, b| a.0.cmp(&b.0));
        assert_eq!(rows, [(1, 'b'), (2, 'a'), (2, 'c')]);
        q(&[("richting", "af")]).sort(&mut rows, "waarde", |_, a, b| a.0.cmp(&b.0));
        assert_eq!(rows, [(2, 'a'), (2, 'c'), (1, 'b')]);
    }
}
