//! Helpers shared by the tests that run the `stancemark` binary.
#![allow(dead_code)]

use std::process::Command;

/// Runs `stancemark` with `args`: (exit code, stdout, stderr).
pub fn stancemark(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stancemark"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
