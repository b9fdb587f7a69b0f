//! Counts the fuzz binary's allocations per thread, so a case that asks
//! for unbounded memory (a length read from a file and trusted) fails
//! instead of passing unnoticed or taking the machine down.
//!
//! Only the thread running a case is tracked, while [`Track`] is alive:
//! live bytes (allocated minus freed on that thread) and their peak.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting.
pub struct Counting;

#[global_allocator]
static GLOBAL: Counting = Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// A single request larger than this is refused rather than let the
/// machine swap: the allocation fails, which aborts the process, so the
/// [`on_refusal`] hook writes the case's input out first.
const REFUSE: usize = 4 << 30;

/// Called (on the thread of a tracked case) before a refused allocation
/// aborts the process.
static ON_REFUSAL: std::sync::OnceLock<fn(usize)> = std::sync::OnceLock::new();

/// Sets the hook run before a refused allocation aborts the process.
pub fn on_refusal(hook: fn(usize)) {
    let _ = ON_REFUSAL.set(hook);
}

fn refuse(size: usize) -> *mut u8 {
    let tracked = ON.try_with(|on| on.replace(false)).unwrap_or(false);
    if tracked {
        if let Some(hook) = ON_REFUSAL.get() {
            hook(size);
        }
    }
    std::ptr::null_mut()
}

fn grew(n: usize) {
    let _ = ON.try_with(|on| {
        if on.get() {
            let live = LIVE.with(|l| {
                l.set(l.get() + n as isize);
                l.get()
            });
            PEAK.with(|p| p.set(p.get().max(live)));
        }
    });
}

fn shrank(n: usize) {
    let _ = ON.try_with(|on| {
        if on.get() {
            LIVE.with(|l| l.set(l.get() - n as isize));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > REFUSE {
            return refuse(layout.size());
        }
        grew(layout.size());
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > REFUSE {
            return refuse(layout.size());
        }
        grew(layout.size());
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > REFUSE {
            return refuse(new_size);
        }
        shrank(layout.size());
        grew(new_size);
        System.realloc(ptr, layout, new_size)
    }
}

/// Tracks the current thread's allocations until [`Track::finish`].
pub struct Track(());

impl Track {
    /// Starts counting from zero.
    pub fn start() -> Track {
        LIVE.with(|l| l.set(0));
        PEAK.with(|p| p.set(0));
        ON.with(|on| on.set(true));
        Track(())
    }

    /// Stops counting; the peak of live bytes since [`Track::start`].
    pub fn finish(self) -> usize {
        ON.with(|on| on.set(false));
        PEAK.with(|p| p.get()).max(0) as usize
    }
}

impl Drop for Track {
    fn drop(&mut self) {
        ON.with(|on| on.set(false));
    }
}
