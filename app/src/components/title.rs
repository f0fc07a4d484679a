//! The page title. `leptos_meta::Title` writes its text into the server-rendered `<head>` without
//! escaping it, so a vendor named `</title><meta http-equiv="refresh" …>` would open tags there. Every
//! page sets its title through [`PageTitle`], which escapes the text for the server render; in the
//! browser the title is set through `document.title`, which takes plain text, so it passes unchanged.
//! Every title ends in "– Regiekamer", so that a tab, a bookmark or the browser history says which
//! application the page belongs to.

use crate::i18n::Common;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the document title to `text` followed by "– Regiekamer" (user data allowed).
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=for_head(&full_title(&text))/> }
}

/// "`text` – Regiekamer"; the application's name alone when `text` is empty or that name itself.
pub fn full_title(text: &str) -> String {
    // The name is the same in every language.
    let app = Common::AppName.t(crate::i18n::Lang::Nl);
    let text = text.trim();
    if text.is_empty() || text == app {
        app.to_string()
    } else {
        format!("{text} – {app}")
    }
}

/// The title text as it must be written: escaped in the server's HTML, plain in the browser.
fn for_head(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_html(text)
    } else {
        text.to_string()
    }
}

/// Escapes the five characters that can end a text or an attribute in HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_cannot_close_the_title_element_or_open_a_tag() {
        let hostile = r#"</title><meta http-equiv="refresh" content="0;url=http://attacker/">'"#;
        let safe = escape_html(hostile);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('"') && !safe.contains('\''));
        assert_eq!(escape_html("Tom & Jerry"), "Tom &amp; Jerry");
    }

    #[test]
    fn every_title_ends_in_the_application_name_once() {
        assert_eq!(full_title("Leveranciers"), "Leveranciers – Regiekamer");
        assert_eq!(full_title("Regiekamer"), "Regiekamer");
        assert_eq!(full_title(" "), "Regiekamer");
    }
}
