//! Writes a synthetic library for scale tests: `cargo run --release --example gen_library -- N DIR`.
//! The files pass `casebook validate DIR` and load with `casebook --cases DIR --only`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1).map(PathBuf::from),
    ) else {
        eprintln!("usage: gen_library N DIR");
        return ExitCode::from(2);
    };
    match casebook::synth::write(count, &dir) {
        Ok(()) => {
            println!("wrote {count} cases to {}", dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_library: {error}");
            ExitCode::from(1)
        }
    }
}
