//! The generated td_api.tl code against the real libtdjson (TDLib 1.8.66).
//!
//! Needs `TL_SCHEMA_DIR` at build time (the `tl_td_api` cfg) and `TDJSON_PATH` at run time
//! (`scripts/install-tdjson.sh` prints it). Without them the tests print `skipped: ...`;
//! under `CI=true` a missing schema or library fails.

#[cfg(not(tl_td_api))]
#[test]
fn td_api_not_generated() {
    // Prints `skipped: TL_SCHEMA_DIR not set` (or fails under CI=true).
    let dir = tlgen_tdjson_support::schema_dir();
    assert!(
        dir.is_none(),
        "td_api.tl is there but the build did not generate td_api"
    );
}

#[cfg(not(tl_td_api))]
mod tlgen_tdjson_support {
    pub fn schema_dir() -> Option<std::path::PathBuf> {
        tlgen_test_support::schema_dir(&["td_api.tl"])
    }
}

#[cfg(tl_td_api)]
mod tdlib {
    use std::collections::BTreeMap;
    use std::fmt::Debug;
    use std::sync::OnceLock;
    use std::time::{Duration, Instant};

    use arbitrary::{Arbitrary, Unstructured};
    use serde_json::Value;
    use tdlib_test::td_api::{self, enums, functions, types};
    use tlgen_runtime::json::serde::Serialize;
    use tlgen_runtime::json::serde::de::DeserializeOwned;
    use tlgen_tdjson::{Client, TdError, Tdjson};

