//! The order the crate declares codes and types in: by the release that
//! added them (as the lock records it), then by name.
//!
//! A fieldless enum's variants are numbered in declaration order (`as isize`)
//! and ordered by it (`#[derive(PartialOrd, Ord)]`), so inserting a variant
//! before a released one is a breaking change of the crate
//! (cargo-semver-checks: `enum_no_repr_variant_discriminant_changed`). In
//! this order a release's new codes come after every released one, and
//! reorganising the catalogue's files moves no variant. The reference, the
//! schemas and the TypeScript package keep the catalogue's order.

use std::collections::BTreeMap;

use crate::model::Catalog;

/// `catalog` with its codes and types in declaration order, references
/// between them renumbered.
pub fn in_release_order(catalog: &Catalog) -> Catalog {
    let history = &catalog.history;
    // Releases are listed newest first; one the lock does not know sorts last.
    let rank = |version: Option<&String>| {
        version
            .and_then(|version| history.releases.iter().position(|release| release.version == *version))
            .map_or(0, |newest_first| history.releases.len() - newest_first)
    };
    let unknown_last = |rank: usize| if rank == 0 { usize::MAX } else { rank };
    let code_rank = |index: usize| {
        let code = &catalog.errors[index].code;
        (unknown_last(rank(history.codes.get(code).map(|dates| &dates.since))), code.as_str())
    };
    let type_rank = |index: usize| {
        let name = &catalog.types[index].name;
        (unknown_last(rank(history.types.get(name))), name.as_str())
    };
    let codes = permutation(catalog.errors.len(), code_rank);
    let types = permutation(catalog.types.len(), type_rank);
    let mut ordered = catalog.clone();
    ordered.types = types.order.iter().map(|&old| catalog.types[old].clone()).collect();
    ordered.errors = codes
        .order
        .iter()
        .map(|&old| {
            let mut error = catalog.errors[old].clone();
            error.error_type = error.error_type.map(|old| types.new_index[&old]);
            if let Some(deprecation) = &mut error.deprecated {
                deprecation.replaced_by = deprecation.replaced_by.map(|old| codes.new_index[&old]);
            }
            error
        })
        .collect();
    // Each translation's texts follow their codes and types.
    for (locale, original) in ordered.locales.iter_mut().zip(&catalog.locales).skip(1) {
        locale.errors = codes.order.iter().map(|&old| original.errors[old].clone()).collect();
        locale.types = types.order.iter().map(|&old| original.types[old].clone()).collect();
    }
    ordered
}

/// Indices sorted by `key`, and where each old index went.
struct Permutation {
    order: Vec<usize>,
    new_index: BTreeMap<usize, usize>,
}

fn permutation<K: Ord>(len: usize, key: impl Fn(usize) -> K) -> Permutation {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by_key(|&index| key(index));
    let new_index = order.iter().enumerate().map(|(new, &old)| (old, new)).collect();
    Permutation { order, new_index }
}
