/* How the bind helper reports a failed system call: one message shape for
 * every step, and a failed bind(2)'s errno sorted into a status. Everything
 * else in bind/ calls down to this file; it calls nothing there. */
#include "bind/bind.h"

#include <errno.h>
#include <string.h>

int saddr__bind_fail(saddr_error *err, int code, int e, const saddr_addr *a,
                     const char *doing) {
  char        text[SADDR_FORMAT_MAX];
  saddr_error ferr;
  if (saddr_format_addr(a, SADDR_FORMAT_COMPACT, text, sizeof text, &ferr) < 0)
    memcpy(text, "(unprintable address)", sizeof "(unprintable address)");
  int rc = saddr__fail(err, code, 0, 0, "%s %s: %s", doing, text, strerror(e));
  if (err)
    err->sys_errno = e;
  return rc;
}

int saddr__bind_failed(saddr_error *err, int e, const saddr_addr *a) {
  return saddr__bind_fail(err, e == EADDRINUSE ? SADDR_EADDRINUSE : SADDR_ESYS,
                          e, a, "bind");
}
