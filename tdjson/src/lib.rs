//! A small typed client over TDLib's JSON interface, `libtdjson`, for the Rust types that
//! `tlgen-build` generates from `td_api.tl` (`Config::dialect(Dialect::Tdlib)` with
//! `Config::json`). The generated types live in your crate; this crate is generic over them:
//! a request is any `serde::Serialize` value implementing [`tlgen_runtime::RemoteCall`] whose
//! `Return` is `serde::de::DeserializeOwned`.
//!
//! * [`Tdjson::execute`]: a synchronous request through `td_execute` (offline, no client):
//!   `getTextEntities`, `parseTextEntities`, `getOption("version")`, `setLogVerbosityLevel`...
//! * [`Client`]: a TDLib instance over `td_create_client_id` / `td_send` / `td_receive`.
//!   [`Client::send`] tags the request with a fresh `"@extra"` and returns a [`Pending`]
//!   answer, matched by that `"@extra"`; everything else TDLib sends for the client (the
//!   updates) is queued for [`Client::next_update`]. One background thread per loaded library
//!   calls `td_receive` (TDLib allows one caller at a time) while clients exist, and routes by
//!   `"@client_id"`.
//!
//! Every wait takes a timeout, so a silent TDLib is an error ([`TdError::Timeout`]), never a
//! hang.
//!
//! # Finding libtdjson
//!
//! [`Tdjson::load`] opens the file named by the `TDJSON_PATH` environment variable when it is
//! set, and otherwise asks the platform's loader for `libtdjson.so` (Linux, the
//! `LD_LIBRARY_PATH` and system folders), `libtdjson.dylib` (macOS) or `tdjson.dll`
//! (Windows). [`Tdjson::open`] takes a path. Nothing is linked at build time.
//!
//! ```ignore
//! // `td_api` is the module generated from td_api.tl (see the crate's tests).
//! use std::time::Duration;
//! use tlgen_tdjson::{Client, Tdjson};
//!
//! let td = Tdjson::load()?;
//! let version = td.execute(&td_api::functions::GetOption { name: "version".into() })?;
//!
//! let client = Client::new(&td);
//! let answer = client
//!     .send(&td_api::functions::GetOption { name: "version".into() })?
//!     .wait(Duration::from_secs(10))?;
//! while let Some(update) = client.next_update_json(Duration::from_secs(1))? {
//!     println!("{update}");
//! }
//! ```

use std::collections::HashMap;
use std::ffi::{CStr, CString, OsStr, c_char, c_double, c_int};
use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::Serialize;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use tlgen_runtime::RemoteCall;

/// The environment variable naming the libtdjson file [`Tdjson::load`] opens.
pub const TDJSON_PATH_VAR: &str = "TDJSON_PATH";

/// The names [`Tdjson::load`] asks the platform's loader for when `TDJSON_PATH` is unset.
pub const DEFAULT_NAMES: &[&str] = &["libtdjson.so", "libtdjson.dylib", "tdjson.dll"];

/// Everything that can go wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum TdError {
    /// libtdjson could not be loaded (or lacks a function).
    Load {
        /// What was tried.
        path: String,
        /// The loader's message.
        message: String,
    },
    /// TDLib answered with an `error` object.
    Td {
        /// The error code (400 for a request TDLib cannot parse or accept, ...).
        code: i32,
        /// TDLib's message.
        message: String,
    },
    /// The request could not be written as JSON (e.g. a NaN double), or raw JSON given to
    /// [`Client::send_json`] holds a NUL byte.
    Encode(String),
    /// TDLib's answer did not decode as the expected type.
    Decode {
        /// serde's message (it names the unknown `"@type"`, the missing field, ...).
        message: String,
        /// The JSON TDLib sent.
        json: String,
    },
    /// No answer in time.
    Timeout(Duration),
    /// `td_execute` returned nothing.
    NoAnswer,
    /// The client's receiving side is gone (the library's receiver thread stopped).
    Disconnected,
}

