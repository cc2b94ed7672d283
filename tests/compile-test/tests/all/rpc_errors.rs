//! Typed RPC errors generated from `schema/errors/errors.csv` + `methods.csv` (the `rpc`
//! module): parsing from the wire, classes, wait durations, Display and the per-method enums.

use std::time::Duration;

use compile_test::rpc::errors::RpcError;
use compile_test::rpc::errors::methods::auth::ResetAuthorizationsError;
use compile_test::rpc::errors::methods::messages::SendMessageError;
use compile_test::rpc::errors::methods::upload::SaveFilePartError;
use compile_test::rpc::{functions, types};
use tlgen_runtime::{Deserializable, ErrorClass, MethodErrors, RpcErrorInfo, Serializable};

fn parse(code: i32, message: &str) -> RpcError {
    RpcError::from_code_message(code, message)
}

#[test]
fn parameterised_errors() {
    assert_eq!(
        parse(420, "FLOOD_WAIT_42"),
        RpcError::FloodWait { seconds: 42 }
    );
    assert_eq!(
        parse(400, "FILE_PART_7_MISSING"),
        RpcError::FilePartMissing { which: 7 }
    );
    assert_eq!(
        parse(303, "PHONE_MIGRATE_2"),
        RpcError::PhoneMigrate { dc: 2 }
    );
    assert_eq!(
        parse(500, "INTERDC_4_CALL_ERROR"),
        RpcError::InterdcCallError { dc: 4 }
    );
    assert_eq!(
        parse(406, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
        RpcError::PreviousChatImportActiveWaitMin { minutes: 5 }
    );
    // A name beginning with a digit.
    assert_eq!(
        parse(420, "2FA_CONFIRM_WAIT_3600"),
        RpcError::TwoFaConfirmWait { seconds: 3600 }
    );
    // Leading zeros are digits too; the longest prefix wins over `FLOOD_WAIT_`.
    assert_eq!(
        parse(420, "FLOOD_WAIT_007"),
        RpcError::FloodWait { seconds: 7 }
    );
    assert_eq!(
        parse(420, "FLOOD_PREMIUM_WAIT_9"),
        RpcError::FloodPremiumWait { seconds: 9 }
    );
    // u32::MAX fits; one more does not, nor signs, spaces or a missing number.
    assert_eq!(
        parse(420, "FLOOD_WAIT_4294967295"),
        RpcError::FloodWait { seconds: u32::MAX }
    );
    for m in [
        "FLOOD_WAIT_4294967296",
        "FLOOD_WAIT_+5",
        "FLOOD_WAIT_-5",
        "FLOOD_WAIT_ 5",
        "FLOOD_WAIT_",
        "FLOOD_WAIT_X",
        "FILE_PART__MISSING",
        "flood_wait_5",
    ] {
        assert!(matches!(parse(420, m), RpcError::Other { .. }), "{m}");
    }
}

#[test]
fn exact_names_and_codes() {
    assert_eq!(
        parse(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN"),
        RpcError::FreshResetAuthorisationForbidden
    );
    assert_eq!(
        parse(401, "AUTH_KEY_UNREGISTERED"),
        RpcError::AuthKeyUnregistered
    );
    // Empty codes in the table mean 400.
    assert_eq!(parse(400, "USER_ID_INVALID"), RpcError::UserIdInvalid);
    // Several codes: the one received is kept.
    assert_eq!(
        parse(403, "CHAT_WRITE_FORBIDDEN"),
        RpcError::ChatWriteForbidden { code: 403 }
    );
    assert_eq!(parse(400, "CHAT_WRITE_FORBIDDEN").code(), 400);
    // A known name with a code the table does not list stays `Other`: nothing is lost.
    assert_eq!(
        parse(400, "FLOOD_WAIT_5"),
        RpcError::Other {
            code: 400,
            message: "FLOOD_WAIT_5".into()
        }
    );
}

#[test]
fn unknown_and_negative_codes() {
    let e = parse(400, "SOMETHING_NEW");
    assert_eq!(
        e,
        RpcError::Other {
            code: 400,
            message: "SOMETHING_NEW".into()
        }
    );
    assert_eq!(e.name(), "SOMETHING_NEW");
    assert_eq!(e.description(), None);
    assert_eq!(e.to_string(), "400 SOMETHING_NEW");

    let t = parse(-503, "TIMEOUT");
    assert_eq!(t, RpcError::Timeout);
    assert_eq!(t.code(), -503);
    assert_eq!(t.class(), ErrorClass::Other(-503));
    let u = parse(-500, "UNKNOWN_NEGATIVE");
    assert_eq!(u.code(), -500);
    assert_eq!(u.class(), ErrorClass::Other(-500));
    assert_eq!(u.to_string(), "-500 UNKNOWN_NEGATIVE");
    assert_eq!(parse(i32::MIN, "").code(), i32::MIN);
}

#[test]
fn code_and_message_round_trip() {
    for (code, message) in [
        (420, "FLOOD_WAIT_42"),
        (420, "FLOOD_WAIT_007"),
        (400, "FILE_PART_7_MISSING"),
        (303, "PHONE_MIGRATE_2"),
        (403, "CHAT_WRITE_FORBIDDEN"),
        (406, "FRESH_RESET_AUTHORISATION_FORBIDDEN"),
        (-503, "TIMEOUT"),
        (400, "FLOOD_WAIT_5"),
        (0, "whatever"),
    ] {
        let e = parse(code, message);
        assert_eq!(e.code(), code, "{message}");
        // Leading zeros are not kept by the typed value; everything else is.
        if message != "FLOOD_WAIT_007" {
            assert_eq!(e.message(), message);
        }
    }
}

#[test]
fn names_values_and_classes() {
    let e = parse(420, "FLOOD_WAIT_42");
    assert_eq!(e.name(), "FLOOD_WAIT_X");
    assert_eq!(e.message(), "FLOOD_WAIT_42");
    assert_eq!(e.value(), Some(42));
    assert_eq!(
        e.description(),
        Some("A wait of {seconds} seconds is required")
    );
    assert_eq!(e.class(), ErrorClass::Flood);
    assert_eq!(parse(303, "PHONE_MIGRATE_2").class(), ErrorClass::SeeOther);
    assert_eq!(
        parse(400, "MESSAGE_TOO_LONG").class(),
        ErrorClass::BadRequest
    );
    assert_eq!(
        parse(401, "AUTH_KEY_UNREGISTERED").class(),
        ErrorClass::Unauthorized
    );
    assert_eq!(
        parse(403, "CHAT_WRITE_FORBIDDEN").class(),
        ErrorClass::Forbidden
    );
    assert_eq!(
        parse(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN").class(),
        ErrorClass::NotAcceptable
    );
    assert_eq!(
        parse(500, "INTERDC_1_CALL_ERROR").class(),
        ErrorClass::Internal
    );
    assert_eq!(parse(400, "MESSAGE_TOO_LONG").value(), None);
}

#[test]
fn wait_durations() {
    let secs = |c, m| parse(c, m).wait_duration();
    assert_eq!(secs(420, "FLOOD_WAIT_42"), Some(Duration::from_secs(42)));
    assert_eq!(secs(420, "SLOWMODE_WAIT_10"), Some(Duration::from_secs(10)));
    assert_eq!(
        secs(420, "FLOOD_PREMIUM_WAIT_3"),
        Some(Duration::from_secs(3))
    );
    assert_eq!(
        secs(420, "2FA_CONFIRM_WAIT_60"),
        Some(Duration::from_secs(60))
    );
    assert_eq!(
        secs(406, "PREVIOUS_CHAT_IMPORT_ACTIVE_WAIT_5MIN"),
        Some(Duration::from_secs(300))
    );
    assert_eq!(secs(303, "PHONE_MIGRATE_2"), None);
    assert_eq!(secs(420, "FLOOD_WAIT_UNKNOWN"), None);
    assert_eq!(
        secs(420, "FLOOD_WAIT_4294967295"),
        Some(Duration::from_secs(u64::from(u32::MAX)))
    );
}

#[test]
fn display() {
    assert_eq!(
        parse(420, "FLOOD_WAIT_42").to_string(),
        "420 FLOOD_WAIT_42: A wait of 42 seconds is required"
    );
    assert_eq!(
        parse(400, "FILE_PART_7_MISSING").to_string(),
        "400 FILE_PART_7_MISSING: Part 7 of the upload never arrived"
    );
    assert_eq!(
        parse(403, "CHAT_WRITE_FORBIDDEN").to_string(),
        "403 CHAT_WRITE_FORBIDDEN: You may not write in this chat"
    );
    assert_eq!(
        parse(400, "MESSAGE_TOO_LONG").to_string(),
        "400 MESSAGE_TOO_LONG: The text is too long, \"shorten\" it"
    );
    // Placeholders other than the parameter's stay as written.
    assert_eq!(
        parse(400, "UPLOAD_STATE_3").to_string(),
        "400 UPLOAD_STATE_3: Upload state 3 is unexpected\n(this description spans two lines; empty codes mean 400)"
    );
    let e: Box<dyn std::error::Error> = Box::new(parse(401, "AUTH_KEY_UNREGISTERED"));
    assert_eq!(
        e.to_string(),
        "401 AUTH_KEY_UNREGISTERED: The authorization key is not registered"
    );
}

#[test]
fn from_the_wire() {
    // rpc_error#2144ca19 error_code:int error_message:string, decoded then typed.
    let wire = types::RpcError {
        error_code: 420,
        error_message: "FLOOD_WAIT_42".into(),
    };
    let bytes = wire.to_bytes();
    let decoded = types::RpcError::from_bytes(&bytes).unwrap();
    assert_eq!(
        RpcError::from(&decoded),
        RpcError::FloodWait { seconds: 42 }
    );
    assert_eq!(
        RpcError::from(decoded.clone()),
        RpcError::FloodWait { seconds: 42 }
    );
    // And back.
    assert_eq!(
        types::RpcError::from(RpcError::FloodWait { seconds: 42 }),
        decoded
    );
}

type ResetError = <functions::auth::ResetAuthorizations as MethodErrors>::Error;

#[test]
fn reset_authorizations_error_is_exhaustive() {
    let e = ResetError::from_code_message(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN");
    // Exhaustive without a wildcard: the method can say exactly this, or something else.
    let text = match &e {
        ResetAuthorizationsError::FreshResetAuthorisationForbidden => "too early",
        ResetAuthorizationsError::Other(_) => "other",
    };
    assert_eq!(text, "too early");
    assert_eq!(e.code(), 406);
    assert_eq!(e.class(), ErrorClass::NotAcceptable);
    assert_eq!(e.name(), "FRESH_RESET_AUTHORISATION_FORBIDDEN");
    assert_eq!(
        e.to_string(),
        "406 FRESH_RESET_AUTHORISATION_FORBIDDEN: You can't logout other sessions if less than 24 \
         hours have passed since you logged on the current session"
    );
    // Errors the method table does not list for it are kept, typed, in `Other`.
    let flood = ResetError::from(parse(420, "FLOOD_WAIT_3"));
    assert_eq!(
        flood,
        ResetAuthorizationsError::Other(RpcError::FloodWait { seconds: 3 })
    );
    assert_eq!(flood.wait_duration(), Some(Duration::from_secs(3)));
    assert_eq!(flood.message(), "FLOOD_WAIT_3");
    // Back to the general enum.
    assert_eq!(
        RpcError::from(e),
        RpcError::FreshResetAuthorisationForbidden
    );
    assert_eq!(RpcError::from(flood), RpcError::FloodWait { seconds: 3 });
}

#[test]
fn other_method_enums() {
    let e = <functions::messages::SendMessage as MethodErrors>::Error::from_code_message(
        420,
        "SLOWMODE_WAIT_30",
    );
    assert_eq!(e, SendMessageError::SlowmodeWait { seconds: 30 });
    assert_eq!(e.wait_duration(), Some(Duration::from_secs(30)));
    assert_eq!(e.value(), Some(30));
    let e = SendMessageError::from(parse(403, "CHAT_WRITE_FORBIDDEN"));
    assert_eq!(e, SendMessageError::ChatWriteForbidden { code: 403 });
    assert_eq!(e.class(), ErrorClass::Forbidden);
    let e = SaveFilePartError::from_code_message(400, "FILE_PART_3_MISSING");
    assert_eq!(e, SaveFilePartError::FilePartMissing { which: 3 });
    assert_eq!(
        e.to_string(),
        "400 FILE_PART_3_MISSING: Part 3 of the upload never arrived"
    );
}

/// Generic client code sees every error type through the runtime traits.
fn typed<F: MethodErrors>(code: i32, message: &str) -> F::Error {
    F::Error::from_code_message(code, message)
}

#[test]
fn generic_clients_and_wrappers() {
    // A function without a table row: the general enum.
    let e: RpcError = typed::<functions::Ping>(420, "FLOOD_WAIT_1");
    assert_eq!(e, RpcError::FloodWait { seconds: 1 });
    // `invokeWithLayer` wraps a query: the query's error type.
    type Wrapped = functions::InvokeWithLayer<functions::auth::ResetAuthorizations>;
    let e: ResetAuthorizationsError = typed::<Wrapped>(406, "FRESH_RESET_AUTHORISATION_FORBIDDEN");
    assert_eq!(
        e,
        ResetAuthorizationsError::FreshResetAuthorisationForbidden
    );
    assert_eq!(RpcErrorInfo::class(&e), ErrorClass::NotAcceptable);
    assert_eq!(
        RpcErrorInfo::name(&e),
        "FRESH_RESET_AUTHORISATION_FORBIDDEN"
    );
}

#[test]
fn errors_are_send_sync_static() {
    fn check<T: Send + Sync + 'static + std::error::Error>() {}
    check::<RpcError>();
    check::<ResetAuthorizationsError>();
}

/// The README's example ("Typed RPC errors"), compiled and run here. Keep the two in sync.
#[test]
fn readme_example() {
    use compile_test::rpc::errors::methods::auth::ResetAuthorizationsError;
    use compile_test::rpc::{errors, functions, types};
    use tlgen_runtime::MethodErrors;

    // The error type of `auth.resetAuthorizations`, reached from the function type.
    type ResetError = <functions::auth::ResetAuthorizations as MethodErrors>::Error;

    fn explain(e: &ResetError) -> String {
        // Exhaustive: the errors the method table lists for this method, plus `Other`.
        match e {
            ResetError::FreshResetAuthorisationForbidden => {
                "too early: this session is less than 24 hours old".to_owned()
            }
            ResetError::Other(other) => match other.wait_duration() {
                Some(wait) => format!("retry in {}s", wait.as_secs()),
                None => format!("failed: {other}"),
            },
        }
    }

    // The server answered with `rpc_error#2144ca19` (decoded as `types::RpcError`).
    let answer = types::RpcError {
        error_code: 406,
        error_message: "FRESH_RESET_AUTHORISATION_FORBIDDEN".to_owned(),
    };
    let e = ResetError::from(errors::RpcError::from(&answer));
    assert_eq!(
        e,
        ResetAuthorizationsError::FreshResetAuthorisationForbidden
    );
    assert_eq!(
        explain(&e),
        "too early: this session is less than 24 hours old"
    );
    assert_eq!(e.code(), 406);

    let flood = ResetError::from_code_message(420, "FLOOD_WAIT_30");
    assert_eq!(explain(&flood), "retry in 30s");
}
