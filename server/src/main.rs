//! `regiekamer`: see `regiekamer --help`.
#![forbid(unsafe_code)]

use clap::Parser;

#[tokio::main]
async fn main() {
    let cli = server::cli::Cli::parse();
    if let Err(e) = server::cli::run(cli).await {
        eprintln!("regiekamer: {e:#}");
        std::process::exit(1);
    }
}
