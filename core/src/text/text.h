/* The text layer: literal and name primitives over exactly [s, s+n) of some
 * text. Nothing here knows the tuple or the compact syntax; the syntax and
 * family layers call down into it.
 *
 * One return convention: a reader returns 0 on success or a negative
 * saddr_status, the SADDR_E* code its failure is reported with, and passes
 * its results through out-parameters. A reader that takes a saddr_error
 * fills it, with offsets into the whole input taken from a saddr__span; one
 * without reports the code only and leaves the message to its caller.
 * The fast path's fused readers return the same status inside the small
 * struct that carries their results. Predicates (saddr__is_*) answer bool;
 * formatters return the characters written. */
#ifndef SADDR_TEXT_TEXT_H
#define SADDR_TEXT_TEXT_H

#include "internal.h"

/* Whether the vector readers run their VEX encodings (CPUs with AVX). A
 * build with SADDR__NO_AVX (CMake: SADDR_FORCE_SSE41) runs their legacy
 * SSE4.1 encodings instead, as a CPU without AVX does, so that the tests
 * cover that code on any machine (.ci/testing.sh). */
#ifdef SADDR__NO_AVX
#define SADDR__CPU_AVX() 0
#else
#define SADDR__CPU_AVX() __builtin_cpu_supports("avx")
#endif

/* ---- Spans ---------------------------------------------------------------
 * A piece of the input under examination: its text s[0..n), and where it
 * stands in the whole input, [off, off+len). An exact span's text is the
 * input itself at off, so byte i of s is input byte off + i and an error
 * can point inside it; otherwise s is a decoded copy of a token (a tuple
 * string with escapes) and errors cover the whole token. A callee given a
 * span reports correct offsets the first time: no caller re-bases them. */
typedef struct saddr__span {
  const char *s;
  size_t      n;
  size_t      off, len;
  bool        exact;
} saddr__span;

/* [off, off+n) of the whole input text. */
static inline saddr__span saddr__span_of(const char *input, size_t off,
                                         size_t n) {
  saddr__span sp = {input + off, n, off, n, true};
  return sp;
}

/* [at, at+n) of sp's text. */
static inline saddr__span saddr__span_sub(const saddr__span *sp, size_t at,
                                          size_t n) {
  saddr__span sub = {sp->s + at, n, sp->exact ? sp->off + at : sp->off,
                     sp->exact ? n : sp->len, sp->exact};
  return sub;
}

/* saddr__fail at [at, at+n) of sp's text: there when the span is exact, at
 * the whole token otherwise. */
