/* The hosts-file parser when memory runs out: each of its allocations is
 * made to fail in turn, and each failure is a clean SADDR_ENOMEM (no
 * crash, no half-built table); once every allocation succeeds the table
 * answers. */
#include "harness.h"
#include "oom_alloc.h"
#include "saddr.h"

#include <arpa/inet.h>

#ifndef OOM_SKIP
static void check_parse(void) {
  /* Enough lines that the address and record arrays grow more than once. */
  char   text[4096];
  size_t n = 0;
  for (int i = 0; i < 40; i++)
    n += (size_t)snprintf(text + n, sizeof text - n,
                          "192.0.2.%d host%d.example alias%d\n", i + 1, i, i);
  long k;
  for (k = 1; k < 200; k++) {
    saddr_hosts *h = NULL;
    saddr_error  e;
    memset(&e, 0, sizeof e);
    oom_arm(k);
    int  rc     = saddr_hosts_parse(text, n, &h, &e);
    long failed = oom_failed;
    oom_arm(0);
    if (failed == 0) {
      CHECK_CTX(rc == 0, "every allocation made: %s", saddr_err_name(rc));
      saddr_addr out[4];
      size_t     count = 0;
      CHECK_INT(
          saddr_hosts_lookup(h, "alias39", 7, AF_INET, out, 4, &count, &e), 0);
      CHECK_INT(count, 1);
      CHECK_INT(ntohl(out[0].sa.in.sin_addr.s_addr), 0xc0000228);
      saddr_hosts_close(h);
      break;
    }
    CHECK_CTX(rc == SADDR_ENOMEM, "allocation %ld failing: %s", k,
              saddr_err_name(rc));
    CHECK_CTX(h == NULL, "allocation %ld failing: no table", k);
    CHECK_CTX(strncmp(e.message, "out of memory", 13) == 0,
              "allocation %ld failing: %s", k, e.message);
    saddr_hosts_close(h);
  }
  /* The parse makes several allocations (table, names, growing arrays). */
  CHECK_CTX(k > 4 && k < 200, "%ld allocations", k - 1);
}
#endif

int main(void) {
#ifdef OOM_SKIP
  printf("SKIP: a sanitizer build (the allocator is the sanitizer's)\n");
#else
  check_parse();
#endif
  return th_done();
}
