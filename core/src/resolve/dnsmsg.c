/* The DNS message reader and query writer. Every byte is read through
 * bounds-checked helpers; compression pointers must point strictly before
 * the lowest position already visited, so that a name is read in a bounded
 * number of steps whatever the message holds. */
#include "resolve/dnsmsg.h"

#include <stdlib.h>
#include <string.h>

typedef struct rr {
  saddr__dname owner;
  int          type, klass;
  uint32_t     ttl;
  size_t       rdata, rdlen; /* offset of the data in the message */
} rr;

static unsigned char fold(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

static uint16_t get16(const unsigned char *p) {
  return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

/* RFC 2181 section 8: a TTL with the top bit set is read as 0. */
static uint32_t get_ttl(const unsigned char *p) {
  uint32_t v =
      (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
  return v >= 0x80000000u ? 0 : v;
}

bool saddr__dname_from_text(const char *text, size_t len, saddr__dname *out) {
  if (len > 0 && text[len - 1] == '.')
    len--;
  size_t n = 0, start = 0;
  if (len == 0)
    return false;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && text[i] != '.')
      continue;
    size_t l = i - start;
    if (l == 0 || l > 63 || n + 1 + l + 1 > SADDR__DNS_NAME_MAX)
      return false;
    out->b[n++] = (unsigned char)l;
    for (size_t k = 0; k < l; k++)
      out->b[n++] = fold((unsigned char)text[start + k]);
    start = i + 1;
  }
  out->b[n++] = 0;
  out->len    = n;
  return true;
}

size_t saddr__dns_query(const saddr__dname *name, int qtype, uint16_t id,
                        unsigned char *out, size_t cap) {
  static const unsigned char opt[11] = {0,
                                        0,
                                        SADDR__DNS_T_OPT,
                                        SADDR__DNS_PAYLOAD >> 8,
                                        SADDR__DNS_PAYLOAD & 0xff,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0};
  size_t need = SADDR__DNS_HEADER + name->len + 4 + sizeof(opt);
  if (cap < need)
    return 0;
  unsigned char h[SADDR__DNS_HEADER] = {(unsigned char)(id >> 8),
                                        (unsigned char)id,
                                        0x01,
                                        0,
                                        0,
                                        1,
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        1};
  memcpy(out, h, sizeof(h));
  memcpy(out + SADDR__DNS_HEADER, name->b, name->len);
  unsigned char *q = out + SADDR__DNS_HEADER + name->len;
  q[0]             = (unsigned char)(qtype >> 8);
  q[1]             = (unsigned char)qtype;
  q[2]             = 0;
  q[3]             = 1;
  memcpy(q + 4, opt, sizeof(opt));
  return need;
}

static int read_name(const unsigned char *m, size_t len, size_t off,
                     size_t *next, saddr__dname *out) {
  size_t pos = off, lowest = off, n = 0;
  bool   jumped = false;
  for (;;) {
    if (pos >= len)
      return SADDR__DNS_MALFORMED;
    unsigned c = m[pos];
    if (c >= 0xc0) {
      if (pos + 1 >= len)
        return SADDR__DNS_MALFORMED;
      size_t target = (size_t)(c & 0x3fu) << 8 | m[pos + 1];
      if (!jumped)
        *next = pos + 2;
      if (target >= lowest)
        return SADDR__DNS_MALFORMED;
      lowest = pos = target;
      jumped       = true;
      continue;
    }
    if (c >= 0x40 || n + 1 + c > SADDR__DNS_NAME_MAX || pos + 1 + c > len)
      return SADDR__DNS_MALFORMED;
    out->b[n++] = (unsigned char)c;
    for (size_t k = 0; k < c; k++)
      out->b[n++] = fold(m[pos + 1 + k]);
    pos += 1 + c;
    if (c == 0) {
      if (!jumped)
        *next = pos;
      out->len = n;
      return SADDR__DNS_OK;
    }
  }
}

static bool same_name(const saddr__dname *a, const saddr__dname *b) {
  return a->len == b->len && memcmp(a->b, b->b, a->len) == 0;
}

/* Reads one resource record at *off and moves past it. */
static int read_rr(const unsigned char *m, size_t len, size_t *off, rr *out) {
  size_t p;
  int    rc = read_name(m, len, *off, &p, &out->owner);
  if (rc != SADDR__DNS_OK)
    return rc;
  if (len - p < 10)
    return SADDR__DNS_MALFORMED;
  out->type  = get16(m + p);
  out->klass = get16(m + p + 2);
  out->ttl   = get_ttl(m + p + 4);
  out->rdlen = get16(m + p + 8);
  out->rdata = p + 10;
  if (len - out->rdata < out->rdlen)
    return SADDR__DNS_MALFORMED;
  *off = out->rdata + out->rdlen;
  return SADDR__DNS_OK;
}

/* The target of a CNAME record, which must fill its data exactly. */
static int cname_target(const unsigned char *m, size_t len, const rr *r,
                        saddr__dname *out) {
  size_t next = 0;
  int    rc   = read_name(m, len, r->rdata, &next, out);
  if (rc == SADDR__DNS_OK && next != r->rdata + r->rdlen)
    rc = SADDR__DNS_MALFORMED;
  return rc;
}

int saddr__dns_peek(const unsigned char *msg, size_t len, uint16_t *id,
                    saddr__dname *qname, int *qtype, size_t *qend) {
  if (len < SADDR__DNS_HEADER)
    return SADDR__DNS_MALFORMED;
  *id = get16(msg);
  if (get16(msg + 4) != 1)
    return SADDR__DNS_MISMATCH;
  size_t p;
  int    rc = read_name(msg, len, SADDR__DNS_HEADER, &p, qname);
  if (rc != SADDR__DNS_OK)
    return rc;
  if (len - p < 4)
    return SADDR__DNS_MALFORMED;
  *qtype = get16(msg + p);
  if (get16(msg + p + 2) != 1)
    return SADDR__DNS_MISMATCH;
  *qend = p + 4;
  return SADDR__DNS_OK;
}

/* Checks every record of every section; the answer section's CNAME, A and
 * AAAA records of class IN must also have well-formed data. */
static int check_sections(const unsigned char *m, size_t len, size_t off,
                          size_t *answers_end) {
  size_t an = get16(m + 6), total = an + get16(m + 8) + get16(m + 10);
  for (size_t i = 0; i < total; i++) {
    rr  r;
    int rc = read_rr(m, len, &off, &r);
    if (rc != SADDR__DNS_OK)
      return rc;
    if (i + 1 == an)
      *answers_end = off;
    if (i >= an || r.klass != 1)
      continue;
    saddr__dname t;
    if ((r.type == SADDR__DNS_T_A && r.rdlen != 4) ||
        (r.type == SADDR__DNS_T_AAAA && r.rdlen != 16) ||
        (r.type == SADDR__DNS_T_CNAME &&
         cname_target(m, len, &r, &t) != SADDR__DNS_OK))
      return SADDR__DNS_MALFORMED;
  }
  return SADDR__DNS_OK;
}

/* The CNAME chain from the name asked: names[0] is qname, names[k] the
 * k-th target, ttl[k] the smallest TTL of the links up to it. A loop or a
 * chain longer than SADDR__DNS_CHAIN ends the walk. Returns the number of
 * names. */
static size_t follow_chain(const unsigned char *m, size_t start, size_t end,
                           saddr__dname *names, uint32_t *ttl) {
  size_t k = 1;
  ttl[0]   = UINT32_MAX;
  while (k <= SADDR__DNS_CHAIN) {
    size_t off   = start;
    bool   found = false;
    rr     r;
    while (off < end && !found && read_rr(m, end, &off, &r) == SADDR__DNS_OK)
      found = r.type == SADDR__DNS_T_CNAME && r.klass == 1 &&
              same_name(&r.owner, &names[k - 1]);
    if (!found || cname_target(m, end, &r, &names[k]) != SADDR__DNS_OK)
      break;
    for (size_t j = 0; j < k; j++)
      if (same_name(&names[j], &names[k]))
        return k;
    ttl[k] = r.ttl < ttl[k - 1] ? r.ttl : ttl[k - 1];
    k++;
  }
  return k;
}

static bool ldh_text(const saddr__dname *n, char *out) {
  size_t p = 0, o = 0;
  while (p < n->len && n->b[p] != 0) {
    size_t l = n->b[p++];
    if (n->b[p] == '-' || n->b[p + l - 1] == '-')
      return false;
    for (size_t k = 0; k < l; k++) {
      unsigned char c = n->b[p + k];
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
        return false;
      out[o++] = (char)c;
    }
    p += l;
    out[o++] = '.';
  }
  if (o == 0)
    return false;
  out[o - 1] = '\0';
  return true;
}

/* Collects the addresses of type qtype owned by a chain member. With out
 * NULL only counts them. */
static size_t collect(const unsigned char *m, size_t start, size_t end,
                      int qtype, const saddr__dname *names, const uint32_t *ttl,
                      size_t nnames, saddr__dns_addr *out) {
  size_t off = start, n = 0, alen = qtype == SADDR__DNS_T_A ? 4 : 16;
  rr     r;
  while (off < end && read_rr(m, end, &off, &r) == SADDR__DNS_OK) {
    if (r.type != qtype || r.klass != 1)
      continue;
    size_t j = 0;
    while (j < nnames && !same_name(&r.owner, &names[j]))
      j++;
    if (j == nnames)
      continue;
    if (out == NULL) {
      n++;
      continue;
    }
    saddr__dns_addr a = {.ttl = r.ttl < ttl[j] ? r.ttl : ttl[j]};
    memcpy(a.a, m + r.rdata, alen);
    size_t d = 0;
    while (d < n && memcmp(out[d].a, a.a, alen) != 0)
      d++;
    if (d == n)
      out[n++] = a;
    else if (a.ttl < out[d].ttl)
      out[d].ttl = a.ttl;
  }
  return n;
}

int saddr__dns_read(const unsigned char *msg, size_t len,
                    const saddr__dname *qname, int qtype,
                    saddr__dns_answer *out) {
  uint16_t     id;
  saddr__dname q;
  int          t;
  size_t       qend, aend;
  int          rc = saddr__dns_peek(msg, len, &id, &q, &t, &qend);
  if (out != NULL)
    memset(out, 0, sizeof(*out));
  if (rc != SADDR__DNS_OK)
    return rc;
  if (!(msg[2] & 0x80) || (msg[2] & 0x78) != 0)
    return SADDR__DNS_MISMATCH;
  if ((qname != NULL && !same_name(&q, qname)) || (qname != NULL && t != qtype))
    return SADDR__DNS_MISMATCH;
  aend = qend;
  rc   = check_sections(msg, len, qend, &aend);
  if (rc != SADDR__DNS_OK || out == NULL)
    return rc;
  out->rcode = msg[3] & 0x0f;
  out->tc    = (msg[2] & 0x02) != 0;
  if (out->rcode != 0 || get16(msg + 6) == 0)
    return SADDR__DNS_OK;
  saddr__dname names[SADDR__DNS_CHAIN + 1];
  uint32_t     ttl[SADDR__DNS_CHAIN + 1];
  names[0]      = q;
  size_t nnames = follow_chain(msg, qend, aend, names, ttl);
  if (nnames > 1 && !ldh_text(&names[nnames - 1], out->canonical))
    out->canonical[0] = '\0';
  size_t n = collect(msg, qend, aend, t, names, ttl, nnames, NULL);
  if (n == 0)
    return SADDR__DNS_OK;
  out->addr = malloc(n * sizeof(*out->addr));
  if (out->addr == NULL)
    return SADDR__DNS_NOMEM;
  out->count = collect(msg, qend, aend, t, names, ttl, nnames, out->addr);
  return SADDR__DNS_OK;
}

uint64_t saddr__dns_qhash(const saddr__dname *name, int qtype) {
  uint64_t h = 0xcbf29ce484222325u ^ (uint64_t)(unsigned)qtype;
  for (size_t i = 0; i < name->len; i++)
    h = (h ^ name->b[i]) * 0x100000001b3u;
  return h;
}
