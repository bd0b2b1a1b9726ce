/* AF_BLUETOOTH in CPython main's shapes: L2CAP (bdaddr, psm[, cid[,
 * bdaddr_type]]), RFCOMM (bdaddr, channel), HCI dev or (dev[, channel]),
 * SCO bdaddr; compact l2cap@, rfcomm@, hci@ and sco@. The protocol picks
 * the form. Addresses are strict XX:XX:XX:XX:XX:XX, stored reversed. */
#include "family/famutil.h"

#include <endian.h>

/* The kernel's sockaddrs (include/net/bluetooth/), defined here because
 * BlueZ's <bluetooth/bluetooth.h> may be absent. L2CAP's psm and cid are
 * little-endian in the ABI; HCI's fields are host order. */
typedef struct bt_bdaddr {
  uint8_t b[6];
} __attribute__((packed)) bt_bdaddr;

struct bt_l2 {
  sa_family_t family;
  uint16_t    psm; /* le16 */
  bt_bdaddr   bdaddr;
  uint16_t    cid; /* le16 */
  uint8_t     bdaddr_type;
};
struct bt_rc {
  sa_family_t family;
  bt_bdaddr   bdaddr;
  uint8_t     channel;
};
struct bt_hci {
  sa_family_t    family;
  unsigned short dev;
  unsigned short channel;
};
struct bt_sco {
  sa_family_t family;
  bt_bdaddr   bdaddr;
};
_Static_assert(sizeof(struct bt_l2) == 14, "sockaddr_l2 is 14 bytes");
_Static_assert(sizeof(struct bt_rc) == 10, "sockaddr_rc is 10 bytes");
_Static_assert(sizeof(struct bt_hci) == 6, "sockaddr_hci is 6 bytes");
_Static_assert(sizeof(struct bt_sco) == 8, "sockaddr_sco is 8 bytes");

#define BDADDR_TEXT 17 /* XX:XX:XX:XX:XX:XX */

static const char *const bdaddr_types[] = {"bredr", "le-public", "le-random"};
static const char *const hci_channels[] = {"raw", "user", "monitor", "control",
                                           "logging"};

/* ---- Addresses ---------------------------------------------------------- */

/* Strict text: six octets of two hex digits joined by ':'. Returns true
 * and fills out, or false with the index of the first offending byte (n
 * when the text stops short) in *bad. */
static bool bdaddr_parse(const char *s, size_t n, bt_bdaddr *out, size_t *bad) {
  for (size_t i = 0; i < BDADDR_TEXT; i++) {
    bool colon = i % 3 == 2;
    *bad       = i;
    if (i >= n ||
        (colon ? s[i] != ':' : saddr__hexval((unsigned char)s[i]) < 0))
      return false;
  }
  *bad = BDADDR_TEXT;
  if (n > BDADDR_TEXT)
    return false;
  for (int k = 0; k < 6; k++)
    out->b[5 - k] = (uint8_t)(saddr__hexval((unsigned char)s[3 * k]) << 4 |
                              saddr__hexval((unsigned char)s[3 * k + 1]));
  return true;
}

static int bdaddr_fail(const saddr__ctx *c, size_t off, size_t len) {
  return saddr__fail(c->err, SADDR_ESYNTAX, off, len,
                     "Bluetooth address must be six two-digit hex octets "
                     "joined by ':', such as 01:23:45:67:89:AB");
}

/* An address item: a str (bytes too where accept says so), or the names
 * BDADDR_ANY and BDADDR_LOCAL, which are strings in Python. */
static int bdaddr_item(const saddr__ctx *c, const saddr__item *it,
                       unsigned accept, bt_bdaddr *out) {
  char   text[64];
  size_t n = 0, bad;
  if (saddr__fam_is_name(c, it, "BDADDR_ANY") ||
      saddr__fam_is_name(c, it, "BDADDR_LOCAL")) {
    bool any = saddr__fam_is_name(c, it, "BDADDR_ANY");
    bdaddr_parse(any ? "00:00:00:00:00:00" : "00:00:00:FF:FF:FF", BDADDR_TEXT,
                 out, &bad);
    return 0;
  }
  int rc = saddr__item_text(c->s, it, accept, 0, "Bluetooth address",
                            (unsigned char *)text, sizeof text, &n, c->err);
  if (rc == SADDR_ETOOLONG)
    return bdaddr_fail(c, it->off, it->len);
  if (rc != 0)
    return rc;
  if (memchr(text, '\0', n) != NULL)
    return saddr__fail(c->err, SADDR_ENUL, it->off, it->len,
                       "NUL byte in a Bluetooth address");
  if (bdaddr_parse(text, n, out, &bad))
    return 0;
  if (it->raw || !it->escapes)
    return bdaddr_fail(c, it->body_off + bad, bad < n);
  return bdaddr_fail(c, it->off, it->len);
}