impl fmt::Display for TdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TdError::Load { path, message } => {
                write!(f, "cannot load libtdjson ({path}): {message}")
            }
            TdError::Td { code, message } => write!(f, "TDLib error {code}: {message}"),
            TdError::Encode(m) => write!(f, "cannot encode the request as JSON: {m}"),
            TdError::Decode { message, json } => {
                let short: String = json.chars().take(200).collect();
                write!(f, "cannot decode TDLib's answer: {message} (in {short})")
            }
            TdError::Timeout(d) => write!(f, "no answer from TDLib within {d:?}"),
            TdError::NoAnswer => f.write_str("td_execute returned no answer"),
            TdError::Disconnected => f.write_str("the TDLib client's receiver is gone"),
        }
    }
}

impl std::error::Error for TdError {}

type CreateClientId = unsafe extern "C" fn() -> c_int;
type Send = unsafe extern "C" fn(c_int, *const c_char);
type Receive = unsafe extern "C" fn(c_double) -> *const c_char;
type Execute = unsafe extern "C" fn(*const c_char) -> *const c_char;

/// The library and the state of its clients.
struct Inner {
    create_client_id: CreateClientId,
    send: Send,
    receive: Receive,
    execute: Execute,
    state: Mutex<State>,
    next_extra: AtomicU64,
    /// The function pointers above point into it. Never unloaded: TDLib's own threads may
    /// still run after the last client is gone, and unloading their code under them would
    /// crash the process.
    _lib: std::mem::ManuallyDrop<libloading::Library>,
}

#[derive(Default)]
struct State {
    clients: HashMap<i32, Slot>,
    receiver_running: bool,
}

struct Slot {
    pending: HashMap<u64, Sender<String>>,
    updates: Sender<String>,
}

/// A loaded libtdjson. Cheap to clone. The library stays loaded for the rest of the process
/// (TDLib's threads may outlive the last client).
#[derive(Clone)]
pub struct Tdjson {
    inner: Arc<Inner>,
}

impl fmt::Debug for Tdjson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tdjson").finish_non_exhaustive()
    }
}

impl Tdjson {
    /// Load libtdjson from `$TDJSON_PATH`, or by its platform name ([`DEFAULT_NAMES`]) from
    /// the loader's search path.
    pub fn load() -> Result<Tdjson, TdError> {
        if let Some(path) = std::env::var_os(TDJSON_PATH_VAR).filter(|p| !p.is_empty()) {
            return Tdjson::open(path);
        }
        let mut errors = Vec::new();
        for name in DEFAULT_NAMES {
            match Tdjson::open(name) {
                Ok(td) => return Ok(td),
                Err(e) => errors.push(e.to_string()),
            }
        }
        Err(TdError::Load {
            path: format!(
                "{TDJSON_PATH_VAR} unset; tried {}",
                DEFAULT_NAMES.join(", ")
            ),
            message: errors.join("; "),
        })
    }

    /// Load libtdjson from `path` (a file, or a bare name for the loader's search path).
    pub fn open(path: impl AsRef<OsStr>) -> Result<Tdjson, TdError> {
        let path = path.as_ref();
        let load_err = |e: libloading::Error| TdError::Load {
            path: path.to_string_lossy().into_owned(),
            message: e.to_string(),
        };
        // SAFETY: loading runs the library's initialisers; libtdjson's only set up its own
        // state. The symbols are TDLib's documented C API with these signatures
        // (td/telegram/td_json_client.h), and the pointers are only used while `_lib` (in
        // the same `Inner`) keeps the library loaded.
        unsafe {
            let lib = libloading::Library::new(path).map_err(load_err)?;
            let create_client_id = *lib
                .get::<CreateClientId>(b"td_create_client_id\0")
                .map_err(load_err)?;
            let send = *lib.get::<Send>(b"td_send\0").map_err(load_err)?;
            let receive = *lib.get::<Receive>(b"td_receive\0").map_err(load_err)?;
            let execute = *lib.get::<Execute>(b"td_execute\0").map_err(load_err)?;
            Ok(Tdjson {
                inner: Arc::new(Inner {
                    create_client_id,
                    send,
                    receive,
                    execute,
                    state: Mutex::new(State::default()),
                    next_extra: AtomicU64::new(1),
                    _lib: std::mem::ManuallyDrop::new(lib),
                }),
            })
        }
    }

