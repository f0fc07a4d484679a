//! `vendor-sim --vendors N --seed S --addr 127.0.0.1:4000 [--tls-addr ADDR] [--hosts K] [--no-scenarios]`:
//! runs the simulator on the real clock with the demo timeline and prints the base URLs; stops on Ctrl-C.
//! `--hosts K` also listens on 127.0.0.2 .. 127.0.0.K at the same port, so that vendors can be spread
//! over K hosts (loopback only).
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::process::ExitCode;

use vendor_sim::{SimClock, SimConfig, FAULT_MODES};

struct Args {
    vendors: usize,
    seed: u64,
    addr: SocketAddr,
    tls_addr: Option<SocketAddr>,
    scenarios: bool,
    hosts: u8,
}

const USAGE: &str =
    "usage: vendor-sim [--vendors N] [--seed S] [--addr IP:PORT] [--tls-addr IP:PORT] [--hosts K] [--no-scenarios]";

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        vendors: 10,
        seed: 1,
        addr: SocketAddr::from(([127, 0, 0, 1], 4000)),
        tls_addr: None,
        scenarios: true,
        hosts: 1,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--vendors" => parsed.vendors = value()?.parse().map_err(|e| format!("--vendors: {e}"))?,
            "--seed" => parsed.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--addr" => parsed.addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--tls-addr" => parsed.tls_addr = Some(value()?.parse().map_err(|e| format!("--tls-addr: {e}"))?),
            "--no-scenarios" => parsed.scenarios = false,
            "--hosts" => {
                parsed.hosts = value()?.parse().map_err(|e| format!("--hosts: {e}"))?;
                if parsed.hosts == 0 || parsed.hosts > 254 {
                    return Err("--hosts must be between 1 and 254".into());
                }
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(parsed)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let config =
        if args.scenarios { SimConfig::demo(args.seed, args.vendors) } else { SimConfig::new(args.seed, args.vendors) };
    let tls_addr = args.tls_addr.unwrap_or(SocketAddr::new(args.addr.ip(), 0));
    let extra: Vec<std::net::IpAddr> = (2..=args.hosts).map(|i| std::net::Ipv4Addr::new(127, 0, 0, i).into()).collect();
    let sim = match vendor_sim::start_with_listeners(config, SimClock::real(), args.addr, tls_addr, &extra).await {
        Ok(sim) => sim,
        Err(e) => {
            eprintln!("vendor-sim: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("vendor-sim listening on {} (self-signed TLS on {})", sim.base_url(), sim.tls_url());
    for vendor in sim.vendors() {
        println!("  {:>3}  {:<16} {}/api/v2/summary.json", vendor.index, vendor.name, sim.vendor_url(vendor.index));
    }
    for extra in &sim.extra_addrs {
        println!("  also listening on http://{extra}");
    }
    println!("  faults: {}/fault/{{{}}}", sim.base_url(), FAULT_MODES.join(","));
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("vendor-sim: cannot wait for Ctrl-C: {e}");
    }
    sim.shutdown().await;
    ExitCode::SUCCESS
}
