/* Target 5: the formatter (SPEC 4) on arbitrary sockaddr bytes and lengths,
 * from 0 to well beyond the largest struct, with any family override, type
 * and protocol.
 *
 * Input: [0] family/protocol pair (fz_combos), [1] bits 0-2 socket type,
 * bit 3 write the pair's family into the sa_family bytes, bit 4 leave the
 * family to the bytes (hints family 0), [2] output capacity (0: the full
 * SADDR_FORMAT_MAX), then the sockaddr bytes.
 *
 * Invariants: the sockaddr is an exactly-sized heap copy and the output an
 * exactly-sized heap buffer, so ASan catches any over-read or over-write;
 * a success is a NUL-terminated string of the returned length that fits;
 * a buffer of SADDR_FORMAT_MAX bytes is never too small;
 * a short buffer fails with SADDR_ENOSPACE exactly when the text does not
 * fit; text in a family's own form (not Python's generic
 * `(family, b'...')`) parses back, unless a field holds a value the parser
 * refuses as out of range or too long, and the address it parses to formats
 * to the same text. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_FMT_HEADER        3
#define FZ_STAMP_FAMILY      0x08u
#define FZ_FAMILY_FROM_BYTES 0x10u

/* Python prints a family it has no form for as `(family, b'...')`; saddr's
 * compact text for it starts with the family number too. An address of no
 * bytes prints as None. None of these parses. */
static bool generic_form(const char *t) {
  if (strcmp(t, "None") == 0)
    return true;
  if (t[0] == '(')
    t++;
  return t[0] >= '0' && t[0] <= '9';
}

/* The family the text is in: the hints' override, else the bytes'. */
static int reported_family(const unsigned char *sa, size_t len,
                           const saddr_hints *h) {
  sa_family_t f = 0;
  if (h->family != AF_UNSPEC || len < sizeof f)
    return h->family;
  memcpy(&f, sa, sizeof f);
  return f;
}

/* Tuple text is read back with the hints it was printed with, as Python
 * code would. Compact text names its own type (the `dgram+` prefix), so it
 * is read back without a type hint. */
static void check_reparse(const char *text, size_t n, const saddr_hints *h,
                          int family, int style) {
  if (generic_form(text))
    return;
  saddr_hints ph = *h;
  ph.family      = family;
  if (style == SADDR_FORMAT_TUPLE) {
    ph.flags = SADDR_SYNTAX_TUPLE;
  } else {
    ph.flags = SADDR_SYNTAX_COMPACT;
    ph.type  = 0;
  }
  saddr_parsed back;
  int          rc = fz_parse_checked(text, n, &ph, &back);
  /* Bytes the parser would never produce print faithfully, as Python
   * prints them, and are then refused for the field that is out of range
   * (an IPv6 flowinfo over 20 bits), too long (a sun_path filling all 108
   * bytes without a NUL) or naming no interface (a negative ifindex, which
   * compact text reads as an interface name). */
  if (rc == SADDR_ERANGE || rc == SADDR_ETOOLONG || rc == SADDR_ENOIFACE)
    return;
  FZ_CHECK(rc == 0);
  FZ_CHECK(back.need == 0 && back.count >= 1);
  /* The family is given explicitly now: an AF_RDS sockaddr read back says
   * AF_INET in its bytes. */
  saddr_hints fh = *h;
  fh.family      = family;
  char        again[SADDR_FORMAT_MAX];
  saddr_error err;
  int m = saddr_format(&back.addr[0].sa, back.addr[0].len, &fh, style, again,
                       sizeof again, &err);
  FZ_CHECK(m >= 0 && (size_t)m == n && memcmp(again, text, n) == 0);
}

static void format_one(const unsigned char *sa, size_t len,
                       const saddr_hints *h, int style, size_t cap) {
  char        full[SADDR_FORMAT_MAX];
  saddr_error err;
  memset(&err, 0, sizeof err);
  int n = saddr_format(sa, len, h, style, full, sizeof full, &err);
  if (n < 0) {
    fz_check_error(n, &err, len);
    /* SADDR_FORMAT_MAX is enough for any address. */
    FZ_CHECK(n != SADDR_ENOSPACE);
    return;
  }
  FZ_CHECK((size_t)n < sizeof full && strlen(full) == (size_t)n);
  check_reparse(full, (size_t)n, h, reported_family(sa, len, h), style);
  if (cap == 0)
    return;
  char *small = malloc(cap);
  if (!small)
    return;
  int m = saddr_format(sa, len, h, style, small, cap, &err);
  if ((size_t)n < cap)
    FZ_CHECK(m == n && memcmp(small, full, (size_t)n + 1) == 0);
  else
    FZ_CHECK(m == SADDR_ENOSPACE && err.code == SADDR_ENOSPACE);
  free(small);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < FZ_FMT_HEADER || size > FZ_FMT_HEADER + 1024)
    return 0;
  const fz_combo *combo = &fz_combos[data[0] % FZ_NCOMBOS];
  saddr_hints     h;
  memset(&h, 0, sizeof h);
  h.type     = fz_types[data[1] & 7u];
  h.protocol = combo->protocol;
  if (!(data[1] & FZ_FAMILY_FROM_BYTES))
    h.family = combo->family;
  size_t cap = data[2];
  size_t len = size - FZ_FMT_HEADER;
  /* Exactly len bytes (malloc(0) too), so that reading one more is a heap
   * overflow. */
  unsigned char *sa = malloc(len);
  if (!sa)
    return 0;
  memcpy(sa, data + FZ_FMT_HEADER, len);
  if ((data[1] & FZ_STAMP_FAMILY) && len >= sizeof(sa_family_t)) {
    sa_family_t fam =
        (sa_family_t)(combo->family == AF_RDS ? AF_INET : combo->family);
    memcpy(sa, &fam, sizeof fam);
  }
  format_one(sa, len, &h, SADDR_FORMAT_TUPLE, cap);
  format_one(sa, len, &h, SADDR_FORMAT_COMPACT, cap);
  free(sa);
  return 0;
}
