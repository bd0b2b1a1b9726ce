/* Target: saddr's own DNS message reader (core/src/resolve/dnsmsg.c), the
 * code that decides what a DNS reply means on every c-ares version.
 *
 * Input: one control byte, then a DNS message. Bit 0 of the control byte
 * picks the type asked (A or AAAA); bit 1 asks with the message's own
 * question instead of a fixed name, so that the answer sections get read.
 * The message is copied into a buffer of exactly its size, so that any read
 * past its end is caught by AddressSanitizer.
 *
 * Invariants: no crash, no read outside the message, no leak; the checking
 * pass and the full read agree; a reply read against its own question is
 * never a mismatch unless it is not a reply; every address is unique and
 * has a TTL below 2^31; the canonical name is empty or a host name of LDH
 * labels that converts back to wire form; a query written for the question
 * reads back with the same id, name and type. */
#include "fuzz_common.h"
#include "resolve/dnsmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool ldh_name(const char *s) {
  size_t n = strlen(s), label = 0;
  if (n == 0 || n > 253 || s[0] == '.' || s[n - 1] == '.')
    return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == '.') {
      if (label == 0 || s[i - 1] == '-')
        return false;
      label = 0;
      continue;
    }
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return false;
    if (label == 0 && c == '-')
      return false;
    if (++label > 63)
      return false;
  }
  return s[n - 1] != '-';
}

static void check_answer(const saddr__dns_answer *a, int qtype) {
  size_t alen = qtype == SADDR__DNS_T_A ? 4 : 16;
  for (size_t i = 0; i < a->count; i++) {
    FZ_CHECK(a->addr[i].ttl < 0x80000000u);
    for (size_t j = 0; j < i; j++)
      FZ_CHECK(memcmp(a->addr[i].a, a->addr[j].a, alen) != 0);
  }
  if (a->canonical[0] != '\0') {
    saddr__dname back;
    FZ_CHECK(ldh_name(a->canonical));
    FZ_CHECK(saddr__dname_from_text(a->canonical, strlen(a->canonical), &back));
  }
}

static void check_query(const saddr__dname *name, int qtype, uint16_t id) {
  unsigned char q[SADDR__DNS_HEADER + SADDR__DNS_NAME_MAX + 16];
  size_t        n = saddr__dns_query(name, qtype, id, q, sizeof(q));
  FZ_CHECK(n > 0);
  uint16_t     id2;
  saddr__dname name2;
  int          qtype2;
  size_t       qend;
  FZ_CHECK(saddr__dns_peek(q, n, &id2, &name2, &qtype2, &qend) ==
           SADDR__DNS_OK);
  FZ_CHECK(id2 == id && qtype2 == qtype && name2.len == name->len &&
           memcmp(name2.b, name->b, name->len) == 0 && qend <= n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > 65536)
    return 0;
  int            qtype = (data[0] & 1) ? SADDR__DNS_T_AAAA : SADDR__DNS_T_A;
  bool           own   = (data[0] & 2) != 0;
  size_t         n     = size - 1;
  unsigned char *m     = malloc(n ? n : 1);
  if (m == NULL)
    return 0;
  memcpy(m, data + 1, n);

  saddr__dname fixed, q;
  FZ_CHECK(saddr__dname_from_text("host.example", 12, &fixed));
  uint16_t id;
  int      t;
  size_t   qend;
  int      peek = saddr__dns_peek(m, n, &id, &q, &t, &qend);
  if (peek == SADDR__DNS_OK) {
    FZ_CHECK(qend <= n && q.len >= 1 && q.len <= SADDR__DNS_NAME_MAX);
    if (t == SADDR__DNS_T_A || t == SADDR__DNS_T_AAAA)
      check_query(&q, t, id);
  }
  const saddr__dname *ask = own && peek == SADDR__DNS_OK ? &q : &fixed;
  int                 at  = own && peek == SADDR__DNS_OK ? t : qtype;
  if (at != SADDR__DNS_T_A && at != SADDR__DNS_T_AAAA)
    at = qtype;

  saddr__dns_answer a;
  int               check = saddr__dns_read(m, n, ask, at, NULL);
  int               full  = saddr__dns_read(m, n, ask, at, &a);
  FZ_CHECK(full == check || full == SADDR__DNS_NOMEM);
  if (peek != SADDR__DNS_OK)
    FZ_CHECK(full == peek);
  if (own && peek == SADDR__DNS_OK && at == t && (m[2] & 0xf8) == 0x80)
    FZ_CHECK(full != SADDR__DNS_MISMATCH);
  if (full == SADDR__DNS_OK)
    check_answer(&a, at);
  else
    FZ_CHECK(a.count == 0 && a.addr == NULL);
  free(a.addr);
  free(m);
  return 0;
}
