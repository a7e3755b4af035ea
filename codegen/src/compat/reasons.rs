//! The number of each code's reason in the generated `.proto` (its
//! `ErrorReason` enum), pinned by the lock as protobuf requires: a released
//! number never changes, a removed code's number is never given again (the
//! `.proto` reserves it), and a new code takes the next one.

use std::collections::BTreeMap;

use super::lock::Lock;

/// Gives every code of `next` its reason's number: the one `previous`
/// records, else the next free one, codes taking them in release order
/// (by the release that added them, then by name).
pub fn number_reasons(next: &mut Lock, previous: Option<&Lock>) {
    let mut numbers = previous.map(numbers_of).unwrap_or_default();
    let mut highest = numbers.values().copied().max().unwrap_or(0);
    for name in release_order(next) {
        numbers.entry(name).or_insert_with(|| {
            highest += 1;
            highest
        });
    }
    for (name, code) in &mut next.codes.0 {
        code.reason = numbers.get(&name.value).copied();
    }
}

/// The numbers a lock gives its codes: those it records, and for a lock
/// written before it recorded them, the next ones in release order (the
/// same every time, so they hold until a release writes them down).
fn numbers_of(lock: &Lock) -> BTreeMap<String, u32> {
    let mut numbers: BTreeMap<String, u32> =
        lock.codes.0.iter().filter_map(|(name, code)| Some((name.value.clone(), code.reason?))).collect();
    let mut highest = numbers.values().copied().max().unwrap_or(0);
    for name in release_order(lock) {
        numbers.entry(name).or_insert_with(|| {
            highest += 1;
            highest
        });
    }
    numbers
}

/// Every code of `lock`, removed ones too, by the release that added it
/// (one the lock does not list last), then by name.
fn release_order(lock: &Lock) -> Vec<String> {
    let rank = |since: &str| lock.releases.iter().position(|release| release.version == since).unwrap_or(usize::MAX);
    let mut codes: Vec<(usize, &str)> =
        lock.codes.0.iter().map(|(name, code)| (rank(&code.since), name.value.as_str())).collect();
    codes.sort_unstable();
    codes.into_iter().map(|(_, name)| name.to_string()).collect()
}
