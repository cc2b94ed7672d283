//! The MTProto key exchange, byte for byte: the nine messages of Telegram's worked example
//! (`mtproto-auth-key.json` beside the schemas) decode with the generated `mtproto.tl` types,
//! consume every byte, re-encode identically, and hold the values the example states.
//!
//! The binary `string` fields (`pq`, `p`, `q`, `encrypted_data`, `dh_prime`, `g_a`, `g_b`, ...)
//! are `Vec<u8>` through tlgen-build's built-in MTProto set: they are not UTF-8.

#![cfg(tl_api)]

use compile_test::api::{enums, functions};
use tlgen_runtime::{Deserializable, Reader, Serializable};

struct Vector {
    tl_type: String,
    bytes: Vec<u8>,
}

use tlgen_test_support::from_hex as hex;

fn vectors() -> Vec<Vector> {
    let path = std::path::Path::new(env!("TL_VECTORS_DIR")).join("mtproto-auth-key.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    json.as_array()
        .expect("a list")
        .iter()
        .map(|v| Vector {
            tl_type: v["tl_type"].as_str().expect("tl_type").to_owned(),
            bytes: hex(v["hex"].as_str().expect("hex")),
        })
        .collect()
}

/// Decode all of `bytes` as `T`, check nothing is left over and that encoding gives the same
/// bytes back.
fn decode_exact<T: Deserializable + Serializable>(name: &str, bytes: &[u8]) -> T {
    let mut r = Reader::new(bytes);
    let value = T::deserialize(&mut r).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(r.remaining(), 0, "{name}: bytes left over");
    assert_eq!(value.to_bytes(), bytes, "{name}: re-encoding differs");
    value
}

const NONCE: &str = "79f0afb50252e5fc96924bfcecda4f05";
const SERVER_NONCE: &str = "801775a3efbfd2701aa28ad727be4646";

fn int128(s: &str) -> [u8; 16] {
    hex(s).try_into().expect("16 bytes")
}

/// A `long` as the example prints it: its wire bytes.
fn long(s: &str) -> i64 {
    i64::from_le_bytes(hex(s).try_into().expect("8 bytes"))
}

#[test]
fn mtproto_key_exchange_vectors() {
    let vectors = vectors();
    assert_eq!(vectors.len(), 9, "the example has nine messages");
    let (nonce, server_nonce) = (int128(NONCE), int128(SERVER_NONCE));
    let mut seen = Vec::new();
    for v in &vectors {
        let name = v.tl_type.split('#').next().unwrap_or_default().to_owned();
        let b = &v.bytes;
        match name.as_str() {
            "req_pq_multi" => {
                let m: functions::ReqPqMulti = decode_exact(&name, b);
                assert_eq!(m.nonce, nonce);
            }
            "resPQ" => {
                let enums::ResPq::ResPq(m) = decode_exact(&name, b);
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.pq, hex("130b7475669feb8b"));
                assert_eq!(
                    u64::from_be_bytes(m.pq.as_slice().try_into().expect("8 bytes")),
                    1141464581 * 1202243663
                );
                assert_eq!(
                    m.server_public_key_fingerprints,
                    [
                        long("85fd64de851d9dd0"),
                        long("a5b7f709355fc30b"),
                        long("216be86c022bb4c3")
                    ]
                );
            }
            "p_q_inner_data_dc" => {
                let enums::PQInnerData::Dc(m) = decode_exact(&name, b) else {
                    panic!("{name}: another constructor");
                };
                assert_eq!(m.pq, hex("130b7475669feb8b"));
                assert_eq!(m.p, 1141464581u32.to_be_bytes());
                assert_eq!(m.q, 1202243663u32.to_be_bytes());
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.new_nonce[..4], hex("264f835b"));
                assert_eq!(m.new_nonce[28..], hex("c7a6a0ac"));
                assert_eq!(m.dc, 2);
            }
            "req_DH_params" => {
                let m: functions::ReqDhParams = decode_exact(&name, b);
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.p, 1141464581u32.to_be_bytes());
                assert_eq!(m.q, 1202243663u32.to_be_bytes());
                assert_eq!(m.public_key_fingerprint, long("85fd64de851d9dd0"));
                assert_eq!(m.encrypted_data.len(), 256);
                assert!(std::str::from_utf8(&m.encrypted_data).is_err());
            }
            "server_DH_params_ok" => {
                let enums::ServerDhParams::Ok(m) = decode_exact(&name, b) else {
                    panic!("{name}: another constructor");
                };
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.encrypted_answer.len(), 592);
            }
            "server_DH_inner_data" => {
                let enums::ServerDhInnerData::ServerDhInnerData(m) = decode_exact(&name, b);
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.g, 3);
                // The standard 2048-bit safe prime Telegram uses.
                assert_eq!(m.dh_prime.len(), 256);
                assert_eq!(m.dh_prime[..4], hex("c71caeb9"));
                assert_eq!(m.dh_prime[255], 0x5b);
                assert_eq!(m.g_a.len(), 256);
                assert_eq!(m.server_time, 1735910891);
            }
            "client_DH_inner_data" => {
                let enums::ClientDhInnerData::ClientDhInnerData(m) = decode_exact(&name, b);
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.retry_id, 0);
                assert_eq!(m.g_b.len(), 256);
            }
            "set_client_DH_params" => {
                let m: functions::SetClientDhParams = decode_exact(&name, b);
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(m.encrypted_data.len(), 336);
            }
            "dh_gen_ok" => {
                let enums::SetClientDhParamsAnswer::DhGenOk(m) = decode_exact(&name, b) else {
                    panic!("{name}: another constructor");
                };
                assert_eq!((m.nonce, m.server_nonce), (nonce, server_nonce));
                assert_eq!(
                    m.new_nonce_hash1,
                    int128("51070b3db672b7602e4ee2fe761b36a2")
                );
            }
            other => panic!("unexpected message {other}"),
        }
        seen.push(name);
    }
    println!(
        "decoded and re-encoded {} handshake messages: {}",
        seen.len(),
        seen.join(", ")
    );
}

