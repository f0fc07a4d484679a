//! Hostile response bodies for the fault modes, all streamed from a few shared, reference-counted chunks
//! so that a 50 MB, a 1 GB or a never-ending body costs the simulator the same small, fixed memory.

use std::convert::Infallible;
use std::iter;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::header::{CONTENT_ENCODING, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use flate2::{Compress, Compression, FlushCompress};

/// `huge`: 800 chunks of 64 KiB = 50 MiB of string padding (plus a few bytes of structure).
const HUGE_CHUNKS: usize = 800;
/// The gzip bomb repeats one compressed MiB of spaces this many times by default (1 GiB inflated).
pub(crate) const BOMB_DEFAULT_MIB: u32 = 1024;
/// Upper bound for `?mib=` on the gzip bomb (4 GiB inflated, about 4 MB on the wire).
pub(crate) const BOMB_MAX_MIB: u32 = 4096;
const MIB: usize = 1 << 20;

/// A valid JSON document of 50 MiB, sent chunked without a Content-Length.
pub(crate) fn huge() -> Response {
    let entry = format!("\"{}\",", "x".repeat(61)); // 64 bytes
    let chunk = Bytes::from(entry.repeat(1024));
    let parts = iter::once(Bytes::from_static(b"{\"items\":["))
        .chain(iter::repeat_n(chunk, HUGE_CHUNKS))
        .chain(iter::once(Bytes::from_static(b"0]}")));
    streamed(parts, &[])
}

/// A chunked JSON array that never closes; it ends only when the client hangs up or the sim stops.
pub(crate) fn endless() -> Response {
    let chunk = Bytes::from("{\"tick\":0},".repeat(1489)); // ~16 KiB
    streamed(iter::once(Bytes::from_static(b"{\"events\":[")).chain(iter::repeat(chunk)), &[])
}

/// `[` + `mib` MiB of spaces + `]`, gzip-encoded: about 1 KB on the wire per inflated MiB (DEFLATE's
/// ratio tops out near 1:1032), so the default is ~1 MB compressed for 1 GiB inflated.
pub(crate) fn gzip_bomb(mib: u32) -> Response {
    let Some(parts) = bomb_parts() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut crc = parts.open.1.clone();
    let mut power = parts.block.1.clone();
    let mut remaining = mib;
    while remaining > 0 {
        if remaining & 1 == 1 {
            crc.combine(&power);
        }
        let square = power.clone();
        power.combine(&square);
        remaining >>= 1;
    }
    crc.combine(&parts.close.1);
    let inflated = u64::from(mib) * MIB as u64 + 2;
    let mut trailer = Vec::with_capacity(8);
    trailer.extend_from_slice(&crc.finalize().to_le_bytes());
    trailer.extend_from_slice(&((inflated & 0xFFFF_FFFF) as u32).to_le_bytes());
    // Header: magic, deflate, no flags, no mtime, max compression, unknown OS.
    let header = Bytes::from_static(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff]);
    let body = iter::once(header)
        .chain(iter::once(parts.open.0.clone()))
        .chain(iter::repeat_n(parts.block.0.clone(), mib as usize))
        .chain(iter::once(parts.close.0.clone()))
        .chain(iter::once(Bytes::from(trailer)));
    streamed(body, &[(CONTENT_ENCODING.as_str(), "gzip")])
}

/// `[` nested 100 000 levels deep, then closed again: valid JSON that breaks recursive parsers.
pub(crate) fn deep() -> Response {
    const DEPTH: usize = 100_000;
    let mut body = Vec::with_capacity(2 * DEPTH);
    body.resize(DEPTH, b'[');
    body.resize(2 * DEPTH, b']');
    ([(CONTENT_TYPE, "application/json")], body).into_response()
}

fn streamed(parts: impl Iterator<Item = Bytes> + Send + 'static, extra: &[(&str, &'static str)]) -> Response {
    let stream = futures_util::stream::iter(parts.map(Ok::<Bytes, Infallible>));
    let mut builder = Response::builder().status(StatusCode::OK).header(CONTENT_TYPE, "application/json");
    for (name, value) in extra {
        builder = builder.header(*name, *value);
    }
    builder.body(Body::from_stream(stream)).unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// Independently compressed raw-DEFLATE segments (each ends byte-aligned, only the last is final) with
/// the CRC of what they inflate to; concatenated they form one valid stream.
struct BombParts {
    open: (Bytes, crc32fast::Hasher),
    block: (Bytes, crc32fast::Hasher),
    close: (Bytes, crc32fast::Hasher),
}

fn bomb_parts() -> Option<&'static BombParts> {
    static PARTS: OnceLock<Option<BombParts>> = OnceLock::new();
    PARTS
        .get_or_init(|| {
            Some(BombParts {
                open: segment(b"[", FlushCompress::Sync)?,
                block: segment(&vec![b' '; MIB], FlushCompress::Sync)?,
                close: segment(b"]", FlushCompress::Finish)?,
            })
        })
        .as_ref()
}

fn segment(input: &[u8], flush: FlushCompress) -> Option<(Bytes, crc32fast::Hasher)> {
    let mut compress = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(4096);
    let last = matches!(flush, FlushCompress::Finish);
    // Bounded: each round either consumes input or drains pending output into fresh capacity.
    for _ in 0..10_000 {
        let consumed = usize::try_from(compress.total_in()).ok()?;
        out.reserve(4096);
        let status = compress.compress_vec(input.get(consumed..)?, &mut out, flush).ok()?;
        let done_input = usize::try_from(compress.total_in()).ok()? == input.len();
        let flushed = if last { status == flate2::Status::StreamEnd } else { out.len() < out.capacity() };
        if done_input && flushed {
            let mut crc = crc32fast::Hasher::new();
            crc.update(input);
            return Some((Bytes::from(out), crc));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn bomb_segments_concatenate_into_a_valid_gzip_stream() {
        let parts = bomb_parts().unwrap();
        assert!(parts.block.0.len() < 2048, "one MiB compressed to {} bytes", parts.block.0.len());
        let mut wire = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff];
        wire.extend_from_slice(&parts.open.0);
        for _ in 0..3 {
            wire.extend_from_slice(&parts.block.0);
        }
        wire.extend_from_slice(&parts.close.0);
        let mut crc = parts.open.1.clone();
        for _ in 0..3 {
            crc.combine(&parts.block.1);
        }
        crc.combine(&parts.close.1);
        wire.extend_from_slice(&crc.finalize().to_le_bytes());
        wire.extend_from_slice(&((3 * MIB + 2) as u32).to_le_bytes());
        let mut inflated = Vec::new();
        flate2::read::GzDecoder::new(&wire[..]).read_to_end(&mut inflated).unwrap();
        assert_eq!(inflated.len(), 3 * MIB + 2);
        assert_eq!((inflated[0], inflated[1], inflated[inflated.len() - 1]), (b'[', b' ', b']'));
    }
}