/* The address that starts compact text, and a cursor over the fields
 * after it (a ':' must separate them). */
static int addr_head(const saddr__ctx *c, size_t off, size_t n, bt_bdaddr *out,
                     saddr__fam_cur *k) {
  size_t m = n < BDADDR_TEXT ? n : BDADDR_TEXT, bad;
  *k       = saddr__fam_cursor(c, off + m, n - m);
  k->more  = false;
  if (!bdaddr_parse(c->s + off, m, out, &bad))
    return bdaddr_fail(c, off + bad, bad < m);
  /* cppcheck cannot see that a full address may end the text. */
  // cppcheck-suppress knownConditionTrueFalse
  if (m == n)
    return 0;
  if (c->s[off + m] != ':')
    return bdaddr_fail(c, off + m, 1);
  k->i++;
  k->more = true;
  return 0;
}

static void put_bdaddr(saddr__buf *b, const bt_bdaddr *a) {
  static const char hex[] = "0123456789ABCDEF";
  for (int k = 5; k >= 0; k--) {
    char two[2] = {hex[a->b[k] >> 4], hex[a->b[k] & 15]};
    saddr__put(b, two, 2);
    if (k > 0)
      saddr__putc(b, ':');
  }
}

/* ---- Builders ----------------------------------------------------------- */

static saddr_addr *start(const saddr__ctx *c, saddr_parsed *out, const void *sa,
                         size_t len) {
  saddr_addr *a = saddr__parsed_one(c, out, AF_BLUETOOTH);
  memcpy(a->sa.bytes, sa, len);
  a->len = (socklen_t)len;
  return a;
}

static int build_l2(const saddr__ctx *c, const bt_bdaddr *addr, uint16_t psm,
                    uint16_t cid, uint8_t type, saddr_parsed *out) {
  struct bt_l2 l2;
  memset(&l2, 0, sizeof l2);
  l2.family      = AF_BLUETOOTH;
  l2.psm         = htole16(psm);
  l2.bdaddr      = *addr;
  l2.cid         = htole16(cid);
  l2.bdaddr_type = type;
  start(c, out, &l2, sizeof l2);
  return 0;
}

static int build_rc(const saddr__ctx *c, const bt_bdaddr *addr, uint8_t channel,
                    saddr_parsed *out) {
  struct bt_rc rc;
  memset(&rc, 0, sizeof rc);
  rc.family  = AF_BLUETOOTH;
  rc.bdaddr  = *addr;
  rc.channel = channel;
  start(c, out, &rc, sizeof rc);
  return 0;
}

static int build_hci(const saddr__ctx *c, uint16_t dev, uint16_t channel,
                     saddr_parsed *out) {
  struct bt_hci h;
  memset(&h, 0, sizeof h);
  h.family  = AF_BLUETOOTH;
  h.dev     = dev;
  h.channel = channel;
  start(c, out, &h, sizeof h);
  return 0;
}

static int build_sco(const saddr__ctx *c, const bt_bdaddr *addr,
                     saddr_parsed *out) {
  struct bt_sco s;
  memset(&s, 0, sizeof s);
  s.family = AF_BLUETOOTH;
  s.bdaddr = *addr;
  start(c, out, &s, sizeof s);
  return 0;
}

static int bad_proto(const saddr__ctx *c) {
  return saddr__fail(c->err, SADDR_EINVAL, 0, 0,
                     "AF_BLUETOOTH protocol must be BTPROTO_L2CAP (0), "
                     "BTPROTO_HCI (1), BTPROTO_SCO (2) or BTPROTO_RFCOMM "
                     "(3), not %d",
                     c->protocol);
}