    /// A summary line on stderr even when the harness captures the test's output (so CI's log
    /// shows the counts).
    macro_rules! report {
        ($($arg:tt)*) => {{
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), $($arg)*);
        }};
    }

    /// The library, loaded once for every test (with TDLib's log silenced), or `None` after
    /// printing why the test is skipped.
    fn tdjson() -> Option<&'static Tdjson> {
        static TD: OnceLock<Option<Tdjson>> = OnceLock::new();
        TD.get_or_init(|| {
            if std::env::var_os("TDJSON_PATH").is_none_or(|p| p.is_empty()) {
                assert!(
                    !tlgen_test_support::on_ci(),
                    "CI=true but TDJSON_PATH is not set (scripts/install-tdjson.sh prints it)"
                );
                return None;
            }
            let td = Tdjson::load().unwrap_or_else(|e| panic!("{e}"));
            // Quiet: TDLib logs to stderr at level 1+ by default.
            td.execute(&functions::SetLogVerbosityLevel {
                new_verbosity_level: 0,
            })
            .unwrap_or_else(|e| panic!("setLogVerbosityLevel: {e}"));
            Some(td)
        })
        .as_ref()
        .or_else(|| {
            println!("skipped: TDJSON_PATH not set");
            None
        })
    }

    /// Deterministic pseudo-random bytes (xorshift64*), for `arbitrary`.
    fn random_bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x >> 12;
                x ^= x << 25;
                x ^= x >> 27;
                (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
            })
            .collect()
    }

    fn seed(name: &str, k: u64) -> u64 {
        // FNV-1a of the name, then the case number.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes().chain(k.to_le_bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }

    // ---- used by the generated lists (td_api_items.rs) ----------------------------------

    /// What one random request got from `td_execute`.
    #[derive(Debug)]
    enum Outcome {
        /// A typed answer (a method TDLib runs synchronously).
        Answer,
        /// TDLib's error object: parsed, then refused (most often "can't be executed
        /// synchronously").
        Refused { message: String },
        /// Our code failed: the request did not encode, or the answer did not decode.
        Ours(String),
    }

    type RandomJson = fn(&Tdjson, &mut Unstructured<'_>) -> arbitrary::Result<(String, Outcome)>;

    /// A random `F`, its JSON, and what `td_execute` did with it (typed).
    fn random_json<F>(td: &Tdjson, u: &mut Unstructured<'_>) -> arbitrary::Result<(String, Outcome)>
    where
        F: for<'a> Arbitrary<'a> + Serialize + tlgen_runtime::RemoteCall,
        F::Return: DeserializeOwned,
    {
        let f = F::arbitrary(u)?;
        let json = match serde_json::to_string(&f) {
            Ok(j) => j,
            Err(e) => return Ok((String::new(), Outcome::Ours(format!("encode: {e}")))),
        };
        let outcome = match td.execute(&f) {
            Ok(_) => Outcome::Answer,
            Err(TdError::Td { message, .. }) => Outcome::Refused { message },
            Err(e) => Outcome::Ours(e.to_string()),
        };
        Ok((json, outcome))
    }

    type RoundTrip = fn(&mut Unstructured<'_>) -> Result<(), String>;

    /// A random `T` → our JSON → our decoder → the same value (and the same JSON).
    fn round_trip<T>(u: &mut Unstructured<'_>) -> Result<(), String>
    where
        T: for<'a> Arbitrary<'a> + Serialize + DeserializeOwned + PartialEq + Debug,
    {
        let v = T::arbitrary(u).map_err(|e| format!("arbitrary: {e}"))?;
        let json = serde_json::to_string(&v).map_err(|e| format!("encode: {e}"))?;
        let back: T = serde_json::from_str(&json).map_err(|e| format!("decode: {e} in {json}"))?;
        if back != v {
            return Err(format!("decoded differently: {back:?} from {json}"));
        }
        let again = serde_json::to_string(&back).map_err(|e| format!("re-encode: {e}"))?;
        if again != json {
            return Err(format!("re-encoded differently: {again} vs {json}"));
        }
        Ok(())
    }

    mod items {
        use super::td_api;
        include!(concat!(env!("OUT_DIR"), "/td_api_items.rs"));
    }

    // ---- typed synchronous requests -----------------------------------------------------

    #[test]
    fn typed_execute() {
        let Some(td) = tdjson() else { return };

        let entities = td
            .execute(&functions::GetTextEntities {
                text: "@telegram /cmd https://telegram.org".into(),
            })
            .unwrap();
        let got: Vec<(i32, i32, &enums::TextEntityType)> = entities
            .entities
            .iter()
            .map(|e| (e.offset, e.length, &e.r#type))
            .collect();
        assert_eq!(
            got,
            [
                (0, 9, &enums::TextEntityType::Mention),
                (10, 4, &enums::TextEntityType::BotCommand),
                (15, 20, &enums::TextEntityType::Url),
            ]
        );

        let text = td
            .execute(&functions::ParseTextEntities {
                text: "*bold* _italic_ [link](https://example.com) `code`".into(),
                parse_mode: types::TextParseModeMarkdown { version: 2 }.into(),
            })
            .unwrap();
        assert_eq!(text.text, "bold italic link code");
        let got: Vec<(i32, i32, enums::TextEntityType)> = text
            .entities
            .into_iter()
            .map(|e| (e.offset, e.length, e.r#type))
            .collect();
        assert_eq!(
            got,
            [
                (0, 4, enums::TextEntityType::Bold),
                (5, 6, enums::TextEntityType::Italic),
                (
                    12,
                    4,
                    types::TextEntityTypeTextUrl {
                        url: "https://example.com/".into()
                    }
                    .into()
                ),
                (17, 4, enums::TextEntityType::Code),
            ]
        );

        let value = td
            .execute(&functions::GetJsonValue {
                json: r#"{"a":[1,true,null,"x"],"b":2.5}"#.into(),
            })
            .unwrap();
        let enums::JsonValue::Object(obj) = value else {
            panic!("expected a jsonValueObject, got {value:?}")
        };
        assert_eq!(obj.members.len(), 2);
        assert_eq!(obj.members[0].key, "a");
        let enums::JsonValue::Array(a) = &obj.members[0].value else {
            panic!("expected an array, got {:?}", obj.members[0].value)
        };
        assert_eq!(
            a.values,
            [
                types::JsonValueNumber { value: 1.0 }.into(),
                types::JsonValueBoolean { value: true }.into(),
                enums::JsonValue::Null,
                types::JsonValueString { value: "x".into() }.into(),
            ]
        );
        assert_eq!(
            obj.members[1].value,
            types::JsonValueNumber { value: 2.5 }.into()
        );

        let version = td
            .execute(&functions::GetOption {
                name: "version".into(),
            })
            .unwrap();
        assert_eq!(
            version,
            enums::OptionValue::String(types::OptionValueString {
                value: "1.8.66".into()
            })
        );

        let info = td
            .execute(&functions::GetPhoneNumberInfoSync {
                language_code: "en".into(),
                phone_number_prefix: "4915123456789".into(),
            })
            .unwrap();
        let country = info.country.expect("a country for +49");
        assert_eq!(country.country_code, "DE");
        assert_eq!(country.english_name, "Germany");
        assert_eq!(info.country_calling_code, "49");
        assert!(
            info.formatted_phone_number.starts_with("151"),
            "{}",
            info.formatted_phone_number
        );

        let ok: types::Ok = td
            .execute(&functions::SetLogVerbosityLevel {
                new_verbosity_level: 0,
            })
            .unwrap();
        assert_eq!(ok, types::Ok);
        let level = td.execute(&functions::GetLogVerbosityLevel).unwrap();
        assert_eq!(level.verbosity_level, 0);

        // TDLib's own errors are typed errors.
        let e = td
            .execute(&functions::GetOption {
                name: "no such option".into(),
            })
            .map(|_| ());
        assert!(matches!(e, Err(TdError::Td { code: 400, .. })), "{e:?}");
    }

    #[test]
    fn unknown_request_type_is_a_typed_error() {
        let Some(td) = tdjson() else { return };
        // A request type TDLib does not know, sent through the same typed path.
        #[derive(Debug)]
        struct NoSuchRequest;
        impl Serialize for NoSuchRequest {
            fn serialize<S: tlgen_runtime::json::serde::Serializer>(
                &self,
                s: S,
            ) -> Result<S::Ok, S::Error> {
                use tlgen_runtime::json::serde::ser::SerializeStruct as _;
                let mut m = s.serialize_struct("noSuchRequest", 1)?;
                m.serialize_field("@type", "noSuchRequest")?;
                m.end()
            }
        }
        impl tlgen_runtime::RemoteCall for NoSuchRequest {
            type Return = types::Ok;
        }
        match td.execute(&NoSuchRequest) {
            Err(TdError::Td { code, message }) => {
                assert_eq!(code, 400);
                assert!(message.contains("noSuchRequest"), "{message}");
            }
            other => panic!("expected TDLib's error 400, got {other:?}"),
        }
        // An answer of an unexpected @type is a decode error naming it.
        let e = serde_json::from_str::<enums::OptionValue>(r#"{"@type":"ok"}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains(r#"unknown @type "ok" for TL type OptionValue"#),
            "{e}"
        );
    }

    // ---- every function, through TDLib's parser -----------------------------------------

    /// Methods `td_execute` really runs that would change the process (the log) or touch
    /// files: fixed, harmless values instead of random ones.
    fn fixed_requests(dir: &std::path::Path) -> Vec<(&'static str, String)> {
        let j = |v: &dyn erased::Json| v.json();
        vec![
            (
                "setLogStream",
                j(&functions::SetLogStream {
                    log_stream: enums::LogStream::Empty,
                }),
            ),
            (
                "setLogVerbosityLevel",
                j(&functions::SetLogVerbosityLevel {
                    new_verbosity_level: 0,
                }),
            ),
            (
                "setLogTagVerbosityLevel",
                // No such tag: parsed, then refused; no real tag changes.
                j(&functions::SetLogTagVerbosityLevel {
                    tag: "tlgen_no_such_tag".into(),
                    new_verbosity_level: 0,
                }),
            ),
            (
                "addLogMessage",
                // Above the verbosity set: nothing is written.
                j(&functions::AddLogMessage {
                    verbosity_level: 1023,
                    text: "tlgen test".into(),
                }),
            ),
            (
                "getLanguagePackString",
                // A database in a fresh temporary folder.
                j(&functions::GetLanguagePackString {
                    language_pack_database_path: dir.join("langpack.sqlite").display().to_string(),
                    localization_target: "android".into(),
                    language_pack_id: "en".into(),
                    key: "tlgen".into(),
                }),
            ),
        ]
    }

    mod erased {
        pub trait Json {
            fn json(&self) -> String;
        }
        impl<T: tlgen_runtime::json::serde::Serialize> Json for T {
            fn json(&self) -> String {
                serde_json::to_string(self).expect("encode")
            }
        }
    }

    /// TDLib's answer to a request its JSON parser rejects. (Other "Failed to parse ..."
    /// messages are about a method's own JSON arguments, e.g. `getPushReceiverId`'s payload.)
    fn parse_failure(message: &str) -> bool {
        message.contains("Failed to parse JSON object as TDLib request")
    }

    #[test]
    fn every_function_is_accepted_by_tdlib() {
        let Some(td) = tdjson() else { return };
        const CASES: u64 = 3;
        let dir = std::env::temp_dir().join(format!("tlgen-tdlib-fns-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fixed = fixed_requests(&dir);
        let start = Instant::now();
        let (mut answered, mut refused, mut sync_refused) = (0usize, 0usize, 0usize);
        let mut failures = Vec::new();
        let mut functions_checked = 0;
        for (name, check) in items::FUNCTIONS {
            functions_checked += 1;
            if let Some((_, json)) = fixed.iter().find(|(n, _)| n == name) {
                match td
                    .execute_json(json)
                    .map(|a| serde_json::from_str::<Value>(&a).unwrap())
                {
                    Some(a) if a["@type"] == "error" => {
                        let m = a["message"].as_str().unwrap_or_default().to_owned();
                        if parse_failure(&m) {
                            failures.push(format!("{name} (fixed): {m} in {json}"));
                        }
                        refused += 1;
                    }
                    Some(_) => answered += 1,
                    None => failures.push(format!("{name} (fixed): no answer")),
                }
                continue;
            }
            for k in 0..CASES {
                let bytes = random_bytes(seed(name, k), 4096);
                let mut u = Unstructured::new(&bytes);
                match check(td, &mut u) {
                    Err(e) => failures.push(format!("{name}: arbitrary: {e}")),
                    Ok((json, Outcome::Ours(e))) => {
                        failures.push(format!("{name}: {e} (sent {json})"))
                    }
                    Ok((json, Outcome::Refused { message })) => {
                        if parse_failure(&message) {
                            failures.push(format!("{name}: {message} in {json}"));
                        } else if message.contains("can't be executed synchronously") {
                            sync_refused += 1;
                        } else {
                            refused += 1;
                        }
                    }
                    Ok((_, Outcome::Answer)) => answered += 1,
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        report!(
            "td_execute: {functions_checked} functions ({} with fixed values), {} requests in {:.1?}: \
             {sync_refused} parsed and refused as not synchronous, {answered} answered (typed), \
             {refused} other TDLib errors, {} failures",
            fixed.len(),
            sync_refused + answered + refused + failures.len(),
            start.elapsed(),
            failures.len()
        );
        assert!(functions_checked > 1000, "{functions_checked} functions");
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures
                .iter()
                .take(30)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    // ---- every object: our JSON, decoded by us -------------------------------------------

    #[test]
    fn every_object_round_trips() {
        // Random values nest up to `arbitrary_support::MAX_DEPTH` recursive levels, and
        // unoptimized serde frames are large: more stack than a test thread's 2 MiB.
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(round_trip_all)
            .unwrap()
            .join()
            .unwrap();
    }

    fn round_trip_all() {
        const CASES: u64 = 4;
        let mut failures = Vec::new();
        for (name, check) in items::OBJECTS {
            for k in 0..CASES {
                let bytes = random_bytes(seed(name, k), 4096);
                if let Err(e) = check(&mut Unstructured::new(&bytes)) {
                    failures.push(format!("{name}: {e}"));
                }
            }
        }
        report!(
            "round trip: {} objects x {CASES} random values, {} failures",
            items::OBJECTS.len(),
            failures.len()
        );
        assert!(items::OBJECTS.len() > 2000);
        assert!(
            failures.is_empty(),
            "{}",
            failures
                .iter()
                .take(20)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn decoding_is_lenient_where_tdlib_is_and_strict_where_it_matters() {
        // "@type" after other keys (e.g. JSON from a map that sorts keys), unknown fields,
        // int64 as a number or a string.
        let e: enums::TextEntityType = serde_json::from_str(
            r#"{"language":"rust","new_field":[1],"@type":"textEntityTypePreCode"}"#,
        )
        .unwrap();
        assert_eq!(
            e,
            types::TextEntityTypePreCode {
                language: "rust".into()
            }
            .into()
        );
        let a: enums::OptionValue =
            serde_json::from_str(r#"{"@type":"optionValueInteger","value":"-9007199254740993"}"#)
                .unwrap();
        let b: enums::OptionValue =
            serde_json::from_str(r#"{"value":-9007199254740993,"@type":"optionValueInteger"}"#)
                .unwrap();
        assert_eq!(a, b);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            r#"{"@type":"optionValueInteger","value":"-9007199254740993"}"#
        );
        // A constructor decoded directly checks its "@type".
        let wrong = serde_json::from_str::<types::FormattedText>(
            r#"{"@type":"textEntity","text":"","entities":[]}"#,
        )
        .unwrap_err();
        assert!(
            wrong
                .to_string()
                .contains(r#"expected an object of @type "formattedText""#),
            "{wrong}"
        );
        let missing = serde_json::from_str::<types::FormattedText>(r#"{"text":""}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `entities`"),
            "{missing}"
        );
        // Absent objects are null.
        let info: types::PhoneNumberInfo = serde_json::from_str(
            r#"{"@type":"phoneNumberInfo","country":null,"country_calling_code":"","formatted_phone_number":"","is_anonymous":false}"#,
        )
        .unwrap();
        assert_eq!(info.country, None);
        // bytes are base64.
        let p = functions::SetTdlibParameters {
            use_test_dc: true,
            database_directory: String::new(),
            files_directory: String::new(),
            database_encryption_key: vec![0xfb, 0xff],
            use_file_database: false,
            use_chat_info_database: false,
            use_message_database: false,
            use_secret_chats: false,
            api_id: 1,
            api_hash: String::new(),
            system_language_code: String::new(),
            device_model: String::new(),
            system_version: String::new(),
            application_version: String::new(),
        };
        assert!(
            serde_json::to_string(&p)
                .unwrap()
                .contains(r#""database_encryption_key":"+/8=""#)
        );
        // Hostile input is an error, never a panic.
        for bad in [
            "",
            "[]",
            "null",
            "{}",
            r#"{"@type":1}"#,
            r#"{"@type":"optionValueInteger","value":"x"}"#,
            r#"{"@type":"optionValueInteger","value":1e400}"#,
        ] {
            assert!(
                serde_json::from_str::<enums::OptionValue>(bad).is_err(),
                "{bad}"
            );
        }
    }

    // ---- a client session, offline ------------------------------------------------------

    /// What a client session saw: every object TDLib sent, by `@type`.
    #[derive(Default)]
    struct Seen {
        kinds: BTreeMap<String, usize>,
        option_types: BTreeMap<String, usize>,
        decoded: usize,
    }

    impl Seen {
        fn count(&mut self, json: &str) {
            let v: Value = serde_json::from_str(json).unwrap();
            let tag = v["@type"].as_str().unwrap_or("?").to_owned();
            if tag == "updateOption" {
                let t = v["value"]["@type"].as_str().unwrap_or("?").to_owned();
                *self.option_types.entry(t).or_default() += 1;
            }
            *self.kinds.entry(tag).or_default() += 1;
        }

        /// An answer, decoded as `T`.
        fn answer<T: DeserializeOwned>(&mut self, json: String) -> T {
            self.count(&json);
            let v = tlgen_tdjson::decode_answer(json.clone())
                .unwrap_or_else(|e| panic!("answer does not decode: {e}\n{json}"));
            self.decoded += 1;
            v
        }

        /// Every update decoded, until the authorization state is one `state` accepts.
        fn until(
            &mut self,
            client: &Client,
            deadline: Instant,
            state: fn(&enums::AuthorizationState) -> bool,
        ) {
            loop {
                let left = deadline.saturating_duration_since(Instant::now());
                assert!(
                    !left.is_zero(),
                    "timed out; objects so far: {:?}",
                    self.kinds
                );
                let Some(json) = client
                    .next_update_json(left.min(Duration::from_secs(5)))
                    .unwrap()
                else {
                    continue;
                };
                self.count(&json);
                let update: enums::Update = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("update does not decode: {e}\n{json}"));
                self.decoded += 1;
                if let enums::Update::AuthorizationState(u) = &update {
                    if state(&u.authorization_state) {
                        return;
                    }
                }
            }
        }
    }

    #[test]
    fn client_session() {
        let Some(td) = tdjson() else { return };
        let dir = std::env::temp_dir().join(format!("tlgen-tdlib-client-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // Every wait is bounded: a silent TDLib fails the test instead of hanging CI.
        let deadline = Instant::now() + Duration::from_secs(120);
        let left = || deadline.saturating_duration_since(Instant::now());
        let start = Instant::now();
        let mut seen = Seen::default();

        let client = Client::new(td);
        // A request answered at once, matched by "@extra".
        let pending = client
            .send(&functions::GetOption {
                name: "version".into(),
            })
            .unwrap();
        let version: enums::OptionValue = seen.answer(pending.wait_json(left()).unwrap());
        assert_eq!(
            version,
            types::OptionValueString {
                value: "1.8.66".into()
            }
            .into()
        );
        seen.until(&client, deadline, |s| {
            matches!(s, enums::AuthorizationState::WaitTdlibParameters)
        });

        let pending = client
            .send(&functions::SetTdlibParameters {
                use_test_dc: true,
                database_directory: dir.join("db").display().to_string(),
                files_directory: dir.join("files").display().to_string(),
                database_encryption_key: Vec::new(),
                use_file_database: false,
                use_chat_info_database: false,
                use_message_database: false,
                use_secret_chats: false,
                // Made up: nothing reaches a server in this test.
                api_id: 12345,
                api_hash: "0123456789abcdef0123456789abcdef".into(),
                system_language_code: "en".into(),
                device_model: "tlgen test".into(),
                system_version: "linux".into(),
                application_version: "0.1".into(),
            })
            .unwrap();
        seen.until(&client, deadline, |s| {
            matches!(s, enums::AuthorizationState::WaitPhoneNumber)
        });
        let ok: types::Ok = seen.answer(pending.wait_json(left()).unwrap());
        assert_eq!(ok, types::Ok);

        let pending = client.send(&functions::Close).unwrap();
        seen.until(&client, deadline, |s| {
            matches!(s, enums::AuthorizationState::Closed)
        });
        let _: types::Ok = seen.answer(pending.wait_json(left()).unwrap());
        drop(client);
        let _ = std::fs::remove_dir_all(&dir);

        let total: usize = seen.kinds.values().sum();
        report!(
            "client session: {total} objects from TDLib in {:.1?}, {} decoded, {} kinds: {:?}; \
             updateOption values: {:?}",
            start.elapsed(),
            seen.decoded,
            seen.kinds.len(),
            seen.kinds,
            seen.option_types
        );
        assert_eq!(seen.decoded, total);
        assert!(seen.kinds.contains_key("updateOption"));
        assert!(seen.option_types.len() >= 3, "{:?}", seen.option_types);
    }
}
