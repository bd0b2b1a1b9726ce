/* The hosts-file reader: `ADDRESS NAME [ALIAS...]` lines parsed into a
 * snapshot sorted by name, so that a lookup is one binary search. */
#include "local/local.h"

#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 253

typedef struct hosts_addr {
  unsigned char is6;
  unsigned char b[16];
} hosts_addr;

/* One (name, address) pair; name is an offset into the names buffer. */
typedef struct hosts_rec {
  uint32_t name;
  uint32_t addr;
  uint8_t  len;
} hosts_rec;

struct saddr_hosts {
  saddr__db db;
};

static bool parse_addr(const char *f, size_t n, hosts_addr *a) {
  memset(a, 0, sizeof *a);
  a->is6 = memchr(f, ':', n) != NULL;
  return (a->is6 ? saddr__ip6_parse(f, n, a->b)
                 : saddr__ip4_parse(f, n, a->b)) == 0;
}

/* A name field without its one optional trailing dot, or 0 when the field
 * cannot be a host name. */
static size_t name_len(const char *f, size_t n) {
  if (n > 1 && f[n - 1] == '.')
    n--;
  if (n > NAME_MAX_LEN || f[0] == '.' || !saddr__field_is_name(f, n))
    return 0;
  return n;
}

/* Validates a whole line before it changes anything: a line is used whole
 * or not at all. */
static bool line_ok(const saddr__line *line, hosts_addr *a) {
  size_t      pos = 0, n, names = 0;
  const char *f;
  if (!saddr__field_next(line, &pos, &f, &n) || !parse_addr(f, n, a))
    return false;
  while (saddr__field_next(line, &pos, &f, &n)) {
    if (name_len(f, n) == 0)
      return false;
    names++;
  }
  return names > 0;
}

static int add_line(saddr__db_snap *s, const saddr__line *line) {
  hosts_addr a;
  if (!line_ok(line, &a))
    return 0;
  hosts_addr *slot = saddr__vec_push(&s->addrs, sizeof *slot);
  if (!slot)
    return SADDR_ENOMEM;
  *slot           = a;
  size_t      pos = 0, n;
  const char *f;
  saddr__field_next(line, &pos, &f, &n);
  while (saddr__field_next(line, &pos, &f, &n)) {
    hosts_rec *r = saddr__vec_push(&s->recs, sizeof *r);
    if (!r)
      return SADDR_ENOMEM;
    n       = name_len(f, n);
    r->name = saddr__db_name_add(s, f, n);
    r->addr = (uint32_t)(s->addrs.n - 1);
    r->len  = (uint8_t)n;
  }
  return 0;
}

static int name_cmp(const char *a, size_t an, const char *b, size_t bn) {
  int c = memcmp(a, b, an < bn ? an : bn);
  return c ? c : (an > bn) - (an < bn);
}

/* Orders by name, then by address index, which is file order. */
static int rec_cmp(const void *x, const void *y, void *names) {
  const hosts_rec *a = x, *b = y;
  const char      *s = names;
  int              c = name_cmp(s + a->name, a->len, s + b->name, b->len);
  return c ? c : (a->addr > b->addr) - (a->addr < b->addr);
}

static bool same_name(const char *names, const hosts_rec *a,
                      const hosts_rec *b) {
  return a->len == b->len &&
         memcmp(names + a->name, names + b->name, a->len) == 0;
}

static bool same_addr(const hosts_addr *addrs, const hosts_rec *a,
                      const hosts_rec *b) {
  return memcmp(&addrs[a->addr], &addrs[b->addr], sizeof(hosts_addr)) == 0;
}

/* Drops repeated addresses of a name and those beyond the per-name cap,
 * keeping file order. The cap bounds this pass and every lookup. */
static void compact(saddr__db_snap *s) {
  hosts_rec        *r     = s->recs.p;
  const hosts_addr *addrs = s->addrs.p;
  size_t            out = 0, group = 0;
  for (size_t i = 0; i < s->recs.n; i++) {
    if (out == 0 || !same_name(s->names, &r[group], &r[i])) {
      group    = out;
      r[out++] = r[i];
      continue;
    }
    bool dup = out - group >= SADDR_HOSTS_ADDRS_MAX;
    for (size_t k = group; k < out && !dup; k++)
      dup = same_addr(addrs, &r[k], &r[i]);
    if (!dup)
      r[out++] = r[i];
  }
  s->recs.n = out;
}

static const saddr__db_kind hosts_kind = {
    "hosts", "/etc/hosts", sizeof(hosts_rec), add_line, rec_cmp, compact};

saddr_hosts *saddr_hosts_open(const char *path) {
  return saddr__db_open(&hosts_kind, path, sizeof(saddr_hosts));
}

int saddr_hosts_parse(const char *text, size_t len, saddr_hosts **out,
                      saddr_error *err) {
  void *db = NULL;
  int   rc =
      saddr__db_parse(&hosts_kind, text, len, sizeof(saddr_hosts), &db, err);
  if (rc == 0)
    *out = db;
  return rc;
}

const char *saddr__hosts_name(const saddr_hosts *h) {
  return saddr__db_name(&h->db);
}

void saddr_hosts_close(saddr_hosts *h) { saddr__db_close(h ? &h->db : NULL); }

/* ---- Lookup ------------------------------------------------------------- */

