/* AF_TIPC: (addr_type, v1, v2, v3[, scope]) tuples, and compact
 * tipc@nameseq:TYPE:LOWER:UPPER[:SCOPE], tipc@name:TYPE:INSTANCE[:SCOPE],
 * tipc@id:NODE:REF[:SCOPE]. */
#include "family/famutil.h"

#include <linux/tipc.h>

/* Index = TIPC_ADDR_*. */
static const char *const kinds[] = {NULL, "nameseq", "name", "id"};
/* Index = TIPC_*_SCOPE. */
static const char *const scopes[] = {NULL, "zone", "cluster", "node"};

typedef struct tipc_fields {
  unsigned kind;
  uint32_t v[3];
  int      scope;
} tipc_fields;

static int build(const saddr__ctx *c, const tipc_fields *f, saddr_parsed *out) {
  struct sockaddr_tipc t;
  memset(&t, 0, sizeof t);
  t.family   = AF_TIPC;
  t.addrtype = (unsigned char)f->kind;
  t.scope    = (signed char)f->scope;
  if (f->kind == TIPC_ADDR_NAMESEQ) {
    t.addr.nameseq.type  = f->v[0];
    t.addr.nameseq.lower = f->v[1];
    t.addr.nameseq.upper = f->v[2];
  } else if (f->kind == TIPC_ADDR_NAME) {
    t.addr.name.name.type     = f->v[0];
    t.addr.name.name.instance = f->v[1];
  } else {
    t.addr.id.node = f->v[0];
    t.addr.id.ref  = f->v[1];
  }
  saddr_addr *a = saddr__parsed_one(c, out, AF_TIPC);
  memcpy(a->sa.bytes, &t, sizeof t);
  a->len = sizeof t;
  return 0;
}

/* Scope 1-3 (zone, cluster, node); a socket id (TIPC_ADDR_ID), whose scope
 * the kernel ignores and reports as 0, may also have 0. */
static int check_scope(const saddr__ctx *c, const tipc_fields *f, size_t off,
                       size_t n, uint64_t v) {
  uint64_t min = f->kind == TIPC_ADDR_ID ? 0 : 1;
  if (v >= min && v <= 3)
    return 0;
  return saddr__fail(c->err, SADDR_ERANGE, off, n,
                     "scope must be %llu-3 (TIPC_ZONE_SCOPE 1, "
                     "TIPC_CLUSTER_SCOPE 2, TIPC_NODE_SCOPE 3)",
                     (unsigned long long)min);
}

static int check_kind(const saddr__ctx *c, size_t off, size_t n, uint64_t v) {
  if (v >= 1 && v <= 3)
    return 0;
  return saddr__fail(c->err, SADDR_ERANGE, off, n,
                     "addr_type must be TIPC_ADDR_NAMESEQ (1), TIPC_ADDR_NAME "
                     "(2) or TIPC_ADDR_ID (3)");
}

static int tipc_tuple(const saddr__ctx *c, const saddr__tuple *t,
                      saddr_parsed *out) {
  tipc_fields              f      = {0, {0, 0, 0}, TIPC_CLUSTER_SCOPE};
  uint64_t                 v      = 0;
  static const char *const what[] = {"v1", "v2", "v3"};
  int                      rc     = saddr__fam_shape(c, t, "AF_TIPC", 4, 5,
                                                     "(addr_type, v1, v2, v3[, scope])");
  if (rc == 0)
    rc = saddr__fam_uint(c, &t->item[0], UINT32_MAX, "addr_type", &v);
  if (rc == 0)
    rc = check_kind(c, t->item[0].off, t->item[0].len, v);
  f.kind = (unsigned)v;
  for (int i = 0; rc == 0 && i < 3; i++)
    rc = saddr__fam_u32(c, &t->item[1 + i], what[i], &f.v[i]);
  if (rc == 0 && t->n > 4)
    rc = saddr__fam_uint(c, &t->item[4], UINT32_MAX, "scope", &v);
  if (rc == 0 && t->n > 4)
    rc = check_scope(c, &f, t->item[4].off, t->item[4].len, v);
  if (t->n > 4)
    f.scope = (int)v;
  return rc != 0 ? rc : build(c, &f, out);
}

