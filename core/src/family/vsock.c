/* AF_VSOCK: (cid, port) tuples, and vsock:CID:PORT / vsock@CID:PORT with
 * the named CIDs (systemd's spelling: an empty CID is VMADDR_CID_ANY). */
#include "family/famutil.h"

#include <linux/vm_sockets.h>

/* Index = the CID; "any" is VMADDR_CID_ANY. */
static const char *const cid_names[] = {"hypervisor", "local", "host"};

static int build(const saddr__ctx *c, uint32_t cid, uint32_t port,
                 saddr_parsed *out) {
  struct sockaddr_vm vm;
  memset(&vm, 0, sizeof vm);
  vm.svm_family = AF_VSOCK;
  vm.svm_cid    = cid;
  vm.svm_port   = port;
  saddr_addr *a = saddr__parsed_one(c, out, AF_VSOCK);
  memcpy(a->sa.bytes, &vm, sizeof vm);
  a->len = sizeof vm;
  return 0;
}

static int vsock_tuple(const saddr__ctx *c, const saddr__tuple *t,
                       saddr_parsed *out) {
  uint32_t cid = 0, port = 0;
  int      rc = saddr__fam_shape(c, t, "AF_VSOCK", 2, 2, "(cid, port)");
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[0], "cid", &cid);
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[1], "port", &port);
  return rc != 0 ? rc : build(c, cid, port, out);
}

static int read_cid(const saddr__ctx *c, size_t off, size_t n, uint32_t *cid) {
  uint64_t v = 0;
  int      k = saddr__fam_word(c->s + off, n, cid_names, 3);
  if (n == 0 || (n == 3 && memcmp(c->s + off, "any", 3) == 0)) {
    *cid = VMADDR_CID_ANY;
    return 0;
  }
  if (k >= 0) {
    *cid = (uint32_t)k;
    return 0;
  }
  if (c->s[off] < '0' || c->s[off] > '9')
    return saddr__fail(c->err, SADDR_ESYNTAX, off, n,
                       "CID must be a number, any, hypervisor, local or "
                       "host");
  int rc = saddr__fam_num(c, off, n, UINT32_MAX, "CID", &v);
  *cid   = (uint32_t)v;
  return rc;
}

static int vsock_compact(const saddr__ctx *c, size_t off, size_t n,
                         saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         f, fn;
  uint32_t       cid  = 0;
  uint64_t       port = 0;
  saddr__fam_field(&k, &f, &fn);
  int rc = read_cid(c, f, fn, &cid);
  if (rc == 0)
    rc = saddr__fam_need(c, &k, "a port after the CID", &f, &fn);
  if (rc == 0)
    rc = saddr__fam_num(c, f, fn, UINT32_MAX, "port", &port);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "vsock:CID:PORT");
  return rc != 0 ? rc : build(c, cid, (uint32_t)port, out);
}

static int vsock_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_vm vm;
  int rc = saddr__fam_load(in, &vm, sizeof vm, sizeof vm, "AF_VSOCK");
  if (rc != 0)
    return rc;
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__putc(b, '(');
    saddr__put_u64(b, vm.svm_cid);
    saddr__fam_put_item(b, vm.svm_port);
    saddr__putc(b, ')');
    return 0;
  }
  saddr__puts(b, "vsock:");
  if (vm.svm_cid == VMADDR_CID_ANY)
    saddr__puts(b, "any");
  else
    saddr__put_u64(b, vm.svm_cid);
  saddr__fam_put_field(b, vm.svm_port);
  return 0;
}

const saddr__family saddr__family_vsock = {.family  = AF_VSOCK,
                                           .tuple   = vsock_tuple,
                                           .compact = vsock_compact,
                                           .format  = vsock_format};