/* ---- Tuples ------------------------------------------------------------- */

static int l2_tuple(const saddr__ctx *c, const saddr__tuple *t,
                    saddr_parsed *out) {
  bt_bdaddr addr = {{0}};
  uint64_t  psm = 0, cid = 0, type = 0;
  int       rc = saddr__fam_shape(c, t, "BTPROTO_L2CAP", 2, 4,
                                  "(bdaddr, psm[, cid[, bdaddr_type]])");
  if (rc == 0)
    rc = bdaddr_item(c, &t->item[0], SADDR__ACCEPT_STR, &addr);
  if (rc == 0)
    rc = saddr__fam_uint(c, &t->item[1], UINT16_MAX, "psm", &psm);
  if (rc == 0 && t->n > 2)
    rc = saddr__fam_uint(c, &t->item[2], UINT16_MAX, "cid", &cid);
  if (rc == 0 && t->n > 3)
    rc = saddr__fam_uint(c, &t->item[3], UINT8_MAX, "bdaddr_type", &type);
  return rc != 0 ? rc
                 : build_l2(c, &addr, (uint16_t)psm, (uint16_t)cid,
                            (uint8_t)type, out);
}

static int rc_tuple(const saddr__ctx *c, const saddr__tuple *t,
                    saddr_parsed *out) {
  bt_bdaddr addr    = {{0}};
  uint64_t  channel = 0;
  int rc = saddr__fam_shape(c, t, "BTPROTO_RFCOMM", 2, 2, "(bdaddr, channel)");
  if (rc == 0)
    rc = bdaddr_item(c, &t->item[0], SADDR__ACCEPT_STR, &addr);
  if (rc == 0)
    rc = saddr__fam_uint(c, &t->item[1], UINT8_MAX, "channel", &channel);
  return rc != 0 ? rc : build_rc(c, &addr, (uint8_t)channel, out);
}

static int hci_tuple(const saddr__ctx *c, const saddr__tuple *t,
                     saddr_parsed *out) {
  uint64_t dev = 0, channel = 0;
  int      rc = t->is_tuple
                    ? saddr__fam_shape(c, t, "BTPROTO_HCI", 1, 2, "(dev[, channel])")
                    : 0;
  if (rc == 0)
    rc = saddr__fam_uint(c, &t->item[0], UINT16_MAX, "dev", &dev);
  if (rc == 0 && t->n > 1)
    rc = saddr__fam_uint(c, &t->item[1], UINT16_MAX, "channel", &channel);
  return rc != 0 ? rc : build_hci(c, (uint16_t)dev, (uint16_t)channel, out);
}

static int sco_tuple(const saddr__ctx *c, const saddr__tuple *t,
                     saddr_parsed *out) {
  bt_bdaddr addr = {{0}};
  if (t->is_tuple)
    return saddr__fail(c->err, SADDR_ETYPE, t->off, t->len,
                       "BTPROTO_SCO address must be a Bluetooth address "
                       "(str or bytes), not tuple");
  int rc = bdaddr_item(c, &t->item[0], SADDR__ACCEPT_STR | SADDR__ACCEPT_BYTES,
                       &addr);
  return rc != 0 ? rc : build_sco(c, &addr, out);
}

static int bt_tuple(const saddr__ctx *c, const saddr__tuple *t,
                    saddr_parsed *out) {
  switch (c->protocol) {
  case SADDR__BTPROTO_L2CAP:
    return l2_tuple(c, t, out);
  case SADDR__BTPROTO_RFCOMM:
    return rc_tuple(c, t, out);
  case SADDR__BTPROTO_HCI:
    return hci_tuple(c, t, out);
  case SADDR__BTPROTO_SCO:
    return sco_tuple(c, t, out);
  default:
    return bad_proto(c);
  }
}

/* ---- Compact text ------------------------------------------------------- */

/* A number, or a name from names (index = value). */
static int num_or_word(const saddr__ctx *c, size_t off, size_t n,
                       const char *const *names, int count, uint64_t max,
                       const char *what, uint64_t *v) {
  int k = saddr__fam_word(c->s + off, n, names, count);
  if (k >= 0) {
    *v = (uint64_t)k;
    return 0;
  }
  return saddr__fam_num(c, off, n, max, what, v);
}

