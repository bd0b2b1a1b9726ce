/* The error table's name and message functions, and the error filler. */
#include "internal.h"

#include <stdio.h>

const char *saddr_strerror(int code) {
  switch (code) {
  case SADDR_OK:
    return "success";
#define SADDR_STRERROR_GEN(name, val, msg)                                     \
  case SADDR_##name:                                                           \
    return msg;
    SADDR_ERRNO_MAP(SADDR_STRERROR_GEN)
#undef SADDR_STRERROR_GEN
  }
  return "unknown error";
}

const char *saddr_err_name(int code) {
  switch (code) {
  case SADDR_OK:
    return "SADDR_OK";
#define SADDR_ERRNAME_GEN(name, val, msg)                                      \
  case SADDR_##name:                                                           \
    return "SADDR_" #name;
    SADDR_ERRNO_MAP(SADDR_ERRNAME_GEN)
#undef SADDR_ERRNAME_GEN
  }
  return "SADDR_UNKNOWN";
}

int saddr__fail(saddr_error *err, int code, size_t off, size_t len,
                const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  saddr__vfail(err, code, off, len, fmt, ap);
  va_end(ap);
  return code;
}

int saddr__vfail(saddr_error *err, int code, size_t off, size_t len,
                 const char *fmt, va_list ap) {
  if (err == NULL)
    return code;
  err->code      = code;
  err->offset    = off;
  err->length    = len;
  err->sys_errno = 0;
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  /* Messages quote input; keep them one line of printable ASCII. */
  for (char *p = err->message; *p; p++)
    if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
      *p = '?';
  return code;
}
