fn main() -> std::process::ExitCode {
    casebook::cli::run()
}