/* The first record whose name equals key, or recs.n. */
static size_t find_first(const saddr__db_snap *s, const char *key, size_t n) {
  const hosts_rec *r  = s->recs.p;
  size_t           lo = 0, hi = s->recs.n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (name_cmp(s->names + r[mid].name, r[mid].len, key, n) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static void fill(saddr_addr *a, const hosts_addr *h) {
  if (h->is6) {
    saddr__addr_init(a, AF_INET6, SOCK_STREAM, 0, sizeof(struct sockaddr_in6),
                     0);
    a->sa.in6.sin6_family = AF_INET6;
    memcpy(&a->sa.in6.sin6_addr, h->b, 16);
  } else {
    saddr__addr_init(a, AF_INET, SOCK_STREAM, 0, sizeof(struct sockaddr_in), 0);
    a->sa.in.sin_family = AF_INET;
    memcpy(&a->sa.in.sin_addr, h->b, 4);
  }
}

typedef struct hosts_found {
  const hosts_addr *v6[SADDR_HOSTS_ADDRS_MAX];
  const hosts_addr *v4[SADDR_HOSTS_ADDRS_MAX];
  size_t            n6, n4;
  bool              any; /* the name is present, whatever the family */
} hosts_found;

static void collect(const saddr__db_snap *s, const char *key, size_t n,
                    int family, hosts_found *f) {
  const hosts_rec  *recs  = s->recs.p;
  const hosts_addr *addrs = s->addrs.p;
  for (size_t i = find_first(s, key, n); i < s->recs.n; i++) {
    const hosts_rec *r = &recs[i];
    if (r->len != n || memcmp(s->names + r->name, key, n) != 0)
      break;
    const hosts_addr *a = &addrs[r->addr];
    f->any              = true;
    if (a->is6 && family != AF_INET)
      f->v6[f->n6++] = a;
    else if (!a->is6 && family != AF_INET6)
      f->v4[f->n4++] = a;
  }
}

/* IPv6 first, then alternating families (RFC 8305 section 4). */
static size_t emit(const hosts_found *f, saddr_addr *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < f->n6 || i < f->n4; i++) {
    if (i < f->n6 && k < cap)
      fill(&out[k++], f->v6[i]);
    if (i < f->n4 && k < cap)
      fill(&out[k++], f->v4[i]);
  }
  return k;
}

static int not_found(const saddr_hosts *h, const char *name, size_t len,
                     size_t at, size_t at_len, bool any, bool missing,
                     int family, saddr_error *err) {
  char ex[SADDR__EXCERPT_MAX];
  saddr__excerpt(name, len, ex);
  if (any)
    return saddr__fail(err, SADDR_ENODATA, at, at_len,
                       "hosts file %s has no %s address for '%s'",
                       saddr__db_name(&h->db),
                       family == AF_INET ? "IPv4" : "IPv6", ex);
  return saddr__fail(
      err, SADDR_ENOTFOUND, at, at_len, "no host '%s' in hosts file %s%s", ex,
      saddr__db_name(&h->db), missing ? " (the file does not exist)" : "");
}

static int check_args(const saddr_hosts *h, const char *name, size_t len,
                      size_t at, size_t at_len, int family,
                      const saddr_addr *out, size_t cap, const size_t *count,
                      saddr_error *err) {
  if (!h || !count || (!name && len) || (!out && cap))
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "missing argument");
  if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
    return saddr__fail(err, SADDR_EFAMILY, at, at_len,
                       "hosts files hold only AF_INET and AF_INET6 addresses");
  if (len == 0 || (len == 1 && name[0] == '.'))
    return saddr__fail(err, SADDR_EINVAL, at, at_len, "empty host name");
  return 0;
}

int saddr__hosts_find(saddr_hosts *h, const char *name, size_t len, size_t at,
                      size_t at_len, int family, saddr_addr *out, size_t cap,
                      size_t *count, saddr_error *err) {
  int rc = check_args(h, name, len, at, at_len, family, out, cap, count, err);
  if (rc < 0)
    return rc;
  *count   = 0;
  size_t n = name[len - 1] == '.' ? len - 1 : len;
  char   key[NAME_MAX_LEN];
  if (n > NAME_MAX_LEN)
    return not_found(h, name, len, at, at_len, false, false, family, err);
  for (size_t i = 0; i < n; i++)
    key[i] = (char)saddr__lower((unsigned char)name[i]);
  const saddr__db_snap *snap;
  rc = saddr__db_acquire(&h->db, at, at_len, &snap, err);
  if (rc < 0)
    return rc;
  hosts_found f;
  f.n6 = f.n4 = 0;
  f.any       = false;
  collect(snap, key, n, family, &f);
  size_t k       = emit(&f, out, cap);
  bool   missing = saddr__db_missing(&h->db);
  saddr__db_release(&h->db);
  *count = f.n6 + f.n4;
  if (*count == 0)
    return not_found(h, name, len, at, at_len, f.any, missing, family, err);
  if (k < *count)
    return saddr__fail(err, SADDR_ENOSPACE, at, at_len,
                       "%zu addresses found, room for %zu", *count, cap);
  return 0;
}

int saddr_hosts_lookup(saddr_hosts *h, const char *name, size_t len, int family,
                       saddr_addr *out, size_t cap, size_t *count,
                       saddr_error *err) {
  return saddr__hosts_find(h, name, len, 0, len, family, out, cap, count, err);
}
