//! Stancemark's single binary: the desktop app, or a headless command.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = stancemark::cli::Args::parse();
    stancemark::cli::main(args)
}
