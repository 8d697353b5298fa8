//! Prints the models' schema as autogen JSON on stdout; the `autogen` CLI runs this
//! binary (`cargo run -p models --bin autogen-schema`) as its models source.
//!
//! Exit codes: 0 with the JSON on stdout; 1 with the error on stderr when the models
//! are inconsistent (a declaration for an unregistered table, a duplicate name…).

fn main() -> std::process::ExitCode {
    autogen_models::main(models::base())
}
