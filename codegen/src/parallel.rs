//! Work shared out to the cores, results in order: the generator's stages
//! (validating codes, emitting files, comparing them with the disk) each
//! split their work into tasks that do not depend on one another.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `task(0)`, `task(1)`, ... `task(count - 1)`, run on one thread per core
/// (the calling thread among them), each thread taking the next task not
/// yet taken, so a slow task does not hold up the others; the results in
/// task order, the same whatever the machine.
///
/// A panicking task panics the caller with the same payload.
pub fn in_order<R: Send>(count: usize, task: impl Fn(usize) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= count {
                return done;
            }
            done.push((index, task(index)));
        }
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(count);
    let mut done = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        done
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn results_come_in_task_order_whatever_finishes_first() {
        let results = in_order(200, |index| {
            // Early tasks slowest, so later ones finish first on another thread.
            std::thread::sleep(std::time::Duration::from_micros(200u64.saturating_sub(index as u64)));
            index * 2
        });
        assert_eq!(results, (0..200).map(|index| index * 2).collect::<Vec<_>>());
        assert!(in_order(0, |index| index).is_empty());
    }

    #[test]
    #[should_panic(expected = "task 7")]
    fn a_panicking_task_panics_the_caller() {
        in_order(10, |index| assert!(index != 7, "task {index}"));
    }
}
