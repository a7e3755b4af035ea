//! The hot paths of the generated crate do not allocate: lookups are table
//! loads and hash lookups, a message in the language an `Accept-Language`
//! asks for is a table load, `ApiError::new` borrows its message, and serializing a default
//! error writes into the caller's buffer and nowhere else.
//!
//! Counted with a global allocator, per thread: the other tests of this
//! binary run in parallel threads and allocate as they please.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use flireo_errors::{ApiError, ErrorCode};

struct Counting;

thread_local! {
    /// Allocations made by this thread; const-initialized and without a
    /// destructor, so the allocator can use it at any time.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Threads being torn down no longer have the counter: not counted.
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn hot_paths_do_not_allocate() {
    let names: Vec<&str> = ErrorCode::ALL.iter().map(|code| code.as_str()).collect();
    let mut buffer = Vec::with_capacity(4096);
    // The first bare error of a process lays out the envelope's text once,
    // and the first of each code keeps its body (a few small strings, kept
    // for the life of the process); the first lookup by name builds the
    // name index. That is set-up, not the hot path measured below.
    for &code in ErrorCode::ALL {
        ApiError::new(code).write_json(&mut buffer);
    }
    assert!(ErrorCode::from_name(names[0]).is_some());
    let count = allocations_during(|| {
        for name in &names {
            let code = ErrorCode::from_name(name).unwrap();
            std::hint::black_box((code.as_str(), code.http_status(), code.message(), code.is_retryable()));
            assert!(ErrorCode::from_name("no_such_code").is_none());
            // Choosing a language from a header: a split of the text, no copy.
            std::hint::black_box(code.localized_message("nl-BE,nl;q=0.9,en;q=0.8"));
            std::hint::black_box(code.localized_message("fr-CH, fr;q=0.9, *;q=0.5"));
            let error = ApiError::new(code);
            buffer.clear();
            serde_json::to_writer(&mut buffer, &error).unwrap();
            std::hint::black_box(&buffer);
            buffer.clear();
            error.write_json(&mut buffer);
            std::hint::black_box(&buffer);
        }
    });
    assert_eq!(count, 0, "the hot paths allocated {count} times");
}
