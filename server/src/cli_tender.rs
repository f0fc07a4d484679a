//! `regiekamer tender evaluate --file tender.json`: score and rank the offers of a tender from a file
//! (docs/PROCUREMENT.md) with the same domain functions the pages use. Needs no database.

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum TenderCommand {
    /// Score a tender file and print the ranking as JSON. Exits 1, naming the field, on bad input.
    Evaluate {
        /// The tender file (JSON).
        #[arg(long)]
        file: PathBuf,
    },
}

/// Runs the command: the ranking on standard output, or `field: message` on standard error and exit 1.
pub fn run(command: TenderCommand) -> anyhow::Result<()> {
    let TenderCommand::Evaluate { file } = command;
    let result =
        std::fs::read_to_string(&file).map_err(|e| format!("{}: cannot read: {e}", file.display())).and_then(|text| {
            domain::tender::file::evaluate(&text).map_err(|e| format!("{}: {} ({})", e.field, e.message, e.message_nl))
        });
    match result {
        Ok(json) => {
            println!("{json}");
            Ok(())
        }
        Err(message) => {
            eprintln!("tender evaluate: {message}");
            std::process::exit(1);
        }
    }
}
