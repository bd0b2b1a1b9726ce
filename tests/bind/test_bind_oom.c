/* saddr_bind when memory runs out: the hosts and services files it opens
 * for a name cannot be allocated. The library is linked statically into
 * this program, so its calloc calls come to the calloc below, which fails
 * on request. Sanitizers bring allocators of their own that a replaced
 * calloc would mix with; under them the cases are skipped. */
#include "bind_util.h"

#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define OOM_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||   \
    __has_feature(memory_sanitizer)
#define OOM_SKIP 1
#endif
#endif

#ifndef OOM_SKIP
extern void *__libc_calloc(size_t n, size_t size);

static int fail_calloc; /* while set, every calloc fails */
static int calloc_failed;

void *calloc(size_t n, size_t size) {
  if (fail_calloc) {
    calloc_failed++;
    errno = ENOMEM;
    return NULL;
  }
  return __libc_calloc(n, size);
}

/* A spec that needs the hosts file (a name) or the services file (a
 * service name): out of memory, with no span, nothing bound. */
static void check_oom(const char *spec) {
  saddr_bound *b = NULL;
  saddr_error  e;
  memset(&e, 0, sizeof e);
  calloc_failed = 0;
  fail_calloc   = 1;
  int rc        = saddr_bind(spec, strlen(spec), NULL, NULL, &b, &e);
  fail_calloc   = 0;
  CHECK_CTX(calloc_failed > 0, "%s: no allocation was made", spec);
  CHECK_CTX(rc == SADDR_ENOMEM, "%s: %s, expected SADDR_ENOMEM (%s)", spec,
            saddr_err_name(rc), rc ? e.message : "");
  CHECK_STR(e.message, "out of memory");
  CHECK_CTX(e.offset == 0 && e.length == 0, "%s: span %zu+%zu", spec,
            (size_t)e.offset, (size_t)e.length);
  CHECK(b == NULL);
  if (rc == 0)
    saddr_bound_free(b);
}
#endif

int main(void) {
#ifdef OOM_SKIP
  printf("SKIP: a sanitizer build (calloc is the sanitizer's)\n");
#else
  check_oom("saddr-oom-test.invalid:0");
  check_oom("127.0.0.1:http");
  /* With memory back, the name fails for what it is: not in the hosts
   * file. */
  saddr_bound *b = NULL;
  saddr_error  e;
  CHECK_INT(saddr_bind("saddr-oom-test.invalid:0", 24, NULL, NULL, &b, &e),
            SADDR_ERESOLVE);
#endif
  return th_done();
}
