//! The tests of the generated code, in one test binary: the generated api.tl crate is
//! megabytes of code, and every test binary links it (and instantiates its generics) anew.
//!
//! * `known_bytes`: encodings checked against bytes written out from the TL rules;
//! * `roundtrip`: random instances of every constructor and function, through bytes and back;
//! * `examples`: every page's `# Example` compiles (and runs on an empty reply);
//! * `handshake`: the real bytes of the MTProto key exchange (`TL_SCHEMA_DIR/../vectors`);
//! * `hostile`: truncations, huge counts, deep nesting, bad UTF-8, and the corpus in `corpus/`;
//! * `rpc_errors`: typed RPC errors (the README example among them);
//! * `ton`: TON's dialect (the fixture; the lite-server vectors with `TL_SCHEMA_DIR`);
//! * `differential`: the api.tl decoders against grammers-tl-types 0.11.0 on valid and mutated
//!   bytes (issue #12).

mod differential;
mod examples;
mod handshake;
mod hostile;
mod known_bytes;
mod roundtrip;
mod rpc_errors;
mod ton;
