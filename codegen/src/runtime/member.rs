//! Detail values of the generated typed-details structs, as JSON: one plain
//! function per detail type, required or optional, that every struct's
//! conversion calls by path. Why not `serde_json::Value::from`: rustc picks
//! among `Value`'s dozens of `From` impls at every call, and with thousands
//! of structs that choice alone cost 0.3-0.6 s of the error crate's build.

use std::collections::BTreeMap;

use serde_json::Value;

/// A required `string` member.
#[inline]
pub fn string(value: String) -> Option<Value> {
    Some(Value::String(value))
}

/// An optional `string` member.
#[inline]
pub fn optional_string(value: Option<String>) -> Option<Value> {
    value.map(Value::String)
}

/// A required `integer` member.
#[inline]
pub fn integer(value: i64) -> Option<Value> {
    Some(Value::from(value))
}

/// An optional `integer` member.
#[inline]
pub fn optional_integer(value: Option<i64>) -> Option<Value> {
    value.map(Value::from)
}

/// A required `number` member (a non-finite number is written as `null`).
#[inline]
pub fn number(value: f64) -> Option<Value> {
    Some(Value::from(value))
}

/// An optional `number` member.
#[inline]
pub fn optional_number(value: Option<f64>) -> Option<Value> {
    value.map(Value::from)
}

/// A required `boolean` member.
#[inline]
pub fn boolean(value: bool) -> Option<Value> {
    Some(Value::Bool(value))
}

/// An optional `boolean` member.
#[inline]
pub fn optional_boolean(value: Option<bool>) -> Option<Value> {
    value.map(Value::Bool)
}

/// A required `string_list` member.
#[inline]
pub fn string_list(value: Vec<String>) -> Option<Value> {
    Some(Value::from(value))
}

/// An optional `string_list` member.
#[inline]
pub fn optional_string_list(value: Option<Vec<String>>) -> Option<Value> {
    value.map(Value::from)
}

/// A required `string_map` member: an object of strings.
#[inline]
pub fn string_map(value: BTreeMap<String, String>) -> Option<Value> {
    Some(value.into_iter().collect())
}

/// An optional `string_map` member.
#[inline]
pub fn optional_string_map(value: Option<BTreeMap<String, String>>) -> Option<Value> {
    value.map(|value| value.into_iter().collect())
}