/* l2cap@BDADDR:PSM[:CID[:TYPE]] */
static int l2_compact(const saddr__ctx *c, size_t off, size_t n,
                      saddr_parsed *out) {
  bt_bdaddr      addr = {{0}};
  saddr__fam_cur k;
  size_t         f, fn;
  uint64_t       psm = 0, cid = 0, type = 0;
  int            rc = addr_head(c, off, n, &addr, &k);
  if (rc == 0)
    rc = saddr__fam_need(c, &k, "a PSM after the address", &f, &fn);
  if (rc == 0)
    rc = saddr__fam_num(c, f, fn, UINT16_MAX, "PSM", &psm);
  if (rc == 0 && saddr__fam_field(&k, &f, &fn))
    rc = saddr__fam_num(c, f, fn, UINT16_MAX, "CID", &cid);
  if (rc == 0 && saddr__fam_field(&k, &f, &fn))
    rc = num_or_word(c, f, fn, bdaddr_types, 3, UINT8_MAX, "address type",
                     &type);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "l2cap@BDADDR:PSM[:CID[:TYPE]]");
  return rc != 0 ? rc
                 : build_l2(c, &addr, (uint16_t)psm, (uint16_t)cid,
                            (uint8_t)type, out);
}

/* rfcomm@BDADDR:CHANNEL */
static int rc_compact(const saddr__ctx *c, size_t off, size_t n,
                      saddr_parsed *out) {
  bt_bdaddr      addr = {{0}};
  saddr__fam_cur k;
  size_t         f, fn;
  uint64_t       channel = 0;
  int            rc      = addr_head(c, off, n, &addr, &k);
  if (rc == 0)
    rc = saddr__fam_need(c, &k, "a channel after the address", &f, &fn);
  if (rc == 0)
    rc = saddr__fam_num(c, f, fn, UINT8_MAX, "channel", &channel);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "rfcomm@BDADDR:CHANNEL");
  return rc != 0 ? rc : build_rc(c, &addr, (uint8_t)channel, out);
}

/* sco@BDADDR */
static int sco_compact(const saddr__ctx *c, size_t off, size_t n,
                       saddr_parsed *out) {
  bt_bdaddr      addr = {{0}};
  saddr__fam_cur k;
  int            rc = addr_head(c, off, n, &addr, &k);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "sco@BDADDR");
  return rc != 0 ? rc : build_sco(c, &addr, out);
}

/* hci@DEV[:CHANNEL] */
static int hci_compact(const saddr__ctx *c, size_t off, size_t n,
                       saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         f, fn;
  uint64_t       dev = 0, channel = 0;
  saddr__fam_field(&k, &f, &fn);
  int rc = saddr__fam_num(c, f, fn, UINT16_MAX, "HCI device", &dev);
  if (rc == 0 && saddr__fam_field(&k, &f, &fn))
    rc = num_or_word(c, f, fn, hci_channels, 5, UINT16_MAX, "HCI channel",
                     &channel);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "hci@DEV[:CHANNEL]");
  return rc != 0 ? rc : build_hci(c, (uint16_t)dev, (uint16_t)channel, out);
}

static int bt_compact(const saddr__ctx *c, size_t off, size_t n,
                      saddr_parsed *out) {
  switch (c->protocol) {
  case SADDR__BTPROTO_L2CAP:
    return l2_compact(c, off, n, out);
  case SADDR__BTPROTO_RFCOMM:
    return rc_compact(c, off, n, out);
  case SADDR__BTPROTO_HCI:
    return hci_compact(c, off, n, out);
  case SADDR__BTPROTO_SCO:
    return sco_compact(c, off, n, out);
  default:
    return bad_proto(c);
  }
}

/* ---- Formatting --------------------------------------------------------- */

static void put_word(saddr__buf *b, uint64_t v, const char *const *names,
                     uint64_t count) {
  if (v < count)
    saddr__puts(b, names[v]);
  else
    saddr__put_u64(b, v);
}

/* main's repr: (addr, psm), (addr, psm, cid) when cid != 0, and all four
 * when the address type is not BR/EDR. */
