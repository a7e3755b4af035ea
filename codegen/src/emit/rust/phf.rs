//! A minimal perfect hash for `FromStr`, computed here at generation time.
//!
//! Why: a `match` on strings compiles in time that grows much faster than the
//! number of codes (12 s at 2,000 codes, 300 s at 10,000 in release) and costs
//! 70-425 ns a lookup; `phf` costs 33-39 ns. This scheme (hash-and-displace, as
//! in the CHD algorithm) is a few static tables, so the generated crate builds
//! in well under a second at 10,000 codes and a lookup is one hash, two table
//! loads and one string comparison at every size.
//!
//! The hash function lives in `lookup_hash.rs`, which is both compiled into
//! this module and emitted verbatim into the generated crate; tests in the
//! generated crates (every code and alias parses back) prove the tables agree.

use proc_macro2::TokenStream;

/// Multiplier that derives the second displacement value (2^64 / golden ratio, odd).
pub const MIX: u64 = 0x9E37_79B9_7F4A_7C15;
/// Mean number of keys a bucket: larger makes smaller tables, slower generation.
const KEYS_PER_BUCKET: usize = 4;

// The hash and fingerprint both sides use: compiled here, and emitted
// verbatim by `hash_tokens`, from the same file.
include!("lookup_hash.rs");

/// Tokens of the same `fn hash` and `fn fingerprint`, for the generated crate.
pub fn hash_tokens() -> TokenStream {
    include_str!("lookup_hash.rs").parse().expect("lookup_hash.rs is valid Rust")
}

/// Where a hash lands: its bucket, and the two values the displacement mixes.
pub fn split(hash: u64, buckets: u32) -> (u32, u32, u32) {
    let bucket = ((hash >> 32) as u32) % buckets;
    let f1 = hash as u32;
    let f2 = (hash.wrapping_mul(MIX) >> 32) as u32;
    (bucket, f1, f2)
}

/// The slot a key lands in under displacement `(d1, d2)`.
pub fn slot(f1: u32, f2: u32, d1: u32, d2: u32, len: u32) -> u32 {
    f2.wrapping_add(f1.wrapping_mul(d1)).wrapping_add(d2) % len
}

/// A perfect hash over `keys`: `slots[i]` is the index of the key stored in
/// slot `i` and its hash's [`fingerprint`]; each bucket's `(d1, d2)`
/// displacement places its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerfectHash {
    pub seed: u64,
    pub displacements: Vec<(u32, u32)>,
    pub slots: Vec<(usize, u16)>,
}

/// Builds the perfect hash; deterministic (the seed search starts at a fixed
/// value), so regenerating never changes the tables.
pub fn build(keys: &[&str]) -> PerfectHash {
    assert!(!keys.is_empty(), "the validator guarantees at least one code");
    let len = u32::try_from(keys.len()).expect("fewer than 2^32 codes");
    let buckets = u32::try_from(keys.len().div_ceil(KEYS_PER_BUCKET)).expect("fewer than 2^32 buckets");
    (0u64..)
        .map(|attempt| attempt.wrapping_mul(MIX) ^ 0x5EED)
        .find_map(|seed| try_build(keys, seed, len, buckets))
        .expect("some seed always works")
}

fn try_build(keys: &[&str], seed: u64, len: u32, bucket_count: u32) -> Option<PerfectHash> {
    let hashes: Vec<(u32, u32, u32)> = keys.iter().map(|key| split(hash(key.as_bytes(), seed), bucket_count)).collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); bucket_count as usize];
    for (index, &(bucket, _, _)) in hashes.iter().enumerate() {
        buckets[bucket as usize].push(index);
    }
    // Largest buckets first, while the table is emptiest; ties by index so the
    // order is deterministic.
    let mut order: Vec<usize> = (0..buckets.len()).collect();
    order.sort_by_key(|&bucket| (std::cmp::Reverse(buckets[bucket].len()), bucket));

    let mut slots: Vec<Option<usize>> = vec![None; len as usize];
    let mut displacements = vec![(0u32, 0u32); buckets.len()];
    let mut placed: Vec<u32> = Vec::new();
    for bucket in order {
        let members = &buckets[bucket];
        if members.is_empty() {
            continue;
        }
        let mut found = false;
        // With d1 = 0 the d2 loop visits every slot, so a one-key bucket always
        // fits; larger buckets are placed first while most slots are free.
        'search: for d1 in 0..len.min(64) {
            'next: for d2 in 0..len {
                placed.clear();
                for &key in members {
                    let (_, f1, f2) = hashes[key];
                    let target = slot(f1, f2, d1, d2, len);
                    if slots[target as usize].is_some() || placed.contains(&target) {
                        continue 'next;
                    }
                    placed.push(target);
                }
                for (&key, &target) in members.iter().zip(&placed) {
                    slots[target as usize] = Some(key);
                }
                displacements[bucket] = (d1, d2);
                found = true;
                break 'search;
            }
        }
        if !found {
            return None;
        }
    }
    let slots = slots
        .into_iter()
        .map(|slot| {
            let key = slot.expect("all placed");
            (key, fingerprint(hash(keys[key].as_bytes(), seed)))
        })
        .collect();
    Some(PerfectHash { seed, displacements, slots })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(table: &PerfectHash, keys: &[&str], name: &str) -> Option<usize> {
        let buckets = table.displacements.len() as u32;
        let (bucket, f1, f2) = split(hash(name.as_bytes(), table.seed), buckets);
        let (d1, d2) = table.displacements[bucket as usize];
        let (index, bits) = table.slots[slot(f1, f2, d1, d2, table.slots.len() as u32) as usize];
        (bits == fingerprint(hash(name.as_bytes(), table.seed)) && keys[index] == name).then_some(index)
    }

    #[test]
    fn every_key_is_found_and_others_are_not() {
        for count in [1, 2, 7, 50, 500, 5000] {
            let owned: Vec<String> = (0..count).map(|i| format!("error_code_{i}")).collect();
            let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
            let table = build(&keys);
            assert_eq!(table.slots.len(), count, "the table is minimal");
            for (index, key) in keys.iter().enumerate() {
                assert_eq!(lookup(&table, &keys, key), Some(index), "{key}");
            }
            for miss in ["", "error_code_", "error_code_-1", "x", "error_code_99999"] {
                assert_eq!(lookup(&table, &keys, miss), None, "{miss}");
            }
        }
    }

    #[test]
    fn fingerprints_turn_away_nearly_every_miss_before_a_comparison() {
        let owned: Vec<String> = (0..2000).map(|i| format!("error_code_{i}")).collect();
        let keys: Vec<&str> = owned.iter().map(String::as_str).collect();
        let table = build(&keys);
        for &(index, bits) in &table.slots {
            assert_eq!(bits, fingerprint(hash(keys[index].as_bytes(), table.seed)));
        }
        let buckets = table.displacements.len() as u32;
        let compared = (0..100_000)
            .map(|i| format!("missing_{i}"))
            .filter(|miss| {
                let hash = hash(miss.as_bytes(), table.seed);
                let (bucket, f1, f2) = split(hash, buckets);
                let (d1, d2) = table.displacements[bucket as usize];
                table.slots[slot(f1, f2, d1, d2, table.slots.len() as u32) as usize].1 == fingerprint(hash)
            })
            .count();
        // 16 bits: about 1.5 in 100,000 get as far as a comparison.
        assert!(compared < 20, "{compared} of 100,000 misses compared");
    }

    #[test]
    fn building_is_deterministic() {
        let keys = ["call_not_found", "rate_limit_exceeded", "invalid_api_key"];
        assert_eq!(build(&keys), build(&keys));
    }
}
