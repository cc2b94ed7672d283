//! The RPC error-table readers on arbitrary text: `errors.csv` and `methods.csv` parsing, the
//! cross-check between them, and matching messages against parameterised names. Errors are
//! values; nothing may panic or hang. The input is split at the first NUL byte: before it the
//! error table, after it the method table (and the tail also serves as an error message).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlgen_errors::{ErrorTable, MethodTable};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (errors_text, methods_text) = text.split_once('\0').unwrap_or((text, ""));
    let errors = ErrorTable::parse("errors.csv", errors_text);
    let methods = MethodTable::parse("methods.csv", methods_text);
    match &errors {
        Ok(table) => {
            for def in table.defs() {
                let _ = def.matches(methods_text);
                let _ = (def.rust_variant_name(), def.field_name(), def.classes());
            }
            let _ = table.lookup(methods_text);
            for w in table.warnings() {
                let _ = w.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    match (&errors, &methods) {
        (Ok(e), Ok(m)) => {
            let known = |name: &str| name.len() % 2 == 0;
            for d in m.validate(e, Some(&known)) {
                let _ = d.to_string();
            }
            for method in m.methods() {
                let _ = method.resolve(e);
            }
        }
        (_, Err(e)) => {
            let _ = e.to_string();
        }
        _ => {}
    }
});
