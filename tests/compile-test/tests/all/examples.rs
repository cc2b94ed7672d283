//! The `# Example` of every page compiles: each is the body of a function taking the server's
//! `reply` (the api.tl module: every function's; the small modules: every item's). Run on an
//! empty reply, each builds its value, encodes it, and fails to decode the answer, without a
//! panic.

#![allow(unused)]

use tlgen_runtime::DecodeError;

type Example = fn(&[u8]) -> Result<(), DecodeError>;

mod fixture_examples {
    use compile_test::fixture as tl;
    include!(concat!(env!("OUT_DIR"), "/fixture_examples.rs"));
}

mod rpc_examples {
    use compile_test::rpc as tl;
    include!(concat!(env!("OUT_DIR"), "/rpc_examples.rs"));
}

mod ton_examples {
    use compile_test::ton as tl;
    include!(concat!(env!("OUT_DIR"), "/ton_examples.rs"));
}

#[cfg(tl_lite_api)]
mod lite_api_examples {
    use compile_test::lite_api as tl;
    include!(concat!(env!("OUT_DIR"), "/lite_api_examples.rs"));
}

#[cfg(tl_api)]
mod api_examples {
    use compile_test::api as tl;
    include!(concat!(env!("OUT_DIR"), "/api_examples.rs"));
}

fn run(name: &str, examples: &[(&str, Example)], min: usize) {
    assert!(examples.len() >= min, "{name}: {} examples", examples.len());
    let mut functions = 0;
    for (tl_name, example) in examples {
        // Constructors' examples return Ok; functions' read the answer from `reply`.
        if example(&[]).is_err() {
            functions += 1;
        }
        let _ = tl_name;
    }
    println!(
        "{name}: {} examples compiled and ran ({functions} read an answer)",
        examples.len()
    );
}

#[test]
fn small_modules_examples() {
    run("fixture", fixture_examples::EXAMPLES, 40);
    run("rpc", rpc_examples::EXAMPLES, 45);
    run("ton", ton_examples::EXAMPLES, 9);
    #[cfg(tl_lite_api)]
    run("lite_api", lite_api_examples::EXAMPLES, 88);
}

#[cfg(tl_api)]
#[test]
fn api_examples() {
    let names: Vec<&str> = api_examples::EXAMPLES.iter().map(|(n, _)| *n).collect();
    for must in [
        "auth.resetAuthorizations",
        "messages.sendMessage",
        "invokeWithLayer",
    ] {
        assert!(names.contains(&must), "no example for {must}");
    }
    run("api", api_examples::EXAMPLES, 800);
}
