// The generator builds the lookup tables with this same function (one
// source file, used on both sides), so tables and lookups cannot disagree.

/// The hash of code names for `lookup_code`: 8 bytes a step, one overlapping
/// read for the tail (no byte-by-byte copy), then a 64-bit finaliser.
#[inline]
fn hash(bytes: &[u8], seed: u64) -> u64 {
    const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
    const FINAL: u64 = 0xFF51_AFD7_ED55_8CCD;
    let read_u64 = |at: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let read_u32 = |at: usize| {
        let mut word = [0u8; 4];
        word.copy_from_slice(&bytes[at..at + 4]);
        u64::from(u32::from_le_bytes(word))
    };
    let len = bytes.len();
    let mut state = seed ^ (len as u64).wrapping_mul(MIX);
    let mut start = 0;
    while start + 8 <= len {
        state = (state.rotate_left(23) ^ read_u64(start)).wrapping_mul(MIX);
        start += 8;
    }
    let tail = if len >= 8 {
        read_u64(len - 8)
    } else if len >= 4 {
        read_u32(0) | (read_u32(len - 4) << 32)
    } else if len > 0 {
        u64::from(bytes[0]) | (u64::from(bytes[len / 2]) << 8) | (u64::from(bytes[len - 1]) << 16)
    } else {
        0
    };
    state = (state.rotate_left(23) ^ tail).wrapping_mul(MIX);
    state ^= state >> 33;
    state = state.wrapping_mul(FINAL);
    state ^ (state >> 33)
}

/// The bits of a name's hash kept beside its slot's number: a name whose
/// bits differ from the slot's is not the one stored there, and is turned
/// away without reading the name table (a random read per miss at
/// thousands of codes). Bits 16-31, which the bucket (bits 32-63) does not
/// choose.
#[inline]
fn fingerprint(hash: u64) -> u16 {
    (hash >> 16) as u16
}
