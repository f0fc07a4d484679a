//! `regiekamer import costs --file F [--check]`: a cost CSV (format in docs/COSTS.md). With `--check`
//! the file's format is checked without a database or configuration and the result printed as JSON
//! (`{"rows", "total_cents", "vat_cents", "errors": [{"line", "column", "message"}]}`, exit 1 when
//! there are errors). Without it the file is imported into the configured database as the system
//! user: every line, or nothing and every problem on standard error (exit 1).

use crate::config::Config;
use clap::Subcommand;
use domain::costs::import::{parse_cost_csv, MAX_IMPORT_BYTES};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import (or with --check only check) a cost CSV.
    Costs {
        /// The CSV file.
        #[arg(long)]
        file: PathBuf,
        /// Check the format only and print JSON; needs no database.
        #[arg(long)]
        check: bool,
    },
}

/// Reads the file, refusing one over the size limit before reading it.
fn read(file: &PathBuf) -> anyhow::Result<Vec<u8>> {
    let size = std::fs::metadata(file).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", file.display()))?.len();
    if size > MAX_IMPORT_BYTES as u64 {
        anyhow::bail!(
            "{}: {size} bytes, more than the {} MB a cost file may have",
            file.display(),
            MAX_IMPORT_BYTES >> 20
        );
    }
    std::fs::read(file).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", file.display()))
}

/// `--check`: runs before any configuration is loaded.
pub fn check(file: &PathBuf) -> anyhow::Result<()> {
    let bytes = match read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("import costs: {e}");
            std::process::exit(1);
        }
    };
    let parsed = parse_cost_csv(&bytes);
    println!("{}", parsed.check_json());
    if !parsed.errors.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}

/// Imports into the configured database.
pub async fn import(cfg: &Config, file: &PathBuf) -> anyhow::Result<()> {
    let bytes = read(file)?;
    let services = crate::run::open_services(cfg).await?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match services.import_cost_file(&service::auth::system_actor(), &name, &bytes).await {
        Ok(Ok(n)) => {
            println!("{n} kostenregels ingelezen uit {}", file.display());
            Ok(())
        }
        Ok(Err(problems)) => {
            for p in &problems {
                eprintln!("regel {} kolom '{}': {}", p.line, p.column, p.message_nl);
            }
            eprintln!("niets ingelezen: {} fout(en)", problems.len());
            std::process::exit(1);
        }
        Err(service::ServiceError::Invalid(inv)) => {
            let msgs: Vec<String> = inv.0.iter().map(|e| format!("{}: {:?}", e.field, e.problem)).collect();
            anyhow::bail!("refused: {}", msgs.join("; "))
        }
        Err(e) => Err(e.into()),
    }
}
