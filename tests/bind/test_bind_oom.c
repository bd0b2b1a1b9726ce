/* saddr_bind when memory runs out: the hosts and services files it opens
 * for a name cannot be allocated. */
#include "bind_util.h"
#include "oom_alloc.h"

#ifndef OOM_SKIP
/* A spec that needs the hosts file (a name) or the services file (a
 * service name) with its first allocation failing: out of memory, with no
 * span, nothing bound. */
static void check_oom(const char *spec) {
  saddr_bound *b = NULL;
  saddr_error  e;
  memset(&e, 0, sizeof e);
  oom_arm(1);
  int  rc     = saddr_bind(spec, strlen(spec), NULL, NULL, &b, &e);
  long failed = oom_failed;
  oom_arm(0);
  CHECK_CTX(failed == 1, "%s: no allocation was made", spec);
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
  printf("SKIP: a sanitizer build (the allocator is the sanitizer's)\n");
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
