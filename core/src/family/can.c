/* AF_CAN: CAN_RAW and CAN_BCM (ifname,), CAN_ISOTP (ifname, rx_id, tx_id),
 * CAN_J1939 (ifname, name, pgn, addr); compact can@IFNAME, bcm@IFNAME,
 * isotp@IFNAME:RX:TX and j1939@IFNAME:NAME:PGN:ADDR. The protocol picks the
 * form; protocol 0 reads and is stamped as CAN_RAW. '' (compact: nothing) is
 * ifindex 0. */
#include "family/famutil.h"

#include <linux/can.h>

typedef struct can_fields {
  int      ifindex;
  uint32_t rx, tx, pgn;
  uint64_t name;
  uint8_t  addr;
} can_fields;

static int build(const saddr__ctx *c, const can_fields *f, saddr_parsed *out) {
  struct sockaddr_can can;
  memset(&can, 0, sizeof can);
  can.can_family  = AF_CAN;
  can.can_ifindex = f->ifindex;
  if (c->protocol == CAN_ISOTP) {
    can.can_addr.tp.rx_id = f->rx;
    can.can_addr.tp.tx_id = f->tx;
  } else if (c->protocol == CAN_J1939) {
    can.can_addr.j1939.name = f->name;
    can.can_addr.j1939.pgn  = f->pgn;
    can.can_addr.j1939.addr = f->addr;
  }
  saddr_addr *a = saddr__parsed_one(c, out, AF_CAN);
  memcpy(a->sa.bytes, &can, sizeof can);
  a->len = sizeof can;
  /* There is no CAN protocol 0: the (ifname,) form is CAN_RAW's. */
  if (a->protocol == 0)
    a->protocol = CAN_RAW;
  return 0;
}

static int bad_proto(const saddr__ctx *c) {
  return saddr__fail(c->err, SADDR_EINVAL, 0, 0,
                     "AF_CAN protocol must be CAN_RAW (1), CAN_BCM (2), "
                     "CAN_ISOTP (6) or CAN_J1939 (7), not %d",
                     c->protocol);
}

/* The items after the interface, by protocol. */
static int tuple_ids(const saddr__ctx *c, const saddr__tuple *t,
                     can_fields *f) {
  uint64_t v = 0;
  int      rc;
  if (c->protocol == CAN_ISOTP) {
    rc = saddr__fam_u32(c, &t->item[1], "rx_id", &f->rx);
    return rc != 0 ? rc : saddr__fam_u32(c, &t->item[2], "tx_id", &f->tx);
  }
  rc = saddr__fam_uint(c, &t->item[1], UINT64_MAX, "name", &f->name);
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[2], "pgn", &f->pgn);
  if (rc == 0)
    rc = saddr__fam_uint(c, &t->item[3], UINT8_MAX, "addr", &v);
  f->addr = (uint8_t)v;
  return rc;
}

static int can_tuple(const saddr__ctx *c, const saddr__tuple *t,
                     saddr_parsed *out) {
  can_fields f;
  int        rc;
  memset(&f, 0, sizeof f);
  if (c->protocol == CAN_ISOTP)
    rc = saddr__fam_shape(c, t, "CAN_ISOTP", 3, 3, "(ifname, rx_id, tx_id)");
  else if (c->protocol == CAN_J1939)
    rc = saddr__fam_shape(c, t, "CAN_J1939", 4, 4, "(ifname, name, pgn, addr)");
  else if (c->protocol == 0 || c->protocol == CAN_RAW || c->protocol == CAN_BCM)
    rc = saddr__fam_shape(c, t, "AF_CAN", 1, 1, "(ifname,)");
  else
    return bad_proto(c);
  if (rc == 0 && t->n > 1)
    rc = tuple_ids(c, t, &f);
  if (rc == 0)
    rc = saddr__fam_if_item(c, &t->item[0],
                            SADDR__ACCEPT_STR | SADDR__ACCEPT_BYTES,
                            SADDR__ESC_SURROGATE, &f.ifindex);
  return rc != 0 ? rc : build(c, &f, out);
}

