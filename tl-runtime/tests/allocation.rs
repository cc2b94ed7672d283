//! Proves that hostile lengths do not allocate, and that allocation stays in
//! proportion to the input, with a counting global allocator.
//!
//! The counters are thread-local, so tests running in parallel threads of
//! the harness do not disturb each other.

use tlgen_runtime::{DecodeError, Deserializable, Reader, Serializable, VECTOR_ID, write};
use tlgen_test_support::alloc::Counting;

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Run `f` and return its result with (total bytes, largest allocation)
/// allocated on this thread while it ran.
fn measure<R>(f: impl FnOnce() -> R) -> (R, usize, usize) {
    let (r, a) = tlgen_test_support::alloc::measure(f);
    (r, a.bytes as usize, a.largest as usize)
}

#[test]
fn counter_works() {
    let (v, total, largest) = measure(|| vec![0_u8; 1000]);
    assert_eq!(v.len(), 1000);
    assert!(total >= 1000);
    assert!(largest >= 1000);
}

#[test]
fn huge_vector_count_does_not_allocate() {
    let mut buf = Vec::new();
    write::u32(VECTOR_ID, &mut buf);
    write::i32(0x7fff_ffff, &mut buf);
    buf.extend([0; 4]);
    assert_eq!(buf.len(), 12);

    let (res, total, _) = measure(|| Vec::<i64>::from_bytes(&buf));
    assert!(
        matches!(
            res,
            Err(DecodeError::LengthTooLarge {
                declared: 0x7fff_ffff,
                ..
            })
        ),
        "{res:?}"
    );
    assert_eq!(total, 0, "rejecting the count allocated {total} bytes");

    // Even for an item type with MIN_SIZE 0 treated as 1.
    let (res, total, _) = measure(|| Reader::new(&buf).read_vector(0, |_| Ok(())));
    assert!(res.is_err());
    assert_eq!(total, 0);

    // And for nested vectors, whose inner Vec is 24 bytes but MIN_SIZE 8.
    let (res, total, _) = measure(|| Vec::<Vec<i32>>::from_bytes(&buf));
    assert!(res.is_err());
    assert_eq!(total, 0);
}

#[test]
fn huge_string_length_does_not_allocate() {
    let buf = [0xfe, 0xff, 0xff, 0xff, b'a', b'b', b'c', b'd'];
    let (res, total, _) = measure(|| String::from_bytes(&buf));
    assert!(
        matches!(
            res,
            Err(DecodeError::LengthTooLarge {
                declared: 0xff_ffff,
                ..
            })
        ),
        "{res:?}"
    );
    assert_eq!(total, 0);
    let (res, total, _) = measure(|| Reader::new(&buf).read_bytes());
    assert!(res.is_err());
    assert_eq!(total, 0);
}

#[test]
fn zero_copy_bytes_do_not_allocate() {
    let mut buf = Vec::new();
    write::bytes(&[7; 5000], &mut buf);
    let (res, total, _) = measure(|| Reader::new(&buf).read_bytes_ref().map(<[u8]>::len));
    assert_eq!(res, Ok(5000));
    assert_eq!(total, 0);
}

#[test]
fn primitive_decode_errors_do_not_allocate() {
    let (res, total, _) = measure(|| {
        (
            i64::from_bytes(&[1, 2, 3]),
            bool::from_bytes(&[1, 2, 3, 4]),
            Vec::<i32>::from_bytes(&[0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0xff]),
        )
    });
    assert!(res.0.is_err() && res.1.is_err() && res.2.is_err());
    assert_eq!(total, 0);
}

/// A count that passes the check but whose items then run out: the vector
/// allocated up front is bounded by the input size times the ratio of the
/// in-memory item size to its minimum encoded size.
#[test]
fn allocation_is_proportional_to_input() {
    // Claims 1000 i64 items and supplies exactly 8000 bytes of which the
    // last item is cut short.
    let mut buf = Vec::new();
    write::u32(VECTOR_ID, &mut buf);
    write::i32(1000, &mut buf);
    buf.extend(vec![0; 8000 - 1]);
    let (res, _, largest) = measure(|| Vec::<i64>::from_bytes(&buf));
    assert!(res.is_err());
    // 8 bytes in memory per 8 encoded bytes.
    assert!(largest <= buf.len(), "largest allocation {largest}");

    // Vec<String>: 24 bytes in memory (size_of::<String>()) per 4 encoded.
    let mut buf = Vec::new();
    write::u32(VECTOR_ID, &mut buf);
    write::i32(1000, &mut buf);
    buf.extend(vec![0; 3999]);
    let (res, _, largest) = measure(|| Vec::<String>::from_bytes(&buf));
    assert!(res.is_err());
    let ratio = size_of::<String>() / String::MIN_SIZE;
    assert!(
        largest <= buf.len() * ratio,
        "largest allocation {largest} for {} input bytes",
        buf.len()
    );
}

#[test]
fn decoding_allocates_about_the_output_size() {
    let v: Vec<Vec<i64>> = (0..50).map(|i| (0..i).collect()).collect();
    let bytes = v.to_bytes();
    let (res, total, _) = measure(|| Vec::<Vec<i64>>::from_bytes(&bytes));
    assert_eq!(res.unwrap(), v);
    // Outer vector (50 * 24 bytes) plus the items: never more than twice
    // the input (no growth reallocations, since capacity is known).
    assert!(total <= 2 * bytes.len(), "{total} for {}", bytes.len());
}