static void format_l2(const struct bt_l2 *l2, int style, saddr__buf *b) {
  uint16_t psm = le16toh(l2->psm), cid = le16toh(l2->cid);
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__puts(b, "('");
    put_bdaddr(b, &l2->bdaddr);
    saddr__putc(b, '\'');
    saddr__fam_put_item(b, psm);
    if (cid != 0 || l2->bdaddr_type != 0)
      saddr__fam_put_item(b, cid);
    if (l2->bdaddr_type != 0)
      saddr__fam_put_item(b, l2->bdaddr_type);
    saddr__putc(b, ')');
    return;
  }
  saddr__puts(b, "l2cap@");
  put_bdaddr(b, &l2->bdaddr);
  saddr__putc(b, ':');
  saddr__fam_put_hexw(b, psm, 4);
  if (cid != 0 || l2->bdaddr_type != 0)
    saddr__fam_put_field(b, cid);
  if (l2->bdaddr_type != 0) {
    saddr__putc(b, ':');
    put_word(b, l2->bdaddr_type, bdaddr_types, 3);
  }
}

static void format_rc(const struct bt_rc *rc, int style, saddr__buf *b) {
  saddr__puts(b, style == SADDR_FORMAT_TUPLE ? "('" : "rfcomm@");
  put_bdaddr(b, &rc->bdaddr);
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__putc(b, '\'');
    saddr__fam_put_item(b, rc->channel);
    saddr__putc(b, ')');
  } else {
    saddr__fam_put_field(b, rc->channel);
  }
}

/* main's repr: dev alone on the raw channel, else (dev, channel). */
static void format_hci(const struct bt_hci *h, int style, saddr__buf *b) {
  if (style == SADDR_FORMAT_COMPACT) {
    saddr__puts(b, "hci@");
    saddr__put_u64(b, h->dev);
    if (h->channel != 0) {
      saddr__putc(b, ':');
      put_word(b, h->channel, hci_channels, 5);
    }
  } else if (h->channel == 0) {
    saddr__put_u64(b, h->dev);
  } else {
    saddr__putc(b, '(');
    saddr__put_u64(b, h->dev);
    saddr__fam_put_item(b, h->channel);
    saddr__putc(b, ')');
  }
}

static void format_sco(const struct bt_sco *s, int style, saddr__buf *b) {
  saddr__puts(b, style == SADDR_FORMAT_TUPLE ? "'" : "sco@");
  put_bdaddr(b, &s->bdaddr);
  if (style == SADDR_FORMAT_TUPLE)
    saddr__putc(b, '\'');
}

/* Each form needs the bytes up to its last field; the trailing padding of
 * L2CAP and RFCOMM may be missing. */
static int bt_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  union {
    struct bt_l2  l2;
    struct bt_rc  rc;
    struct bt_hci hci;
    struct bt_sco sco;
  } u;
  int rc;
  switch (in->protocol) {
  case SADDR__BTPROTO_L2CAP:
    if ((rc = saddr__fam_load(in, &u, sizeof u.l2, 13, "BTPROTO_L2CAP")) == 0)
      format_l2(&u.l2, style, b);
    return rc;
  case SADDR__BTPROTO_RFCOMM:
    if ((rc = saddr__fam_load(in, &u, sizeof u.rc, 9, "BTPROTO_RFCOMM")) == 0)
      format_rc(&u.rc, style, b);
    return rc;
  case SADDR__BTPROTO_HCI:
    if ((rc = saddr__fam_load(in, &u, sizeof u.hci, 6, "BTPROTO_HCI")) == 0)
      format_hci(&u.hci, style, b);
    return rc;
  case SADDR__BTPROTO_SCO:
    if ((rc = saddr__fam_load(in, &u, sizeof u.sco, 8, "BTPROTO_SCO")) == 0)
      format_sco(&u.sco, style, b);
    return rc;
  default:
    return saddr__fail(in->err, SADDR_EINVAL, 0, 0,
                       "AF_BLUETOOTH protocol %d is not BTPROTO_L2CAP, "
                       "BTPROTO_HCI, BTPROTO_SCO or BTPROTO_RFCOMM",
                       in->protocol);
  }
}

const saddr__family saddr__family_bluetooth = {.family  = AF_BLUETOOTH,
                                               .tuple   = bt_tuple,
                                               .compact = bt_compact,
                                               .format  = bt_format};
