//! The `regiekamer` server: configuration, start-up, the HTTP router and the command line.
#![forbid(unsafe_code)]

pub mod bench_costs;
pub mod bench_pages;
pub mod bench_poll;
pub mod bench_storage;
pub mod cli;
pub mod cli_audit;
pub mod cli_import;
pub mod cli_sla;
pub mod cli_source;
pub mod cli_tender;
pub mod config;
pub mod http;
pub mod run;
pub mod telemetry;
