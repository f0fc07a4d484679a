#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use domain::Role;
use std::collections::BTreeSet;
use std::path::Path;

fn line(actor: &str, action: &str, object: &str, result: &str) -> AuditLine {
    AuditLine {
        id: 1,
        at: chrono::DateTime::UNIX_EPOCH,
        actor: actor.into(),
        action: action.into(),
        object: object.into(),
        result: result.into(),
        origin: "127.0.0.1".into(),
        detail: None,
        actor_name: None,
        object_name: None,
        object_href: None,
    }
}

/// The string literals in `src` (test modules cut off) that look like action codes: `thing.verb`.
fn codes_in(src: &str, out: &mut BTreeSet<String>) {
    let src = src.split("#[cfg(test)]").next().unwrap_or_default();
    // Every stretch between two quotes, so that an escaped quote cannot shift literals and code;
    // a stretch of code never consists of dotted lower-case words alone.
    for literal in src.split('"') {
        let parts: Vec<&str> = literal.split('.').collect();
        let is_code = parts.len() >= 2
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            && !literal.ends_with(".rs");
        if is_code {
            out.insert(literal.to_string());
        }
    }
}

fn walk(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.to_string_lossy().ends_with("_tests.rs") {
            codes_in(&std::fs::read_to_string(&path).unwrap(), out);
        }
    }
}

#[test]
fn every_action_code_the_services_write_has_a_sentence() {
    let mut written = BTreeSet::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../service/src"), &mut written);
    assert!(written.len() >= 40, "the scan found too few codes to be right: {written:?}");
    let known: BTreeSet<String> = ACTIONS.iter().map(|(c, _, _)| c.to_string()).collect();
    assert_eq!(known.len(), ACTIONS.len(), "a code is listed twice");
    let missing: Vec<&String> = written.difference(&known).collect();
    assert!(missing.is_empty(), "action codes without a sentence: {missing:?}");
    let stale: Vec<&String> = known.difference(&written).collect();
    assert!(stale.is_empty(), "sentences for codes no service writes: {stale:?}");
}

#[test]
fn an_entry_reads_as_a_sentence_naming_the_actor_and_the_object() {
    let mut l = line("anna", "vendor.create", "vendor:7", "ok");
    l.actor_name = Some(("Anna de Vries".into(), Role::Regisseur));
    l.object_name = Some("Zaakwijs".into());
    assert_eq!(sentence(&l, Lang::Nl), "Anna de Vries (Regisseur) heeft leverancier Zaakwijs aangemaakt");
    assert_eq!(sentence(&l, Lang::En), "Anna de Vries (Vendor manager) created vendor Zaakwijs");
    let parts = sentence_parts(&l, Lang::Nl);
    assert_eq!(parts.1.as_deref(), Some("Zaakwijs"), "the object is a part of its own, to be linked");
}

#[test]
fn refusals_failures_deleted_objects_and_unknown_codes_still_read() {
    let denied = line("piet", "contract.delete", "contract:12", "denied");
    assert_eq!(sentence(&denied, Lang::Nl), "Geweigerd: piet wilde contract nr. 12 verwijderen");
    assert_eq!(sentence(&denied, Lang::En), "Denied: piet tried to delete contract no. 12");
    let failed = line("onbekend", "auth.sign_in", "user:onbekend", "failed");
    assert_eq!(sentence(&failed, Lang::Nl), "Mislukt: onbekend wilde zich aanmelden");
    assert_eq!(
        sentence(&line("system", "audit.checkpoint", "audit_log", "ok"), Lang::Nl)
            .split(' ')
            .take(2)
            .collect::<Vec<_>>(),
        ["Het", "systeem"]
    );
    assert_eq!(sentence(&line("an", "thing.verb", "thing:3", "ok"), Lang::Nl), "an: thing.verb nr. 3");
}