int saddr__span_fail(saddr_error *err, int code, const saddr__span *sp,
                     size_t at, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- Characters and numbers (the one owner of each rule) ---------------- */

/* The value of a hex digit, or -1. */
static inline int saddr__hexval(unsigned char c) {
  if ((unsigned)(c - '0') < 10u)
    return c - '0';
  c |= 0x20;
  if ((unsigned)(c - 'a') < 6u)
    return c - 'a' + 10;
  return -1;
}

/* A decimal interface index (an IPv6 zone, an interface in compact text):
 * 1-10 digits without a leading zero, at most 4294967295. SADDR_EZONE with
 * the offending offset in *bad, or SADDR_ERANGE. */
static inline int saddr__index_number(const char *s, size_t n, uint32_t *v,
                                      size_t *bad) {
  uint64_t x = 0;
  size_t   m = n < 10 ? n : 10;
  /* A leading zero fails at the second digit, as does a non-digit there. */
  if (n == 0 || (n > 1 && s[0] == '0')) {
    *bad = n != 0;
    return SADDR_EZONE;
  }
  /* cppcheck 2.10 follows one caller's n == 0 past the return above. */
  // cppcheck-suppress knownConditionTrueFalse
  for (size_t i = 0; i < m; i++) {
    unsigned d = (unsigned)(unsigned char)s[i] - '0';
    if (d > 9) {
      *bad = i;
      return SADDR_EZONE;
    }
    x = x * 10 + d;
  }
  /* Past ten digits, an eleventh digit is out of range too. */
  if (x > UINT32_MAX || (n > 10 && (unsigned)(unsigned char)s[10] - '0' <= 9))
    return SADDR_ERANGE;
  if (n > 10) {
    *bad = 10;
    return SADDR_EZONE;
  }
  *v = (uint32_t)x;
  return 0;
}

/* ---- Python string escapes (escape.c) -----------------------------------
 * Decodes the body of a string literal (between the quotes) into out.
 * mode: SADDR__ESC_STR (result is UTF-8; \u, \U and \N-less escapes),
 * SADDR__ESC_BYTES (bytes literal: ASCII source only, \u is literal),
 * SADDR__ESC_SURROGATE may be or-ed with STR: \udc80-\udcff become the raw
 * bytes 0x80-0xff (surrogateescape). raw: the r prefix (no escapes).
 * base is the offset of body in the whole input, for error offsets. */
#define SADDR__ESC_STR       0x1u
#define SADDR__ESC_BYTES     0x2u
#define SADDR__ESC_SURROGATE 0x4u
int saddr__unescape(const char *body, size_t n, size_t base, unsigned mode,
                    bool raw, unsigned char *out, size_t cap, size_t *outlen,
                    saddr_error *err);

/* ---- UTF-8 (utf8.c) ------------------------------------------------------
 * Valid UTF-8 (no surrogates, no overlongs): 0, or SADDR_EUTF8 with the
 * offset of the first bad byte in *bad. */
int saddr__utf8_check(const unsigned char *s, size_t n, size_t *bad);
/* One code point at s: its length (1-4) and value, or 0 when the bytes
 * there are not valid UTF-8. */
size_t saddr__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* ---- IP literals (ip4.c, ip6.c) ------------------------------------------
 * Strict literal readers over exactly [s, s+n): 0 and the 4 or 16
 * network-order bytes, or SADDR_EIPV4 / SADDR_EIPV6. */
int saddr__ip4_parse(const char *s, size_t n, unsigned char out[4]);
int saddr__ip6_parse(const char *s, size_t n, unsigned char out[16]);
/* Why an IPv4-looking text failed: SADDR_EIPV4LEGACY or SADDR_EIPV4, with
 * the offset (relative to s) of the first offending byte in *at. */
int saddr__ip4_diagnose(const char *s, size_t n, size_t *at);
/* Why an IPv6 text failed: SADDR_EIPV6, with the first byte that cannot
 * belong to a literal (else 0) in *at. */
int saddr__ip6_diagnose(const char *s, size_t n, size_t *at);
/* Exactly "a.b.c.d:port" over [s, s+n): the literal above, ':' and a port
 * as saddr__port_parse reads it; and the same for the inside of a Python
 * pair, "a.b.c.d', port" (quote ' or "). The fast path's readers: the
 * status (0 or SADDR_EIPV4) comes back with the results in one small
 * struct, by value, so that all of it stays in registers (an out-parameter
 * would put it on the stack, behind the stack protector). */
typedef struct saddr__ip4_port {
  uint32_t addr; /* the 4 network-order bytes as they lie in memory */
  uint16_t port;
  int16_t  status; /* narrow, so that the whole fits one register */
} saddr__ip4_port;
saddr__ip4_port saddr__ip4_hostport(const char *s, size_t n);
saddr__ip4_port saddr__ip4_tuple(const char *s, size_t n, char quote);
/* glibc inet_ntop text (Python's) or RFC 5952 text; returns chars written
 * (at most 45, no NUL). */
size_t saddr__ip4_format(const unsigned char in[4], char *out);
size_t saddr__ip6_format(const unsigned char in[16], bool rfc5952, char *out);

/* ---- Ports (port.c) ------------------------------------------------------
 * Decimal port, compact rules (no sign, blank, radix or leading zero): 0 or
 * SADDR_EPORT. */
int saddr__port_parse(const char *s, size_t n, uint16_t *port);
/* The port after the last ':' of [s, s+n), as saddr__port_parse reads it,
 * and the offset of that ':'; status SADDR_ENOPORT when there is none
 * before a valid port or the ':' is the first byte. By value, as above. */
typedef struct saddr__port_at {
  int      status;
  uint16_t port;
  size_t   colon;
} saddr__port_at;
saddr__port_at saddr__port_tail(const char *s, size_t n);

/* ---- Host and interface names (host.c) ---------------------------------- */
bool saddr__is_localhost(const char *s, size_t n);
/* WHATWG "ends in a number": the last label is all digits or 0x hex. */
bool saddr__is_number_ending(const char *s, size_t n);
/* Validates a DNS host name and writes its ASCII (A-label, lower-case, no
 * trailing dot) form to out: SADDR_EIPV4LEGACY for names ending in a
 * number, SADDR_ENUMERIC for non-ASCII names that map to a numeric literal,
 * SADDR_EHOSTNAME, ... */
int saddr__hostname(const saddr__span *h, saddr_error *err,
                    char out[SADDR_HOST_MAX], size_t *outlen);
/* The one interface lookup: n name bytes (no NUL needed) to an index.
 * SADDR_ETOOLONG, SADDR_ENUL (at *bad) or SADDR_ENOIFACE; no message. */
int saddr__if_index(const char *name, size_t n, unsigned *index, size_t *bad);
/* An IPv6 zone: a decimal index (no lookup) or an interface name. */
int saddr__zone(const saddr__span *z, saddr_error *err, unsigned *index);

#endif
