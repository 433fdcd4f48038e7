// The library in cases/ is embedded with include_dir!, which cargo cannot see: tell cargo to
// rebuild when any file there changes. And the target the binary is built for, which `--version`
// names: an officer copying one file to a machine can tell the x86_64 build from the ARM64 one,
// and the static (musl) from the glibc.
fn main() {
    println!("cargo:rerun-if-changed=cases");
    let target = std::env::var("TARGET").unwrap_or_default();
    println!("cargo:rustc-env=CASEBOOK_TARGET={target}");
}
