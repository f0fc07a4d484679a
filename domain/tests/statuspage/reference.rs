//! Reads every real Statuspage document (`*.json`) in `$REGIEKAMER_REFERENCE_DIR/statuspage/`: pages
//! collected from real vendors, kept outside this repository because they are not ours to publish.
//! Without the variable, or without the folder, the test says so and passes. Run with
//! `REGIEKAMER_REFERENCE_DIR=/path/to/reference cargo test -p domain --test statuspage -- --ignored
//! --nocapture` to see the counts and warnings (CONTRIBUTING.md, "Tests that need files from outside").

use domain::statuspage::*;
use std::path::PathBuf;

/// What one document holds, counted the same way for every kind.
#[derive(Debug, Default, PartialEq)]
struct Counts {
    kind: &'static str,
    indicator: Option<Indicator>,
    components: usize,
    groups: usize,
    /// Children listed under all groups together.
    children: usize,
    incidents: usize,
    incident_updates: usize,
    maintenances: usize,
    maintenance_updates: usize,
}

fn count(doc: &Document) -> Counts {
    let incidents = |list: &[Incident]| (list.len(), list.iter().map(|i| i.updates.len()).sum());
    let maintenances = |list: &[Maintenance]| (list.len(), list.iter().map(|m| m.updates.len()).sum());
    let groups = |list: &[Component]| list.iter().filter(|c| c.group).count();
    let children = |list: &[Component]| list.iter().map(|c| c.children.len()).sum();
    let mut c = Counts::default();
    match doc {
        Document::Summary(s) => {
            c.kind = "summary";
            c.indicator = Some(s.indicator);
            (c.components, c.groups, c.children) = (s.components.len(), groups(&s.components), children(&s.components));
            (c.incidents, c.incident_updates) = incidents(&s.incidents);
            (c.maintenances, c.maintenance_updates) = maintenances(&s.maintenances);
        }
        Document::Components(l) => {
            c.kind = "components";
            (c.components, c.groups, c.children) = (l.components.len(), groups(&l.components), children(&l.components));
        }
        Document::Incidents(l) => {
            c.kind = "incidents";
            (c.incidents, c.incident_updates) = incidents(&l.incidents);
        }
        Document::Maintenances(l) => {
            c.kind = "maintenances";
            (c.maintenances, c.maintenance_updates) = maintenances(&l.maintenances);
        }
        Document::Incident(i) => {
            c.kind = "incident";
            (c.incidents, c.incident_updates) = incidents(std::slice::from_ref(i));
        }
    }
    c
}

/// Counted by hand (jq) from the documents as they were collected.
fn expected(file: &str) -> Option<Counts> {
    let summary =
        |indicator, (components, groups, children), incidents, incident_updates, maintenances, maintenance_updates| {
            Counts {
                kind: "summary",
                indicator: Some(indicator),
                components,
                groups,
                children,
                incidents,
                incident_updates,
                maintenances,
                maintenance_updates,
            }
        };
    Some(match file {
        "cloudamqp-summary-2020-07-16-maintenance.json" => summary(Indicator::Maintenance, (23, 0, 0), 0, 0, 1, 2),
        "github-summary-2020-04-02-major-outage.json" => summary(Indicator::Major, (9, 0, 0), 1, 2, 0, 0),
        "github-summary-2022-11-25-active-incident.json" => summary(Indicator::Minor, (11, 0, 0), 1, 7, 0, 0),
        "github-summary-2026-07-31.json" => summary(Indicator::None, (12, 0, 0), 0, 0, 0, 0),
        "twilio-summary-2020-06-16.json" => summary(Indicator::Minor, (73, 8, 57), 2, 7, 9, 9),
        "github-incidents-2026-07-31.json" => {
            Counts { kind: "incidents", incidents: 50, incident_updates: 287, ..Counts::default() }
        }
        "github-incident-8vfyvq16hzh9-critical.json" => {
            Counts { kind: "incident", incidents: 1, incident_updates: 18, ..Counts::default() }
        }
        "discord-scheduled-maintenances-2022-02-15.json" => {
            Counts { kind: "maintenances", maintenances: 1, maintenance_updates: 4, ..Counts::default() }
        }
        _ => return None,
    })
}

#[test]
#[ignore = "reads reference documents from outside the repository (REGIEKAMER_REFERENCE_DIR)"]
fn reference_documents_parse() {
    let Some(root) = std::env::var_os("REGIEKAMER_REFERENCE_DIR") else {
        eprintln!("REGIEKAMER_REFERENCE_DIR is not set; nothing to check");
        return;
    };
    let dir = PathBuf::from(root).join("statuspage");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} not found; nothing to check", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = parse_document(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let counts = count(&parsed.value);
        println!("{name}: {counts:?}; {} warning(s)", parsed.warnings.len());
        for w in &parsed.warnings {
            println!("    warning: {w}");
        }
        if let Some(want) = expected(&name) {
            assert_eq!(counts, want, "{name}");
            assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
        }
    }
    println!("{} reference document(s) read", files.len());
}
