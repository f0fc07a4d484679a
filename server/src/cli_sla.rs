//! `regiekamer sla evaluate --file scenario.json`: recompute one period's availability and service
//! credit from a scenario file (docs/SLA.md) with the same domain functions the pages use. Needs no
//! database and no configuration.

use clap::Subcommand;
use domain::sla::scenario::{result_json, Scenario};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum SlaCommand {
    /// Evaluate a scenario file and print the result as JSON. Exits 1, naming the field, on bad input.
    Evaluate {
        /// The scenario file (JSON).
        #[arg(long)]
        file: PathBuf,
    },
}

/// Runs the command: the result on standard output, or `field: message` on standard error and exit 1.
pub fn run(command: SlaCommand) -> anyhow::Result<()> {
    let SlaCommand::Evaluate { file } = command;
    match evaluate_file(&file) {
        Ok(json) => {
            println!("{json}");
            Ok(())
        }
        Err(message) => {
            eprintln!("sla evaluate: {message}");
            std::process::exit(1);
        }
    }
}

/// The result JSON for the scenario in `file`, or a message naming what is wrong.
pub fn evaluate_file(file: &std::path::Path) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let scenario = Scenario::parse(&text).map_err(|e| format!("{}: {} ({})", e.field, e.message, e.message_nl))?;
    Ok(result_json(&scenario.evaluate()))
}