static int tipc_compact(const saddr__ctx *c, size_t off, size_t n,
                        saddr_parsed *out) {
  static const char *const what[] = {
      "type", "lower", "upper", "type", "instance", NULL, "node", "ref", NULL};
  tipc_fields    f = {0, {0, 0, 0}, TIPC_CLUSTER_SCOPE};
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         o, fn;
  uint64_t       v = 0;
  saddr__fam_field(&k, &o, &fn);
  int kind = saddr__fam_word(c->s + o, fn, kinds, 4);
  if (kind <= 0)
    return saddr__fail(c->err, SADDR_ESYNTAX, o, fn,
                       "expected nameseq, name or id after tipc@");
  f.kind                = (unsigned)kind;
  int                rc = 0;
  const char *const *w  = what + 3 * (kind - 1);
  for (int i = 0; rc == 0 && i < 3 && w[i] != NULL; i++) {
    rc = saddr__fam_need(c, &k, w[i], &o, &fn);
    if (rc == 0)
      rc = saddr__fam_num(c, o, fn, UINT32_MAX, w[i], &v);
    f.v[i] = (uint32_t)v;
  }
  if (rc == 0 && saddr__fam_field(&k, &o, &fn)) {
    int s = saddr__fam_word(c->s + o, fn, scopes, 4);
    rc    = s >= 0 ? 0 : saddr__fam_num(c, o, fn, UINT32_MAX, "scope", &v);
    v     = s >= 0 ? (uint64_t)s : v;
    if (rc == 0)
      rc = check_scope(c, &f, o, fn, v);
    f.scope = (int)v;
  }
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "tipc@KIND:...[:SCOPE]");
  return rc != 0 ? rc : build(c, &f, out);
}

/* CPython prints five values for every kind: the instance twice for a
 * name, 0 as the third value of an id, and the signed scope byte as an
 * unsigned int. */
static int tipc_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_tipc t;
  int rc = saddr__fam_load(in, &t, sizeof t, sizeof t, "AF_TIPC");
  if (rc != 0)
    return rc;
  uint32_t v[3] = {t.addr.nameseq.type, t.addr.nameseq.lower,
                   t.addr.nameseq.upper};
  if (t.addrtype == TIPC_ADDR_NAME)
    v[2] = v[1];
  else if (t.addrtype == TIPC_ADDR_ID)
    v[0] = t.addr.id.node, v[1] = t.addr.id.ref, v[2] = 0;
  else if (t.addrtype != TIPC_ADDR_NAMESEQ)
    return saddr__fail(in->err, SADDR_EINVAL, 2, 1,
                       "TIPC address type %u is not TIPC_ADDR_NAMESEQ, "
                       "TIPC_ADDR_NAME or TIPC_ADDR_ID",
                       t.addrtype);
  /* The kernel's scope field is a signed char; print it as CPython does. */
  int32_t scope =
      (int32_t)(signed char)t.scope; // NOLINT(bugprone-signed-char-misuse)
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__putc(b, '(');
    saddr__put_u64(b, t.addrtype);
    for (int i = 0; i < 3; i++)
      saddr__fam_put_item(b, v[i]);
    saddr__fam_put_item(b, (uint32_t)scope);
    saddr__putc(b, ')');
    return 0;
  }
  saddr__puts(b, "tipc@");
  saddr__puts(b, kinds[t.addrtype]);
  for (int i = 0; i < (t.addrtype == TIPC_ADDR_NAMESEQ ? 3 : 2); i++)
    saddr__fam_put_field(b, v[i]);
  /* A scope the parser refuses prints as the tuple does, and reads back
   * as "out of range". */
  if (scope >= 1 && scope <= 3 && scope != TIPC_CLUSTER_SCOPE) {
    saddr__putc(b, ':');
    saddr__puts(b, scopes[scope]);
  } else if (scope != TIPC_CLUSTER_SCOPE) {
    saddr__fam_put_field(b, (uint32_t)scope);
  }
  return 0;
}

const saddr__family saddr__family_tipc = {.family  = AF_TIPC,
                                          .tuple   = tipc_tuple,
                                          .compact = tipc_compact,
                                          .format  = tipc_format};
