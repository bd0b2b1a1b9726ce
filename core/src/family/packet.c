/* AF_PACKET: (ifname, proto[, pkttype[, hatype[, addr]]]) tuples and
 * packet@IFNAME:PROTO[:PKTTYPE[:HATYPE[:HWADDR]]]. '' (compact: nothing) is
 * ifindex 0, every interface; an index may stand for a name. */
#include "family/famutil.h"

#include <arpa/inet.h>
#include <linux/if_packet.h>

#define LL_HDR  offsetof(struct sockaddr_ll, sll_addr)
#define LL_ADDR sizeof(((struct sockaddr_ll *)0)->sll_addr)

typedef struct ll_fields {
  int           ifindex;
  uint16_t      proto, hatype;
  uint8_t       pkttype, halen;
  unsigned char addr[LL_ADDR];
} ll_fields;

static int build(const saddr__ctx *c, const ll_fields *f, saddr_parsed *out) {
  struct sockaddr_ll ll;
  memset(&ll, 0, sizeof ll);
  ll.sll_family   = AF_PACKET;
  ll.sll_protocol = htons(f->proto);
  ll.sll_ifindex  = f->ifindex;
  ll.sll_hatype   = f->hatype;
  ll.sll_pkttype  = f->pkttype;
  ll.sll_halen    = f->halen;
  memcpy(ll.sll_addr, f->addr, f->halen);
  saddr_addr *a = saddr__parsed_one(c, out, AF_PACKET);
  memcpy(a->sa.bytes, &ll, sizeof ll);
  a->len = sizeof ll;
  return 0;
}

/* The optional items after proto; the interface is looked up last, once
 * everything else is known to be valid. */
static int tuple_rest(const saddr__ctx *c, const saddr__tuple *t,
                      ll_fields *f) {
  uint64_t v  = 0;
  size_t   n  = 0;
  int      rc = saddr__fam_uint(c, &t->item[1], UINT16_MAX, "proto", &v);
  f->proto    = (uint16_t)v;
  if (rc == 0 && t->n > 2) {
    rc         = saddr__fam_uint(c, &t->item[2], UINT8_MAX, "pkttype", &v);
    f->pkttype = (uint8_t)v;
  }
  if (rc == 0 && t->n > 3) {
    rc        = saddr__fam_uint(c, &t->item[3], UINT16_MAX, "hatype", &v);
    f->hatype = (uint16_t)v;
  }
  if (rc == 0 && t->n > 4)
    rc = saddr__item_text(c->s, &t->item[4], SADDR__ACCEPT_BYTES, 0,
                          "hardware address", f->addr, LL_ADDR, &n, c->err);
  f->halen = (uint8_t)n;
  return rc;
}

static int packet_tuple(const saddr__ctx *c, const saddr__tuple *t,
                        saddr_parsed *out) {
  ll_fields f;
  memset(&f, 0, sizeof f);
  int rc = saddr__fam_shape(c, t, "AF_PACKET", 2, 5,
                            "(ifname, proto[, pkttype[, hatype[, addr]]])");
  if (rc == 0)
    rc = tuple_rest(c, t, &f);
  if (rc == 0)
    rc = saddr__fam_if_item(c, &t->item[0], SADDR__ACCEPT_STR,
                            SADDR__ESC_SURROGATE, &f.ifindex);
  return rc != 0 ? rc : build(c, &f, out);
}

/* An EtherType: a number, or an ETH_P_* / ETHERTYPE_* constant. */
static int read_proto(const saddr__ctx *c, size_t off, size_t n,
                      uint16_t *proto) {
  const char *s = c->s + off;
  uint64_t    v = 0;
  long long   k;
  if (n > 0 && (s[0] < '0' || s[0] > '9')) {
    bool named = (n > 6 && memcmp(s, "ETH_P_", 6) == 0) ||
                 (n > 10 && memcmp(s, "ETHERTYPE_", 10) == 0);
    if (!named || saddr__const_lookup(s, n, &k) != 0)
      return saddr__fail(c->err, SADDR_ECONST, off, n,
                         "protocol must be a number or an ETH_P_* name");
    *proto = (uint16_t)k;
    return 0;
  }
  int rc = saddr__fam_num(c, off, n, UINT16_MAX, "protocol", &v);
  *proto = (uint16_t)v;
  return rc;
}

