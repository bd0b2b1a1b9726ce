/* What every module of the library needs: the error filler, the bounded
 * string builder and a few macros. Nothing here is exported: the library is
 * built with -fvisibility=hidden and cross-file internals carry the saddr__
 * prefix. Each layer adds its own header: text/text.h, syntax/syntax.h,
 * family/family.h (docs/architecture.md). */
#ifndef SADDR_INTERNAL_H
#define SADDR_INTERNAL_H

#include "saddr.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SADDR__UNUSED(x) ((void)(x))

/* The vector literal readers read a few bytes past the text (never across
 * a page); address and memory sanitizers would flag that, so their builds
 * use the scalar readers. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SADDR__NO_OVERREAD 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SADDR__NO_OVERREAD 1
#endif

/* ---- Errors (error.c) ---------------------------------------------------
 * Fills err (which may be NULL) and returns code, so that failures read
 * `return saddr__fail(err, SADDR_EPORT, off, n, "port must be 0-65535");`. */
int saddr__fail(saddr_error *err, int code, size_t off, size_t len,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int saddr__vfail(saddr_error *err, int code, size_t off, size_t len,
                 const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* ---- Bounded output (buf.c) ----------------------------------------------
 * A string builder that never writes past cap and remembers overflow. */
typedef struct saddr__buf {
  char  *p;
  size_t cap;
  size_t n;
  bool   overflow;
} saddr__buf;

void saddr__put(saddr__buf *b, const char *s, size_t n);
void saddr__puts(saddr__buf *b, const char *s);
void saddr__putc(saddr__buf *b, char c);
void saddr__put_u64(saddr__buf *b, uint64_t v);
/* Python repr of a str (UTF-8 bytes; with surrogateescape, a byte that is
 * not valid UTF-8 prints as \udcXX) or of a bytes object (b'...'). */
void saddr__put_pystr(saddr__buf *b, const unsigned char *s, size_t n);
void saddr__put_pybytes(saddr__buf *b, const unsigned char *s, size_t n);
/* C-style escaping for compact text: printable ASCII except `\` as is,
 * everything else \xHH, and the bytes in `also` escaped too. */
void saddr__put_cescaped(saddr__buf *b, const unsigned char *s, size_t n,
                         const char *also);

#endif
