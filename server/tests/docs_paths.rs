//! The documents point only at files inside the repository, and those files exist: every path in
//! backticks in `README.md`, `CONTRIBUTING.md` and `docs/ARCHITECTURE.md`, and every `*.md` document
//! a code comment or script cites. So a moved or renamed file fails here instead of leaving the docs
//! pointing at nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// The documents whose backticked paths must exist.
const DOCUMENTS: &[&str] = &["README.md", "CONTRIBUTING.md", "docs/ARCHITECTURE.md"];

/// Paths that only exist after a build or a run, never in a clone.
const GENERATED: &[&str] = &["target/", "data/", "node_modules/"];

/// Folders that hold no sources of ours.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", ".git", "data"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// The texts between single backticks, line by line (a code span does not cross a line here).
fn code_spans(text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            continue;
        }
        let parts: Vec<&str> = line.split('`').collect();
        // Odd-numbered parts are inside backticks (an unclosed last one is not).
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 && i + 1 < parts.len() {
                spans.push((*part).to_string());
            }
        }
    }
    spans
}

/// Whether a code span names a file or folder of the repository, as opposed to a command, a URL
/// path (`/login`), an address (`127.0.0.1:3100`), a CIDR range, a Rust path (`store::Db`) or a
/// template (`{base}/api/v2/summary.json`).
fn is_repository_path(span: &str) -> bool {
    let starts_like_a_path = span.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '.');
    // A brace group without a comma is a placeholder, not alternatives.
    let template = span.contains('{') && !span.contains(',');
    starts_like_a_path
        && span.contains('/')
        && !span.chars().any(char::is_whitespace)
        && !span.contains(':')
        && !span.contains('|')
        && !span.contains('<')
        && !span.contains('…')
        && !span.contains("...")
        && !template
}

/// Whether `name` matches `pattern`, where `*` in the pattern stands for any run of characters.
fn matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.starts_with(head)
                && (0..=name.len() - head.len())
                    .any(|i| name.is_char_boundary(head.len() + i) && matches(tail, &name[head.len() + i..]))
        }
    }
}

/// Whether a path exists inside the repository (a `..` leads outside it, even where that exists on
/// the author's machine); a `*` in its last segment must match at least one entry of its folder.
fn exists(root: &Path, path: &str) -> bool {
    let path = path.trim_end_matches('/');
    if path.split('/').any(|segment| segment == "..") {
        return false;
    }
    match path.rsplit_once('/') {
        Some((dir, last)) if last.contains('*') && !dir.contains('*') => std::fs::read_dir(root.join(dir))
            .map(|entries| entries.flatten().any(|e| matches(last, &e.file_name().to_string_lossy())))
            .unwrap_or(false),
        _ => root.join(path).exists(),
    }
}

/// `a/{b,c}/d` as `a/b/d` and `a/c/d` (one brace group); anything else as itself.
fn expand(span: &str) -> Vec<String> {
    match (span.find('{'), span.find('}')) {
        (Some(open), Some(close)) if open < close => span[open + 1..close]
            .split(',')
            .map(|alt| format!("{}{}{}", &span[..open], alt, &span[close + 1..]))
            .collect(),
        _ => vec![span.to_string()],
    }
}

/// The repository paths a document names that do not exist.
fn missing_paths(root: &Path, text: &str) -> Vec<String> {
    code_spans(text)
        .iter()
        .filter(|s| is_repository_path(s))
        .flat_map(|s| expand(s))
        .filter(|p| !GENERATED.iter().any(|g| p.starts_with(g)))
        .filter(|p| !exists(root, p))
        .collect()
}

#[test]
fn every_path_the_documents_name_exists() {
    let root = root();
    let mut missing = Vec::new();
    for doc in DOCUMENTS {
        let text = std::fs::read_to_string(root.join(doc)).unwrap_or_else(|e| panic!("{doc}: {e}"));
        let checked = code_spans(&text).iter().filter(|s| is_repository_path(s)).count();
        assert!(checked > 0, "{doc} names no path at all; is the extraction broken?");
        missing.extend(missing_paths(&root, &text).into_iter().map(|p| format!("{doc}: `{p}`")));
    }
    assert!(missing.is_empty(), "paths that do not exist:\n{}", missing.join("\n"));
}

#[test]
fn a_path_that_does_not_exist_is_reported() {
    let root = root();
    let text = "See `domain/src/vendor.rs`, `docs/NOPE.md`, `migrations/{sqlite,nope}/` and `store::Db`;\n\
                run `cargo test -p store`, open `/leveranciers/{id}` or `{base}/api/v2/summary.json`, \
                allow `10.0.0.0/8` or `127.0.0.1:3100`; the demo writes `data/demo.db`; add \
                `migrations/sqlite/<NNNN>_<what>.sql`; see `server/tests/cli_*.rs`, `server/tests/nope_*.rs` \
                and `../server/Cargo.toml`.";
    assert_eq!(
        missing_paths(&root, text),
        ["docs/NOPE.md", "migrations/nope/", "server/tests/nope_*.rs", "../server/Cargo.toml"]
    );
}

/// Every source, script and migration file of the repository.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if !SKIPPED_DIRS.contains(&name.as_str()) {
                sources(&path, out);
            }
        } else if ["rs", "sql", "sh", "mjs", "toml"].iter().any(|x| name.ends_with(&format!(".{x}"))) {
            out.push(path);
        }
    }
}

/// The `*.md` names in a text: runs of path characters that end in `.md`.
fn cited_documents(text: &str) -> Vec<String> {
    let is_path_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-');
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_path_char(chars[i]) {
            let start = i;
            while i < chars.len() && is_path_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let word = word.trim_end_matches('.');
            if word.ends_with(".md") && word.len() > 3 {
                found.push(word.to_string());
            }
        } else {
            i += 1;
        }
    }
    found
}

#[test]
fn code_comments_cite_only_documents_in_the_repository() {
    let root = root();
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 100, "found only {} source files under {}", files.len(), root.display());
    let this_file = Path::new(file!()).file_name().unwrap();
    let mut wrong = Vec::new();
    let mut cited = 0;
    for file in files.iter().filter(|f| f.file_name() != Some(this_file)) {
        let text = std::fs::read_to_string(file).unwrap();
        let rel = file.strip_prefix(&root).unwrap().display().to_string();
        for (n, line) in text.lines().enumerate() {
            if line.contains("shared/") {
                wrong.push(format!("{rel}:{}: names a folder outside the repository", n + 1));
            }
            for doc in cited_documents(line) {
                cited += 1;
                if doc.contains("..") || !root.join(&doc).is_file() {
                    wrong.push(format!("{rel}:{}: `{doc}` is not a file of the repository", n + 1));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(cited > 0, "no code comment cites a document; is the extraction broken?");
}

#[test]
fn a_document_cited_without_its_folder_is_found() {
    assert_eq!(
        cited_documents("//! (ARCHITECTURE.md, \"Security model\") and docs/SLA.md. Also README.md."),
        vec!["ARCHITECTURE.md", "docs/SLA.md", "README.md"]
    );
}
