#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// Whether this process counts heap allocations (Linux with glibc: `malloc` and its relatives are
/// replaced by counting wrappers around glibc's own). Elsewhere the count stays 0.
int allocation_counting(void);

/// Heap allocations made so far on the calling thread: calls of `malloc`, `calloc`, `realloc`,
/// `posix_memalign`, `aligned_alloc` and `memalign`. Per thread, so tests running at the same time
/// on other threads do not disturb a count.
unsigned long long allocation_count(void);

#endif
