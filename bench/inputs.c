/* Deterministic benchmark input sets (see inputs.h). */
#include "inputs.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: record i is a pure function of i, so a smaller set is a
 * prefix of a larger one and no generator state is shared. */
static uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* A value with 1, 2 or 3 decimal digits (each with probability 1/3) and
 * no leading zero: 0-9, 10-99 or 100-255. */
static unsigned char octet(uint64_t r) {
  static const unsigned lo[3] = {0, 10, 100}, span[3] = {10, 90, 156};
  unsigned              d = (unsigned)(r % 3);
  return (unsigned char)(lo[d] + (unsigned)((r >> 8) % span[d]));
}

/* A port of 1-5 digits, each length with probability 1/5. */
static uint16_t port(uint64_t r) {
  static const unsigned lo[5]   = {0, 10, 100, 1000, 10000};
  static const unsigned span[5] = {10, 90, 900, 9000, 55536};
  unsigned              d       = (unsigned)(r % 5);
  return (uint16_t)(lo[d] + (unsigned)((r >> 8) % span[d]));
}

void bench_record_get(size_t n, size_t i, bench_record *rec) {
  uint64_t base = mix((uint64_t)i * 16u + 0x5add5add0000ull);
  uint64_t r[12];
  (void)n;
  for (unsigned k = 0; k < 12; k++)
    r[k] = mix(base + k);
  memset(rec, 0, sizeof *rec);
  for (unsigned k = 0; k < 4; k++)
    rec->v4[k] = octet(r[k]);
  rec->port    = port(r[4]);
  rec->v6_form = (uint8_t)(r[5] % 3);
  if (rec->v6_form == 0) {
    memcpy(rec->v6, &r[6], 8);
    memcpy(rec->v6 + 8, &r[7], 8);
  } else if (rec->v6_form == 1) {
    /* 2001:db8: plus six random groups with a run of 2-6 zero groups. */
    unsigned start = 2 + (unsigned)(r[8] % 5);
    unsigned run   = 2 + (unsigned)((r[8] >> 8) % (8 - start - 1));
    rec->v6[0] = 0x20, rec->v6[1] = 0x01, rec->v6[2] = 0x0d, rec->v6[3] = 0xb8;
    memcpy(rec->v6 + 4, &r[6], 8);
    memcpy(rec->v6 + 12, &r[7], 4);
    memset(rec->v6 + 2 * start, 0, 2 * run);
  } else {
    rec->v6[10] = 0xff, rec->v6[11] = 0xff;
    memcpy(rec->v6 + 12, rec->v4, 4);
  }
  rec->zone6[0] = 0xfe, rec->zone6[1] = 0x80;
  memcpy(rec->zone6 + 8, &r[9], 8);
}

/* Text of the IPv6 address of a record, in the record's form. */
static int v6_text(const bench_record *rec, char *out, size_t cap) {
  const unsigned char *a = rec->v6;
  if (rec->v6_form == 0)
    return snprintf(out, cap,
                    "%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:"
                    "%02x%02x:%02x%02x",
                    a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                    a[10], a[11], a[12], a[13], a[14], a[15]);
  if (rec->v6_form == 2)
    return snprintf(out, cap, "::ffff:%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
  return inet_ntop(AF_INET6, a, out, (socklen_t)cap) ? (int)strlen(out) : -1;
}

static int zone_text(const bench_record *rec, char *out, size_t cap) {
  char a[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, rec->zone6, a, sizeof a))
    return -1;
  return snprintf(out, cap, "%s%%%d", a, BENCH_ZONE_INDEX);
}

static int write_form(enum bench_form form, const bench_record *rec, char *out,
                      size_t cap) {
  const unsigned char *q = rec->v4;
  char                 a[64];
  switch (form) {
  case BENCH_V4_ADDR:
    return snprintf(out, cap, "%u.%u.%u.%u", q[0], q[1], q[2], q[3]);
  case BENCH_V4_HOSTPORT:
    return snprintf(out, cap, "%u.%u.%u.%u:%u", q[0], q[1], q[2], q[3],
                    rec->port);
  case BENCH_V4_TUPLE:
    return snprintf(out, cap, "('%u.%u.%u.%u', %u)", q[0], q[1], q[2], q[3],
                    rec->port);
  case BENCH_PORT:
    return snprintf(out, cap, "%u", rec->port);
  case BENCH_V6_ADDR:
    return v6_text(rec, out, cap);
  case BENCH_V6_HOSTPORT:
    if (v6_text(rec, a, sizeof a) < 0)
      return -1;
    return snprintf(out, cap, "[%s]:%u", a, rec->port);
  case BENCH_ZONE_ADDR:
    return zone_text(rec, out, cap);
  case BENCH_ZONE_HOSTPORT:
    if (zone_text(rec, a, sizeof a) < 0)
      return -1;
    return snprintf(out, cap, "[%s]:%u", a, rec->port);
  case BENCH_FORM_COUNT:
    break;
  }
  return -1;
}

int bench_set_make(bench_set *set, enum bench_form form, size_t n) {
  /* The longest entry is a full IPv6 address with brackets and a port. */
  enum { MAXLEN = 64 };
  size_t cap = n * 24, used = 0;
  memset(set, 0, sizeof *set);
  set->text = malloc(cap);
  set->off  = malloc(n * sizeof *set->off);
  set->len  = malloc(n * sizeof *set->len);
  if (!set->text || !set->off || !set->len)
    goto fail;
  for (size_t i = 0; i < n; i++) {
    bench_record rec;
    int          w;
    if (cap - used < MAXLEN + 1) {
      char *p = realloc(set->text, cap * 2);
      if (!p)
        goto fail;
      set->text = p, cap *= 2;
    }
    bench_record_get(n, i, &rec);
    w = write_form(form, &rec, set->text + used, MAXLEN + 1);
    if (w < 0 || w > MAXLEN)
      goto fail;
    set->off[i] = (uint32_t)used;
    set->len[i] = (uint16_t)w;
    set->bytes += (size_t)w;
    used += (size_t)w + 1;
  }
  set->n = n;
  return 0;
fail:
  bench_set_free(set);
  return -1;
}

void bench_set_free(bench_set *set) {
  free(set->text);
  free(set->off);
  free(set->len);
  memset(set, 0, sizeof *set);
}