    /// `td_execute` of raw JSON: TDLib's answer, `None` when it gives none. Raw JSON with a
    /// NUL byte gets `None` (the C API cannot take it; serde_json escapes NUL, so typed
    /// requests never hold one).
    pub fn execute_json(&self, request: &str) -> Option<String> {
        let request = CString::new(request).ok()?;
        // SAFETY: `request` is a NUL-terminated string that lives across the call; the
        // answer is a NUL-terminated string TDLib keeps valid until the next `td_execute`
        // on this thread, and it is copied before returning.
        unsafe {
            let answer = (self.inner.execute)(request.as_ptr());
            (!answer.is_null()).then(|| CStr::from_ptr(answer).to_string_lossy().into_owned())
        }
    }

    /// A synchronous request through `td_execute`: the typed answer, or TDLib's error
    /// ([`TdError::Td`]). TDLib runs only the methods its documentation marks "Can be called
    /// synchronously"; others get error 400 "The method can't be executed synchronously".
    pub fn execute<R>(&self, request: &R) -> Result<R::Return, TdError>
    where
        R: Serialize + RemoteCall,
        R::Return: DeserializeOwned,
    {
        let json = encode(request)?;
        let answer = self.execute_json(&json).ok_or(TdError::NoAnswer)?;
        decode_answer(answer)
    }
}

fn encode<R: Serialize + ?Sized>(request: &R) -> Result<String, TdError> {
    serde_json::to_string(request).map_err(|e| TdError::Encode(e.to_string()))
}

/// An answer: TDLib's `error` object as [`TdError::Td`], anything else decoded as `T`.
pub fn decode_answer<T: DeserializeOwned>(json: String) -> Result<T, TdError> {
    let head = Envelope::read(&json)?;
    if head.tag.as_deref() == Some("error") {
        #[derive(Default)]
        struct ErrorObject {
            code: i32,
            message: String,
        }
        impl<'de> de::Deserialize<'de> for ErrorObject {
            fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = ErrorObject;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a TDLib error object")
                    }
                    fn visit_map<A: MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<ErrorObject, A::Error> {
                        let mut e = ErrorObject::default();
                        while let Some(k) = map.next_key::<String>()? {
                            match k.as_str() {
                                "code" => e.code = map.next_value()?,
                                "message" => e.message = map.next_value()?,
                                _ => {
                                    map.next_value::<de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(e)
                    }
                }
                d.deserialize_map(V)
            }
        }
        let e: ErrorObject = serde_json::from_str(&json).map_err(|e| TdError::Decode {
            message: e.to_string(),
            json: json.clone(),
        })?;
        return Err(TdError::Td {
            code: e.code,
            message: e.message,
        });
    }
    serde_json::from_str(&json).map_err(|e| TdError::Decode {
        message: e.to_string(),
        json,
    })
}

/// The routing keys of an object TDLib sends: `"@type"`, `"@extra"` (when it is a number)
/// and `"@client_id"`.
#[derive(Debug, Default)]
struct Envelope {
    tag: Option<String>,
    extra: Option<u64>,
    client_id: Option<i32>,
}

impl Envelope {
    fn read(json: &str) -> Result<Envelope, TdError> {
        serde_json::from_str(json).map_err(|e| TdError::Decode {
            message: e.to_string(),
            json: json.to_owned(),
        })
    }
}

impl<'de> de::Deserialize<'de> for Envelope {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Envelope;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a TDLib object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Envelope, A::Error> {
                let mut env = Envelope::default();
                while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*k {
                        "@type" => env.tag = Some(map.next_value()?),
                        "@extra" => env.extra = map.next_value::<serde_json::Value>()?.as_u64(),
                        "@client_id" => env.client_id = Some(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(env)
            }
        }
        d.deserialize_map(V)
    }
}