static int compact_ids(const saddr__ctx *c, saddr__fam_cur *k, can_fields *f) {
  size_t   o, n;
  uint64_t v = 0;
  int      rc;
  if (c->protocol == CAN_ISOTP) {
    rc = saddr__fam_need(c, k, "an rx id after the interface", &o, &n);
    if (rc == 0 && (rc = saddr__fam_num(c, o, n, UINT32_MAX, "rx id", &v)) == 0)
      f->rx = (uint32_t)v;
    if (rc == 0)
      rc = saddr__fam_need(c, k, "a tx id after the rx id", &o, &n);
    if (rc == 0 && (rc = saddr__fam_num(c, o, n, UINT32_MAX, "tx id", &v)) == 0)
      f->tx = (uint32_t)v;
    return rc;
  }
  rc = saddr__fam_need(c, k, "a J1939 name after the interface", &o, &n);
  if (rc == 0)
    rc = saddr__fam_num(c, o, n, UINT64_MAX, "J1939 name", &f->name);
  if (rc == 0)
    rc = saddr__fam_need(c, k, "a PGN after the name", &o, &n);
  if (rc == 0 && (rc = saddr__fam_num(c, o, n, UINT32_MAX, "PGN", &v)) == 0)
    f->pgn = (uint32_t)v;
  if (rc == 0)
    rc = saddr__fam_need(c, k, "an address after the PGN", &o, &n);
  if (rc == 0 &&
      (rc = saddr__fam_num(c, o, n, UINT8_MAX, "J1939 address", &v)) == 0)
    f->addr = (uint8_t)v;
  return rc;
}

static int can_compact(const saddr__ctx *c, size_t off, size_t n,
                       saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         ifo, ifn;
  can_fields     f;
  int            rc = 0;
  memset(&f, 0, sizeof f);
  bool ids = c->protocol == CAN_ISOTP || c->protocol == CAN_J1939;
  if (!ids && c->protocol != 0 && c->protocol != CAN_RAW &&
      c->protocol != CAN_BCM)
    return bad_proto(c);
  saddr__fam_field(&k, &ifo, &ifn);
  if (ids)
    rc = compact_ids(c, &k, &f);
  if (rc == 0)
    rc = saddr__fam_done(c, &k,
                         c->protocol == CAN_ISOTP ? "isotp@IFNAME:RX:TX"
                         : c->protocol == CAN_J1939
                             ? "j1939@IFNAME:NAME:PGN:ADDR"
                             : "can@IFNAME");
  if (rc == 0)
    rc = saddr__fam_if_text(c, ifo, ifn, &f.ifindex);
  return rc != 0 ? rc : build(c, &f, out);
}

static void format_tuple(const struct sockaddr_can *can, int proto,
                         saddr__buf *b) {
  saddr__putc(b, '(');
  saddr__fam_put_if(b, can->can_ifindex, SADDR_FORMAT_TUPLE);
  if (proto == CAN_ISOTP) {
    saddr__fam_put_item(b, can->can_addr.tp.rx_id);
    saddr__fam_put_item(b, can->can_addr.tp.tx_id);
  } else if (proto == CAN_J1939) {
    saddr__fam_put_item(b, can->can_addr.j1939.name);
    saddr__fam_put_item(b, can->can_addr.j1939.pgn);
    saddr__fam_put_item(b, can->can_addr.j1939.addr);
  } else {
    saddr__putc(b, ',');
  }
  saddr__putc(b, ')');
}

static void format_compact(const struct sockaddr_can *can, int proto,
                           saddr__buf *b) {
  saddr__puts(b, proto == CAN_ISOTP   ? "isotp@"
                 : proto == CAN_J1939 ? "j1939@"
                 : proto == CAN_BCM   ? "bcm@"
                                      : "can@");
  saddr__fam_put_if(b, can->can_ifindex, SADDR_FORMAT_COMPACT);
  if (proto == CAN_ISOTP) {
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, can->can_addr.tp.rx_id, 1);
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, can->can_addr.tp.tx_id, 1);
  } else if (proto == CAN_J1939) {
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, can->can_addr.j1939.name, 1);
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, can->can_addr.j1939.pgn, 1);
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, can->can_addr.j1939.addr, 2);
  }
}

/* The bytes needed are those of the protocol's last field. */
static int can_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_can can;
  int                 proto = in->protocol;
  size_t              need  = offsetof(struct sockaddr_can, can_addr);
  if (proto == CAN_ISOTP)
    need += sizeof can.can_addr.tp;
  else if (proto == CAN_J1939)
    need = offsetof(struct sockaddr_can, can_addr.j1939.addr) + 1;
  else if (proto != 0 && proto != CAN_RAW && proto != CAN_BCM)
    return saddr__fail(in->err, SADDR_EINVAL, 0, 0,
                       "AF_CAN protocol %d is not CAN_RAW, CAN_BCM, "
                       "CAN_ISOTP or CAN_J1939",
                       proto);
  int rc = saddr__fam_load(in, &can, sizeof can, need, "AF_CAN");
  if (rc != 0)
    return rc;
  if (style == SADDR_FORMAT_TUPLE)
    format_tuple(&can, proto, b);
  else
    format_compact(&can, proto, b);
  return 0;
}

const saddr__family saddr__family_can = {.family  = AF_CAN,
                                         .tuple   = can_tuple,
                                         .compact = can_compact,
                                         .format  = can_format};
