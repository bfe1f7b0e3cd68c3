// Test-only: counts heap allocations per thread, so a test can check that a warm frame makes none.
//
// glibc lets a program replace malloc (https://www.gnu.org/software/libc/manual/html_node/
// Replacing-malloc.html): these definitions, linked into the test executable, take the place of
// libc's for the whole process (the Swift runtime included), count the call on the calling thread
// and hand it to glibc's allocator through its __libc_* entry points. free is replaced too, so
// that every block goes back the way it came.
#include "AllocationCounter.h"

#if defined(__linux__)
#include <features.h>  // defines __GLIBC__ with glibc
#endif

#if defined(__GLIBC__)
#include <errno.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void *pointer);

static _Thread_local unsigned long long count;

void *malloc(size_t size) {
  count++;
  return __libc_malloc(size);
}

void *calloc(size_t n, size_t size) {
  count++;
  return __libc_calloc(n, size);
}

void *realloc(void *pointer, size_t size) {
  count++;
  return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }

int posix_memalign(void **out, size_t alignment, size_t size) {
  count++;
  if (alignment % sizeof(void *) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void *p = __libc_memalign(alignment, size);
  if (p == NULL) return ENOMEM;
  *out = p;
  return 0;
}

void *aligned_alloc(size_t alignment, size_t size) {
  count++;
  return __libc_memalign(alignment, size);
}

void *memalign(size_t alignment, size_t size) {
  count++;
  return __libc_memalign(alignment, size);
}

int allocation_counting(void) { return 1; }
unsigned long long allocation_count(void) { return count; }
#else
int allocation_counting(void) { return 0; }
unsigned long long allocation_count(void) { return 0; }
#endif
