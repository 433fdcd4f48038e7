// The library in cases/ is embedded with include_dir!, which cargo cannot see: tell cargo to
// rebuild when any file there changes.
fn main() {
    println!("cargo:rerun-if-changed=cases");
}
