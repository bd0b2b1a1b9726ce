/* Deterministic input sets for saddr's benchmarks.
 *
 * Every set is generated from a fixed seed, so the Google Benchmark binary,
 * the instruction-count driver and any later run see the same bytes. Sets are
 * large (2^20 entries by default) because a small set lets the branch
 * predictor learn it and flatters scalar parsers 3-4x.
 *
 * Each entry is stored NUL-terminated so that the glibc anchors can use it
 * directly; saddr is always handed (pointer, length) without the NUL. */
#ifndef SADDR_BENCH_INPUTS_H
#define SADDR_BENCH_INPUTS_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define BENCH_SET_LOG2 20
#define BENCH_SET_N    ((size_t)1 << BENCH_SET_LOG2) /* 1,048,576 */

/* The text forms every record can be written in. */
enum bench_form {
  BENCH_V4_ADDR,       /* a.b.c.d, octets of 1-3 digits */
  BENCH_V4_HOSTPORT,   /* a.b.c.d:port */
  BENCH_V4_TUPLE,      /* ('a.b.c.d', port) */
  BENCH_PORT,          /* port alone, 1-5 digits (for the gai anchors) */
  BENCH_V6_ADDR,       /* 1/3 full, 1/3 compressed, 1/3 ::ffff:a.b.c.d */
  BENCH_V6_HOSTPORT,   /* [v6]:port */
  BENCH_ZONE_ADDR,     /* fe80::x:y:z:w%2 (for the gai anchor) */
  BENCH_ZONE_HOSTPORT, /* [fe80::x:y:z:w%2]:port */
  BENCH_FORM_COUNT
};

typedef struct bench_set {
  char     *text;  /* the entries back to back, each followed by a NUL */
  uint32_t *off;   /* start of entry i in text */
  uint16_t *len;   /* length of entry i without its NUL */
  size_t    n;     /* a power of two */
  size_t    bytes; /* total text length without NULs */
} bench_set;

/* The numeric truth behind entry i of every form: what each parser must
 * produce. */
typedef struct bench_record {
  unsigned char v4[4];
  unsigned char v6[16];
  unsigned char zone6[16];
  uint16_t      port;
  uint8_t       v6_form; /* 0 full 8x4 hex, 1 compressed, 2 v4-mapped */
} bench_record;

/* Builds form `form` with n entries (a power of two). Returns 0, or -1 when
 * out of memory. The same (form, n) always gives the same bytes, and entry i
 * of every form comes from record i. */
int  bench_set_make(bench_set *set, enum bench_form form, size_t n);
void bench_set_free(bench_set *set);

/* Record i of a set of n entries (n a power of two, i < n). */
void bench_record_get(size_t n, size_t i, bench_record *rec);

/* The interface index written after '%' in the zone forms. */
#define BENCH_ZONE_INDEX 2

#ifdef __cplusplus
}
#endif
#endif
