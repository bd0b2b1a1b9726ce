/* Errors over a span of the input. */
#include "text/text.h"

int saddr__span_fail(saddr_error *err, int code, const saddr__span *sp,
                     size_t at, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  saddr__vfail(err, code, sp->exact ? sp->off + at : sp->off,
               sp->exact ? n : sp->len, fmt, ap);
  va_end(ap);
  return code;
}