/* Two hex digits per octet, ':' between octets, 1-8 octets. */
static int read_hwaddr(const saddr__ctx *c, size_t off, size_t n,
                       ll_fields *f) {
  const char *s = c->s + off;
  size_t      i = 0;
  f->halen      = 0;
  while (i < n || f->halen == 0) {
    int hi = i < n ? saddr__hexval((unsigned char)s[i]) : -1;
    int lo = i + 1 < n ? saddr__hexval((unsigned char)s[i + 1]) : -1;
    if (hi < 0 || lo < 0 || (i + 2 < n && s[i + 2] != ':') || i + 3 == n)
      return saddr__fail(c->err, SADDR_ESYNTAX, off + i, i < n ? 1 : 0,
                         "hardware address must be 1-8 hex octets such as "
                         "02:00:5e:10:00:01");
    if (f->halen == LL_ADDR)
      return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                         "hardware address must be at most 8 octets");
    f->addr[f->halen++] = (unsigned char)(hi << 4 | lo);
    i += 3;
  }
  return 0;
}

static int packet_compact(const saddr__ctx *c, size_t off, size_t n,
                          saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         ifo, ifn, f, fn;
  uint64_t       v = 0;
  ll_fields      ll;
  memset(&ll, 0, sizeof ll);
  saddr__fam_field(&k, &ifo, &ifn);
  int rc = saddr__fam_need(c, &k, "an EtherType after the interface", &f, &fn);
  if (rc == 0)
    rc = read_proto(c, f, fn, &ll.proto);
  if (rc == 0 && saddr__fam_field(&k, &f, &fn)) {
    rc         = saddr__fam_num(c, f, fn, UINT8_MAX, "pkttype", &v);
    ll.pkttype = (uint8_t)v;
  }
  if (rc == 0 && saddr__fam_field(&k, &f, &fn)) {
    rc        = saddr__fam_num(c, f, fn, UINT16_MAX, "hatype", &v);
    ll.hatype = (uint16_t)v;
  }
  if (rc == 0 && saddr__fam_rest(&k, &f, &fn))
    rc = read_hwaddr(c, f, fn, &ll);
  if (rc == 0)
    rc = saddr__fam_if_text(c, ifo, ifn, &ll.ifindex);
  return rc != 0 ? rc : build(c, &ll, out);
}

static void put_hwaddr(saddr__buf *b, const unsigned char *p, size_t n) {
  static const char hex[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    char two[2] = {hex[p[i] >> 4], hex[p[i] & 15]};
    if (i > 0)
      saddr__putc(b, ':');
    saddr__put(b, two, 2);
  }
}

static void compact(saddr__buf *b, const struct sockaddr_ll *ll, size_t halen) {
  saddr__puts(b, "packet@");
  saddr__fam_put_if(b, ll->sll_ifindex, SADDR_FORMAT_COMPACT);
  saddr__putc(b, ':');
  saddr__fam_put_hexw(b, ntohs(ll->sll_protocol), 4);
  if (ll->sll_pkttype != 0 || ll->sll_hatype != 0 || halen != 0)
    saddr__fam_put_field(b, ll->sll_pkttype);
  if (ll->sll_hatype != 0 || halen != 0)
    saddr__fam_put_field(b, ll->sll_hatype);
  if (halen != 0) {
    saddr__putc(b, ':');
    put_hwaddr(b, ll->sll_addr, halen);
  }
}

/* sll_halen is bounded by the struct (8) and by the bytes given: the
 * kernel reports 12 + halen, and a halen above 8 (InfiniBand's 20) must not
 * read past sll_addr. */
static int packet_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_ll ll;
  int rc = saddr__fam_load(in, &ll, sizeof ll, LL_HDR, "AF_PACKET");
  if (rc != 0)
    return rc;
  size_t halen = ll.sll_halen, avail = in->len - LL_HDR;
  if (halen > LL_ADDR)
    halen = LL_ADDR;
  if (halen > avail)
    halen = avail;
  if (style == SADDR_FORMAT_COMPACT) {
    compact(b, &ll, halen);
    return 0;
  }
  saddr__putc(b, '(');
  saddr__fam_put_if(b, ll.sll_ifindex, SADDR_FORMAT_TUPLE);
  saddr__fam_put_item(b, ntohs(ll.sll_protocol));
  saddr__fam_put_item(b, ll.sll_pkttype);
  saddr__fam_put_item(b, ll.sll_hatype);
  saddr__put(b, ", ", 2);
  saddr__put_pybytes(b, ll.sll_addr, halen);
  saddr__putc(b, ')');
  return 0;
}

const saddr__family saddr__family_packet = {.family  = AF_PACKET,
                                            .tuple   = packet_tuple,
                                            .compact = packet_compact,
                                            .format  = packet_format};
