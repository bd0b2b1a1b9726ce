/* Allocation failure on request, for the library linked statically into a
 * test program: this program's malloc, calloc and realloc are the ones
 * every call in the process reaches (glibc's own internal calls too), and
 * the k-th call after oom_arm(k) fails with ENOMEM. Sanitizers bring
 * allocators of their own that these would mix with: under them OOM_SKIP
 * is defined and nothing is replaced. */
#ifndef SADDR_TEST_OOM_ALLOC_H
#define SADDR_TEST_OOM_ALLOC_H

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define OOM_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
#define OOM_SKIP 1
#endif
#endif

#ifndef OOM_SKIP
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static long oom_countdown; /* 0: off; otherwise calls left before one fails */
static long oom_failed;    /* allocations failed since oom_arm */

/* The k-th allocation from now fails (and only that one); 0 disarms. */
static inline void oom_arm(long k) {
  oom_countdown = k;
  oom_failed    = 0;
}

static inline int oom_now(void) {
  if (oom_countdown > 0 && --oom_countdown == 0) {
    oom_failed++;
    errno = ENOMEM;
    return 1;
  }
  return 0;
}

void *malloc(size_t size) { return oom_now() ? NULL : __libc_malloc(size); }

void *calloc(size_t n, size_t size) {
  return oom_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size) {
  return oom_now() ? NULL : __libc_realloc(p, size);
}
#endif

#endif
