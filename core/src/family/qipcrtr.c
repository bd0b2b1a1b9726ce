/* AF_QIPCRTR: (node, port) tuples and qipcrtr@NODE:PORT. */
#include "family/famutil.h"

#include <linux/qrtr.h>

static int build(const saddr__ctx *c, uint32_t node, uint32_t port,
                 saddr_parsed *out) {
  struct sockaddr_qrtr sq;
  memset(&sq, 0, sizeof sq);
  sq.sq_family  = AF_QIPCRTR;
  sq.sq_node    = node;
  sq.sq_port    = port;
  saddr_addr *a = saddr__parsed_one(c, out, AF_QIPCRTR);
  memcpy(a->sa.bytes, &sq, sizeof sq);
  a->len = sizeof sq;
  return 0;
}

static int qrtr_tuple(const saddr__ctx *c, const saddr__tuple *t,
                      saddr_parsed *out) {
  uint32_t node = 0, port = 0;
  int      rc = saddr__fam_shape(c, t, "AF_QIPCRTR", 2, 2, "(node, port)");
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[0], "node", &node);
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[1], "port", &port);
  return rc != 0 ? rc : build(c, node, port, out);
}

static int qrtr_compact(const saddr__ctx *c, size_t off, size_t n,
                        saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         f, fn;
  uint64_t       node = 0, port = 0;
  saddr__fam_field(&k, &f, &fn);
  int rc = saddr__fam_num(c, f, fn, UINT32_MAX, "node", &node);
  if (rc == 0)
    rc = saddr__fam_need(c, &k, "a port after the node", &f, &fn);
  if (rc == 0)
    rc = saddr__fam_num(c, f, fn, UINT32_MAX, "port", &port);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "qipcrtr@NODE:PORT");
  return rc != 0 ? rc : build(c, (uint32_t)node, (uint32_t)port, out);
}

static int qrtr_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_qrtr sq;
  int rc = saddr__fam_load(in, &sq, sizeof sq, sizeof sq, "AF_QIPCRTR");
  if (rc != 0)
    return rc;
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__putc(b, '(');
    saddr__put_u64(b, sq.sq_node);
    saddr__fam_put_item(b, sq.sq_port);
    saddr__putc(b, ')');
  } else {
    saddr__puts(b, "qipcrtr@");
    saddr__put_u64(b, sq.sq_node);
    saddr__fam_put_field(b, sq.sq_port);
  }
  return 0;
}

const saddr__family saddr__family_qipcrtr = {.family  = AF_QIPCRTR,
                                             .tuple   = qrtr_tuple,
                                             .compact = qrtr_compact,
                                             .format  = qrtr_format};