/// A fixed-seed xorshift: the same bytes every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Random bytes that are never valid UTF-8 (a 0xff at a random place), of a length that
    /// crosses the 254-byte switch to TL's long length form.
    fn binary(&mut self) -> Vec<u8> {
        let len = 1 + (self.next() % 600) as usize;
        let mut v: Vec<u8> = (0..len).map(|_| self.next() as u8).collect();
        let at = (self.next() as usize) % len;
        v[at] = 0xff;
        assert!(std::str::from_utf8(&v).is_err());
        v
    }

    fn int128(&mut self) -> [u8; 16] {
        let mut a = [0; 16];
        a[..8].copy_from_slice(&self.next().to_le_bytes());
        a[8..].copy_from_slice(&self.next().to_le_bytes());
        a
    }
}

fn round_trip<T>(value: T)
where
    T: Deserializable + Serializable + PartialEq + std::fmt::Debug,
{
    let bytes = value.to_bytes();
    let back = decode_exact::<T>(std::any::type_name::<T>(), &bytes);
    assert_eq!(back, value);
}

/// Every mtproto.tl constructor and function with a binary `string` field, with random
/// non-UTF-8 bytes in each of them: encodes, decodes and re-encodes identically (what a
/// gramjs-style peer sends). 500 instances of each.
#[test]
fn binary_strings_with_non_utf8_bytes_round_trip() {
    use compile_test::api::types;
    let mut rng = Rng(0x7e57_5eed_0000_0001);
    for _ in 0..500 {
        let (nonce, server_nonce) = (rng.int128(), rng.int128());
        let new_nonce = [rng.int128(), rng.int128()]
            .concat()
            .try_into()
            .expect("32 bytes");
        round_trip(enums::ResPq::ResPq(types::ResPq {
            nonce,
            server_nonce,
            pq: rng.binary(),
            server_public_key_fingerprints: vec![rng.next() as i64],
        }));
        round_trip(enums::PQInnerData::PQInnerData(types::PQInnerData {
            pq: rng.binary(),
            p: rng.binary(),
            q: rng.binary(),
            nonce,
            server_nonce,
            new_nonce,
        }));
        round_trip(enums::PQInnerData::Dc(types::PQInnerDataDc {
            pq: rng.binary(),
            p: rng.binary(),
            q: rng.binary(),
            nonce,
            server_nonce,
            new_nonce,
            dc: rng.next() as i32,
        }));
        round_trip(enums::PQInnerData::Temp(types::PQInnerDataTemp {
            pq: rng.binary(),
            p: rng.binary(),
            q: rng.binary(),
            nonce,
            server_nonce,
            new_nonce,
            expires_in: rng.next() as i32,
        }));
        round_trip(enums::PQInnerData::TempDc(types::PQInnerDataTempDc {
            pq: rng.binary(),
            p: rng.binary(),
            q: rng.binary(),
            nonce,
            server_nonce,
            new_nonce,
            dc: rng.next() as i32,
            expires_in: rng.next() as i32,
        }));
        round_trip(enums::ServerDhParams::Ok(types::ServerDhParamsOk {
            nonce,
            server_nonce,
            encrypted_answer: rng.binary(),
        }));
        round_trip(enums::ServerDhInnerData::ServerDhInnerData(
            types::ServerDhInnerData {
                nonce,
                server_nonce,
                g: 3,
                dh_prime: rng.binary(),
                g_a: rng.binary(),
                server_time: rng.next() as i32,
            },
        ));
        round_trip(enums::ClientDhInnerData::ClientDhInnerData(
            types::ClientDhInnerData {
                nonce,
                server_nonce,
                retry_id: rng.next() as i64,
                g_b: rng.binary(),
            },
        ));
        round_trip(functions::ReqDhParams {
            nonce,
            server_nonce,
            p: rng.binary(),
            q: rng.binary(),
            public_key_fingerprint: rng.next() as i64,
            encrypted_data: rng.binary(),
        });
        round_trip(functions::SetClientDhParams {
            nonce,
            server_nonce,
            encrypted_data: rng.binary(),
        });
        round_trip(enums::MsgsStateInfo::MsgsStateInfo(types::MsgsStateInfo {
            req_msg_id: rng.next() as i64,
            info: rng.binary(),
        }));
        round_trip(enums::MsgsAllInfo::MsgsAllInfo(types::MsgsAllInfo {
            msg_ids: vec![rng.next() as i64],
            info: rng.binary(),
        }));
        round_trip(enums::TlsBlock::String(types::TlsBlockString {
            data: rng.binary(),
        }));
    }
}
