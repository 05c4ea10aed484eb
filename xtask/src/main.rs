//! Workspace automation for `langevin`.
//!
//! `cargo xtask validate [SUITE...] [--quick] [--out DIR] [--seed N] [--list]` runs the
//! numerical validation suites registered in [`suites::all`], prints a table of checks, writes
//! `DIR/report.json`, `DIR/report.md` and one SVG per plot, and exits with
//!
//! - `0` when every check passed,
//! - `1` when at least one check failed (a suite that errors or panics counts as a failed check),
//! - `2` on a usage error (unknown suite) or when the report cannot be written.

// The suite API: some of its items are used only by some suites (or none yet).
#[allow(dead_code)]
mod harness;
mod plot;
mod report;
mod runner;
mod suites;
mod table;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Default base seed of `cargo xtask validate`.
pub const DEFAULT_SEED: u64 = 20_261_203;

/// Command line of the `xtask` binary.
#[derive(Parser, Debug)]
#[command(name = "xtask", about = "Workspace automation for langevin", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Run the numerical validation suites and write the report.
    Validate(ValidateArgs),
}

/// Arguments of `cargo xtask validate`.
#[derive(Args, Debug, Clone)]
struct ValidateArgs {
    /// Suites to run, by suite name or by crate name (all of that crate's suites); none runs
    /// every suite.
    #[arg(value_name = "SUITE")]
    suites: Vec<String>,
    /// Reduced sample sizes (the CI variant; whole run under 2 minutes on 2 cores).
    #[arg(long)]
    quick: bool,
    /// Output directory for report.json, report.md and the SVG plots
    /// [default: <workspace>/target/validate].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Base seed from which every suite derives its random streams.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// List the registered suites and exit.
    #[arg(long)]
    list: bool,
}

/// The workspace root: the parent of this crate's manifest directory.
fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Validate(args) => validate(&args),
    }
}

/// Runs `cargo xtask validate`.
fn validate(args: &ValidateArgs) -> ExitCode {
    let registry = suites::all();
    if args.list {
        print!("{}", runner::list(&registry));
        return ExitCode::SUCCESS;
    }
    let selected = match runner::select(&registry, &args.suites) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if selected.is_empty() {
        eprintln!("warning: no validation suites are registered");
    }

    let out = args
        .out
        .clone()
        .unwrap_or_else(|| workspace_root().join("target").join("validate"));
    let ctx = harness::Ctx {
        quick: args.quick,
        seed: args.seed,
    };

    let run = match runner::run_all(&selected, &ctx, &out) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };

    print!("{}", table::render(&run.suites));
    println!("{}", table::summary(&run));
    if let Err(e) = report::write_all(&run, &out) {
        eprintln!("error: cannot write the report to {}: {e}", out.display());
        return ExitCode::from(2);
    }
    println!("report: {}", out.join("report.md").display());

    if run.failed() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_parses_validate() {
        let cli = Cli::try_parse_from([
            "xtask", "validate", "base-ou", "gle-core", "--quick", "--out", "/tmp/x", "--seed", "7",
        ])
        .unwrap();
        let Command::Validate(a) = cli.command;
        assert_eq!(a.suites, ["base-ou", "gle-core"]);
        assert!(a.quick);
        assert_eq!(a.out.as_deref(), Some(Path::new("/tmp/x")));
        assert_eq!(a.seed, 7);
        assert!(!a.list);
    }

    #[test]
    fn cli_defaults() {
        let cli = Cli::try_parse_from(["xtask", "validate"]).unwrap();
        let Command::Validate(a) = cli.command;
        assert!(a.suites.is_empty());
        assert!(!a.quick);
        assert_eq!(a.seed, DEFAULT_SEED);
        assert!(a.out.is_none());
    }

    #[test]
    fn workspace_root_holds_the_workspace_manifest() {
        let root = workspace_root();
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
        assert!(manifest.contains("[workspace]"));
    }
}