/// `request` with `"@extra": extra` in front of its fields.
fn with_extra(json: &str, extra: u64) -> String {
    match json.strip_prefix('{') {
        Some(rest) if rest.trim_start().starts_with('}') => format!("{{\"@extra\":{extra}}}"),
        Some(rest) => format!("{{\"@extra\":{extra},{rest}"),
        None => json.to_owned(),
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere cannot leave the maps inconsistent (each change is one insert or
        // remove): keep going.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn send_raw(&self, client_id: i32, json: &str) -> Result<(), TdError> {
        let c = CString::new(json).map_err(|e| TdError::Encode(e.to_string()))?;
        // SAFETY: a NUL-terminated string that lives across the call; TDLib copies it.
        unsafe { (self.send)(client_id, c.as_ptr()) };
        Ok(())
    }

    /// The receiver loop: `td_receive` while clients exist, each object to its client's
    /// pending request (by `"@extra"`) or its update queue.
    fn run_receiver(self: Arc<Inner>) {
        loop {
            {
                let mut st = self.lock();
                if st.clients.is_empty() {
                    st.receiver_running = false;
                    return;
                }
            }
            // SAFETY: only this thread calls td_receive (`receiver_running`); the answer is
            // valid until the next call and is copied at once.
            let json = unsafe {
                let p = (self.receive)(0.2);
                if p.is_null() {
                    continue;
                }
                CStr::from_ptr(p).to_string_lossy().into_owned()
            };
            let Ok(env) = Envelope::read(&json) else {
                continue;
            };
            let Some(id) = env.client_id else { continue };
            let mut st = self.lock();
            let Some(slot) = st.clients.get_mut(&id) else {
                continue;
            };
            match env.extra.and_then(|x| slot.pending.remove(&x)) {
                Some(tx) => {
                    let _ = tx.send(json);
                }
                None => {
                    let _ = slot.updates.send(json);
                }
            }
        }
    }
}

/// A TDLib instance (`td_create_client_id`). Dropping it sends `close`.
pub struct Client {
    inner: Arc<Inner>,
    id: i32,
    updates: Mutex<Receiver<String>>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A new TDLib instance. TDLib starts it with the first request sent to it.
    pub fn new(td: &Tdjson) -> Client {
        let inner = td.inner.clone();
        // SAFETY: no arguments; returns an identifier.
        let id = unsafe { (inner.create_client_id)() };
        let (tx, rx) = mpsc::channel();
        let start = {
            let mut st = inner.lock();
            st.clients.insert(
                id,
                Slot {
                    pending: HashMap::new(),
                    updates: tx,
                },
            );
            !std::mem::replace(&mut st.receiver_running, true)
        };
        if start {
            let r = inner.clone();
            std::thread::Builder::new()
                .name("tdjson-receive".into())
                .spawn(move || r.run_receiver())
                .map(drop)
                .unwrap_or_else(|_| inner.lock().receiver_running = false);
        }
        Client {
            inner,
            id,
            updates: Mutex::new(rx),
        }
    }

    /// The client identifier TDLib gave.
    pub fn id(&self) -> i32 {
        self.id
    }

    /// Send a request; its answer comes to the returned [`Pending`] (matched by the
    /// `"@extra"` added here).
    pub fn send<R>(&self, request: &R) -> Result<Pending<R::Return>, TdError>
    where
        R: Serialize + RemoteCall,
        R::Return: DeserializeOwned,
    {
        let json = encode(request)?;
        self.send_json(&json).map(|rx| Pending {
            rx,
            _answer: PhantomData,
        })
    }

    /// Send a request given as JSON (an object; `"@extra"` is added): the raw answer comes
    /// to the receiver.
    pub fn send_json(&self, json: &str) -> Result<Receiver<String>, TdError> {
        let extra = self.inner.next_extra.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = mpsc::channel();
        self.inner
            .lock()
            .clients
            .get_mut(&self.id)
            .ok_or(TdError::Disconnected)?
            .pending
            .insert(extra, tx);
        if let Err(e) = self.inner.send_raw(self.id, &with_extra(json, extra)) {
            if let Some(slot) = self.inner.lock().clients.get_mut(&self.id) {
                slot.pending.remove(&extra);
            }
            return Err(e);
        }
        Ok(rx)
    }

    /// Send a request and wait for its answer.
    pub fn request<R>(&self, request: &R, timeout: Duration) -> Result<R::Return, TdError>
    where
        R: Serialize + RemoteCall,
        R::Return: DeserializeOwned,
    {
        self.send(request)?.wait(timeout)
    }

    /// The next object TDLib sent for this client that answers no request (an update), as
    /// JSON; `None` when none came within `timeout`.
    pub fn next_update_json(&self, timeout: Duration) -> Result<Option<String>, TdError> {
        let rx = self.updates.lock().unwrap_or_else(|p| p.into_inner());
        match rx.recv_timeout(timeout) {
            Ok(json) => Ok(Some(json)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(TdError::Disconnected),
        }
    }

    /// The next update, decoded as `U` (the generated `enums::Update`); `None` when none came
    /// within `timeout`.
    pub fn next_update<U: DeserializeOwned>(
        &self,
        timeout: Duration,
    ) -> Result<Option<U>, TdError> {
        match self.next_update_json(timeout)? {
            Some(json) => serde_json::from_str(&json)
                .map(Some)
                .map_err(|e| TdError::Decode {
                    message: e.to_string(),
                    json,
                }),
            None => Ok(None),
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        self.inner.lock().clients.remove(&self.id);
        // TDLib destroys the instance after `close` (a closed one ignores it).
        let _ = self.inner.send_raw(self.id, r#"{"@type":"close"}"#);
    }
}

/// The answer to a request sent with [`Client::send`].
#[derive(Debug)]
pub struct Pending<T> {
    rx: Receiver<String>,
    _answer: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Pending<T> {
    /// Wait for the answer: decoded, or TDLib's error.
    pub fn wait(self, timeout: Duration) -> Result<T, TdError> {
        decode_answer(self.wait_json(timeout)?)
    }

    /// Wait for the answer as JSON.
    pub fn wait_json(self, timeout: Duration) -> Result<String, TdError> {
        match self.rx.recv_timeout(timeout) {
            Ok(json) => Ok(json),
            Err(RecvTimeoutError::Timeout) => Err(TdError::Timeout(timeout)),
            Err(RecvTimeoutError::Disconnected) => Err(TdError::Disconnected),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_goes_first() {
        assert_eq!(
            with_extra(r#"{"@type":"getOption","name":"version"}"#, 7),
            r#"{"@extra":7,"@type":"getOption","name":"version"}"#
        );
        assert_eq!(with_extra("{}", 1), r#"{"@extra":1}"#);
    }

    #[test]
    fn envelopes_and_errors() {
        let env = Envelope::read(r#"{"@type":"ok","@extra":5,"@client_id":2,"message":{"x":1}}"#)
            .unwrap();
        assert_eq!(
            (env.tag.as_deref(), env.extra, env.client_id),
            (Some("ok"), Some(5), Some(2))
        );
        let e = decode_answer::<serde_json::Value>(
            r#"{"@type":"error","code":400,"message":"Unknown class \"x\""}"#.to_owned(),
        )
        .unwrap_err();
        assert!(matches!(e, TdError::Td { code: 400, ref message } if message.contains("Unknown")));
        assert!(matches!(
            decode_answer::<serde_json::Value>("not json".to_owned()),
            Err(TdError::Decode { .. })
        ));
    }

    #[test]
    fn missing_library_is_a_load_error() {
        let e = Tdjson::open("/nonexistent/libtdjson.so").unwrap_err();
        assert!(matches!(e, TdError::Load { .. }), "{e}");
    }
}
