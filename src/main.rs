//! The `bulletin` command; everything it does is in the library's `cli` module.

fn main() -> std::process::ExitCode {
    bulletin::cli::main()
}
