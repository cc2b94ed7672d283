#!/usr/bin/env python3
"""Write the hand-made hostile-input corpus under tests/compile-test/corpus/.

Layout: corpus/<module>/<TL type>/<case>.<want>.bin, decoded by the `hostile_corpus` test
(tests/compile-test/tests/all/hostile.rs); <want> is err (must fail), ok (must decode) or any.
Rerun after changing a case: python3 scripts/hostile-corpus.py
"""
import os
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "compile-test", "corpus")
VECTOR = 0x1CB5C415


def u32(v):
    return struct.pack("<I", v & 0xFFFFFFFF)


def i64(v):
    return struct.pack("<q", v)


def tl_string(b):
    if len(b) < 254:
        head = bytes([len(b)])
    else:
        head = b"\xfe" + struct.pack("<I", len(b))[:3]
    out = head + b
    return out + b"\0" * (-len(out) % 4)


def write(module, tl_type, case, want, data):
    d = os.path.join(ROOT, module, tl_type)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"{case}.{want}.bin"), "wb") as f:
        f.write(data)


def common(module, ids):
    """Cases every schema has an analogue of. `ids` names the constructors to use."""
    text, bold, empty, plain = ids["Text"], ids["bold"], ids["empty"], ids["plain"]
    # Nesting far beyond the decoder's depth limit.
    write(module, text, "nested_bold_20000", "err", u32(bold) * 20000 + u32(empty))
    write(module, text, "nested_bold_then_truncated", "err", u32(bold) * 50)
    write(module, text, "unknown_constructor", "err", u32(0xDEADBEEF))
    write(module, text, "empty_input", "err", b"")
    write(module, text, "short_id", "err", b"\x01\x02")
    write(module, text, "plain_ok", "ok", u32(plain) + tl_string(b"hello"))
    write(module, text, "plain_invalid_utf8", "err", u32(plain) + tl_string(b"\xff\xfe\xfd"))
    write(module, text, "plain_trailing_bytes", "err", u32(plain) + tl_string(b"hi") + b"\0\0\0\0")
    # Long string whose 3-byte length is far beyond the input.
    write(module, text, "plain_long_length_beyond_input", "err", u32(plain) + b"\xfe\xff\xff\xff" + b"abcd")
    # A long-form length under 254 (non-canonical) still has to be consistent.
    write(module, text, "plain_long_form_short", "any", u32(plain) + b"\xfe\x03\x00\x00abc\0")
    # Padding bytes that are not zero.
    write(module, text, "plain_nonzero_padding", "any", u32(plain) + b"\x01a\xff\xff")
    json, arr, null = ids["Json"], ids["array"], ids["null"]
    deep = b"".join(u32(arr) + u32(VECTOR) + u32(1) for _ in range(5000)) + u32(null)
    write(module, json, "nested_arrays_5000", "err", deep)
    write(module, json, "array_count_huge", "err", u32(arr) + u32(VECTOR) + u32(0x7FFFFFFF))
    write(module, json, "array_count_negative", "err", u32(arr) + u32(VECTOR) + u32(0xFFFFFFFF))
    write(module, json, "array_wrong_vector_id", "err", u32(arr) + u32(0x12345678) + u32(0))
    write(module, json, "array_of_three_nulls", "ok", u32(arr) + u32(VECTOR) + u32(3) + u32(null) * 3)


def main():
    common("fixture", {
        "Text": "Text", "bold": 0x7D31B181, "empty": 0xE2D2A7E9, "plain": 0xFC8417A7,
        "Json": "Json", "array": 0x8528421C, "null": 0x79A8F10C,
    })
    common("api", {
        "Text": "RichText", "bold": 0x6724ABC4, "empty": 0xDC3D824F, "plain": 0x744694E0,
        "Json": "JSONValue", "array": 0xF7444763, "null": 0x3F6D7B68,
    })
    # api.tl / mtproto.tl specific.
    write("api", "MsgsAck", "count_huge", "err", u32(0x62D6B459) + u32(VECTOR) + u32(0x7FFFFFFF))
    write("api", "MsgsAck", "count_exceeds_input", "err", u32(0x62D6B459) + u32(VECTOR) + u32(3) + i64(1))
    write("api", "MsgsAck", "two_ids", "ok", u32(0x62D6B459) + u32(VECTOR) + u32(2) + i64(1) + i64(2))
    write("api", "Updates", "too_long", "ok", u32(0xE317AF7E))
    # updates with a vector claiming a billion updates in a few bytes.
    write("api", "Updates", "updates_count_huge", "err", u32(0x74AE4240) + u32(VECTOR) + u32(1_000_000_000))
    # updateShort wrapping an unknown update constructor.
    write("api", "Updates", "update_short_unknown_update", "err", u32(0x78D4DEC1) + u32(0xDEADBEEF) + u32(0))
    # messages.messages: empty vectors, then vectors with huge counts at each position.
    mm = 0x1D73E7EA
    empty_vec = u32(VECTOR) + u32(0)
    write("api", "messages.Messages", "all_empty", "ok", u32(mm) + empty_vec * 4)
    for k in range(4):
        data = u32(mm) + empty_vec * k + u32(VECTOR) + u32(0x7FFFFFFF)
        write("api", "messages.Messages", f"vector_{k}_count_huge", "err", data)
    # A message with every flag bit set and nothing after: every optional field is absent.
    write("api", "messages.Messages", "message_all_flags_truncated", "err",
          u32(mm) + u32(VECTOR) + u32(1) + u32(0x7600B9D3) + u32(0xFFFFFFFF) + u32(0xFFFFFFFF))
    # contact#145ade0b user_id:long mutual:Bool: a Bool that is neither boolTrue nor boolFalse.
    write("api", "Contact", "bool_not_a_bool", "err", u32(0x145ADE0B) + i64(7) + u32(0x12345678))
    write("api", "Contact", "bool_true", "ok", u32(0x145ADE0B) + i64(7) + u32(0x997275B5))
    write("api", "User", "user_empty", "ok", u32(0xD3BC4B7A) + i64(42))
    write("api", "User", "user_flags_truncated", "err", u32(0xB1B8CC83) + u32(0xFFFFFFFF))
    # pageBlockDetails nesting through a vector of blocks.
    details = b"".join(u32(0x76768BED) + u32(0) + u32(VECTOR) + u32(1) for _ in range(3000))
    write("api", "PageBlock", "details_nested_3000", "err", details)


if __name__ == "__main__":
    main()
