//! The structs of a generated crate's `details` module, read by their
//! layout: one function moves the fields of any of them into JSON.
//!
//! Each struct is `#[repr(C)]` and has its code's declared members as
//! fields, in the catalogue's order, each of the type [`FieldType`] gives its
//! kind (in an `Option` when the member is not required); a code whose whole
//! details object is a map has one field, a `BTreeMap<String, V>`. So the
//! tables already say where every field sits (`repr(C)` lays fields out in
//! order, each at the next offset its alignment allows), and the crate
//! compiled for each catalogue needs no conversion code per struct: at
//! thousands of codes a conversion body per struct was most of its build
//! (BENCHMARKS.md), and a generic function per struct is what the crate
//! avoids everywhere.
//!
//! The generated side of the bargain is `unsafe impl TypedDetails`; this side
//! checks the struct's size and alignment against the layout the tables give
//! before reading anything, so a struct that does not match its tables
//! (a hand-edited generated file) panics instead of being misread.

use std::alloc::Layout;
use std::collections::BTreeMap;

use serde_json::Value;

use super::details::Details;
use super::envelope::{DetailMember, Kind};
use super::Catalogue;

/// A Rust type a detail member's field has: how it becomes JSON.
trait FieldType: Sized {
    fn into_json(self) -> Value;
}

impl FieldType for String {
    fn into_json(self) -> Value {
        Value::String(self)
    }
}

impl FieldType for i64 {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

/// A non-finite number becomes `null`, as serde_json writes it.
impl FieldType for f64 {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

impl FieldType for bool {
    fn into_json(self) -> Value {
        Value::Bool(self)
    }
}

impl FieldType for BTreeMap<String, String> {
    fn into_json(self) -> Value {
        self.into_iter().collect()
    }
}

impl FieldType for Vec<String> {
    fn into_json(self) -> Value {
        Value::from(self)
    }
}

/// One field of a struct: its layout, and how to move it out.
struct Field {
    layout: Layout,
    /// Moves the value at the pointer out as JSON, `None` for an optional
    /// member not set. Safety: the pointer is to a live, aligned value of
    /// the field's type, which is not used or dropped afterwards.
    take: unsafe fn(*const u8) -> Option<Value>,
}

impl Field {
    /// The field of a member whose value is a `T`.
    fn of<T: FieldType>(required: bool) -> Field {
        if required {
            Field { layout: Layout::new::<T>(), take: take_required::<T> }
        } else {
            Field { layout: Layout::new::<Option<T>>(), take: take_optional::<T> }
        }
    }

    /// The field of `member`, by its kind.
    fn of_member(member: &DetailMember) -> Field {
        match member.kind {
            Kind::String => Field::of::<String>(member.required),
            Kind::Integer => Field::of::<i64>(member.required),
            Kind::Number => Field::of::<f64>(member.required),
            Kind::Boolean => Field::of::<bool>(member.required),
            Kind::StringMap => Field::of::<BTreeMap<String, String>>(member.required),
            Kind::StringList => Field::of::<Vec<String>>(member.required),
        }
    }
}

/// Safety: as [`Field::take`].
#[allow(unsafe_code)]
unsafe fn take_required<T: FieldType>(field: *const u8) -> Option<Value> {
    // Safety: the caller's promise.
    Some(unsafe { field.cast::<T>().read() }.into_json())
}

/// Safety: as [`Field::take`].
#[allow(unsafe_code)]
unsafe fn take_optional<T: FieldType>(field: *const u8) -> Option<Value> {
    // Safety: the caller's promise.
    unsafe { field.cast::<Option<T>>().read() }.map(FieldType::into_json)
}

/// Moves the fields of a struct of the generated `details` module for
/// `code` into `details`, as JSON under each member's wire name.
///
/// # Safety
///
/// `fields` points to a live value of that struct, whose layout is `layout`,
/// and the caller neither uses nor drops it afterwards (its fields are moved
/// out).
///
/// # Panics
///
/// If `layout` is not the layout the catalogue's tables give the code's
/// struct: it was not generated from them.
#[allow(unsafe_code)]
pub unsafe fn take(catalogue: &Catalogue, code: usize, fields: *const u8, layout: Layout, details: &mut Details) {
    if let Some(kind) = (catalogue.details_map)(code) {
        let map = MapField::of_kind(kind);
        check(code, layout, [map.layout]);
        // Safety: the struct's one field, a map, at offset 0 (checked above).
        unsafe { (map.take)(fields, details) };
        return;
    }
    let members = (catalogue.details)(code);
    check(code, layout, members.iter().map(|member| Field::of_member(member).layout));
    let mut whole = Layout::new::<()>();
    for member in members {
        let field = Field::of_member(member);
        let Ok((extended, offset)) = whole.extend(field.layout) else { unreachable!("checked above") };
        whole = extended;
        // Safety: the struct's fields are the members' fields in order, laid
        // out by `repr(C)` (as `Layout::extend` computes, and `check` just
        // compared), so this one starts at `offset`; each is moved out once.
        if let Some(value) = unsafe { (field.take)(fields.add(offset)) } {
            details.insert(member.wire, value);
        }
    }
}

/// Panics unless `layout` is that of a `repr(C)` struct with `fields`.
fn check(code: usize, layout: Layout, fields: impl IntoIterator<Item = Layout>) {
    let expected = fields
        .into_iter()
        .try_fold(Layout::new::<()>(), |whole, field| whole.extend(field).map(|(whole, _)| whole))
        .map(|whole| whole.pad_to_align());
    assert!(
        expected == Ok(layout),
        "the typed details struct of code #{code} does not match the catalogue's tables: \
         regenerate the crate (`cargo xtask gen`) instead of editing it"
    );
}

/// The one field of a struct of a code with `details_map`: its layout, and
/// how to move its entries into the details.
struct MapField {
    layout: Layout,
    /// Safety: the pointer is to a live, aligned map of the field's type,
    /// which is not used or dropped afterwards.
    take: unsafe fn(*const u8, &mut Details),
}

impl MapField {
    /// The field of a map whose values are `V`s.
    fn of<V: FieldType>() -> MapField {
        MapField { layout: Layout::new::<BTreeMap<String, V>>(), take: insert_all::<V> }
    }

    /// The field of a map whose values are of `kind`.
    fn of_kind(kind: Kind) -> MapField {
        match kind {
            Kind::String => MapField::of::<String>(),
            Kind::Integer => MapField::of::<i64>(),
            Kind::Number => MapField::of::<f64>(),
            Kind::Boolean => MapField::of::<bool>(),
            Kind::StringMap => MapField::of::<BTreeMap<String, String>>(),
            Kind::StringList => MapField::of::<Vec<String>>(),
        }
    }
}

/// Safety: as [`MapField::take`], for a map of `V`s.
#[allow(unsafe_code)]
unsafe fn insert_all<V: FieldType>(map: *const u8, details: &mut Details) {
    // Safety: the caller's promise.
    let map = unsafe { map.cast::<BTreeMap<String, V>>().read() };
    for (name, value) in map {
        details.insert(name, value.into_json());
    }
}
