/* AF_ALG: (type, name[, feat[, mask]]) tuples with 32-bit feat and mask,
 * and alg@TYPE:NAME[:FEAT[:MASK]] (TYPE and NAME escaped as @names are). */
#include "family/famutil.h"

#include <linux/if_alg.h>

#define ALG_TYPE sizeof(((struct sockaddr_alg *)0)->salg_type)
#define ALG_NAME sizeof(((struct sockaddr_alg *)0)->salg_name)

typedef struct alg_fields {
  unsigned char type[ALG_TYPE], name[ALG_NAME];
  size_t        ntype, nname;
  uint32_t      feat, mask;
} alg_fields;

static int build(const saddr__ctx *c, const alg_fields *f, saddr_parsed *out) {
  struct sockaddr_alg sa;
  memset(&sa, 0, sizeof sa);
  sa.salg_family = AF_ALG;
  memcpy(sa.salg_type, f->type, f->ntype);
  memcpy(sa.salg_name, f->name, f->nname);
  sa.salg_feat  = f->feat;
  sa.salg_mask  = f->mask;
  saddr_addr *a = saddr__parsed_one(c, out, AF_ALG);
  memcpy(a->sa.bytes, &sa, sizeof sa);
  a->len = sizeof sa;
  return 0;
}

/* The fields must be NUL-terminated in the struct: one byte stays free. */
static int check_text(const saddr__ctx *c, const unsigned char *p, size_t n,
                      size_t off, size_t len, const char *what) {
  if (memchr(p, '\0', n) == NULL)
    return 0;
  return saddr__fail(c->err, SADDR_ENUL, off, len, "NUL byte in the %s", what);
}

static int tuple_text(const saddr__ctx *c, const saddr__item *it,
                      const char *what, unsigned char *out, size_t cap,
                      size_t *n) {
  int rc = saddr__item_text(c->s, it, SADDR__ACCEPT_STR, SADDR__ESC_SURROGATE,
                            what, out, cap, n, c->err);
  return rc != 0 ? rc : check_text(c, out, *n, it->off, it->len, what);
}

static int alg_tuple(const saddr__ctx *c, const saddr__tuple *t,
                     saddr_parsed *out) {
  alg_fields f;
  memset(&f, 0, sizeof f);
  int rc =
      saddr__fam_shape(c, t, "AF_ALG", 2, 4, "(type, name[, feat[, mask]])");
  if (rc == 0)
    rc = tuple_text(c, &t->item[0], "AF_ALG type", f.type, ALG_TYPE - 1,
                    &f.ntype);
  if (rc == 0)
    rc = tuple_text(c, &t->item[1], "AF_ALG name", f.name, ALG_NAME - 1,
                    &f.nname);
  if (rc == 0 && t->n > 2)
    rc = saddr__fam_u32(c, &t->item[2], "feat", &f.feat);
  if (rc == 0 && t->n > 3)
    rc = saddr__fam_u32(c, &t->item[3], "mask", &f.mask);
  return rc != 0 ? rc : build(c, &f, out);
}

static int compact_text(const saddr__ctx *c, size_t off, size_t n,
                        const char *what, unsigned char *out, size_t cap,
                        size_t *len) {
  int rc = saddr__fam_unescape(c, off, n, out, cap, len);
  if (rc == SADDR_ETOOLONG)
    return saddr__fail(c->err, SADDR_ETOOLONG, off, n,
                       "%s is %zu bytes, at most %zu allowed", what, *len, cap);
  return rc != 0 ? rc : check_text(c, out, *len, off, n, what);
}

static int alg_compact(const saddr__ctx *c, size_t off, size_t n,
                       saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         o, fn;
  uint64_t       v = 0;
  alg_fields     f;
  memset(&f, 0, sizeof f);
  saddr__fam_field(&k, &o, &fn);
  int rc =
      compact_text(c, o, fn, "AF_ALG type", f.type, ALG_TYPE - 1, &f.ntype);
  if (rc == 0)
    rc = saddr__fam_need(c, &k, "an algorithm name after the type", &o, &fn);
  if (rc == 0)
    rc = compact_text(c, o, fn, "AF_ALG name", f.name, ALG_NAME - 1, &f.nname);
  if (rc == 0 && saddr__fam_field(&k, &o, &fn) &&
      (rc = saddr__fam_num(c, o, fn, UINT32_MAX, "feat", &v)) == 0)
    f.feat = (uint32_t)v;
  if (rc == 0 && saddr__fam_field(&k, &o, &fn) &&
      (rc = saddr__fam_num(c, o, fn, UINT32_MAX, "mask", &v)) == 0)
    f.mask = (uint32_t)v;
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "alg@TYPE:NAME[:FEAT[:MASK]]");
  return rc != 0 ? rc : build(c, &f, out);
}

/* The text fields are read up to their first NUL, never past the field. */
static int alg_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_alg sa;
  int rc = saddr__fam_load(in, &sa, sizeof sa, sizeof sa, "AF_ALG");
  if (rc != 0)
    return rc;
  size_t nt = strnlen((const char *)sa.salg_type, ALG_TYPE);
  size_t nn = strnlen((const char *)sa.salg_name, ALG_NAME);
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__putc(b, '(');
    saddr__put_pystr(b, sa.salg_type, nt);
    saddr__put(b, ", ", 2);
    saddr__put_pystr(b, sa.salg_name, nn);
    saddr__fam_put_item(b, sa.salg_feat);
    saddr__fam_put_item(b, sa.salg_mask);
    saddr__putc(b, ')');
    return 0;
  }
  saddr__puts(b, "alg@");
  saddr__put_cescaped(b, sa.salg_type, nt, ":");
  saddr__putc(b, ':');
  saddr__put_cescaped(b, sa.salg_name, nn, ":");
  if (sa.salg_feat != 0 || sa.salg_mask != 0) {
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, sa.salg_feat, 1);
    saddr__putc(b, ':');
    saddr__fam_put_hexw(b, sa.salg_mask, 1);
  }
  return 0;
}

const saddr__family saddr__family_alg = {.family  = AF_ALG,
                                         .tuple   = alg_tuple,
                                         .compact = alg_compact,
                                         .format  = alg_format};
