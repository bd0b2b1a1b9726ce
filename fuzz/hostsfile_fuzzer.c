/* Target 6a: the hosts-file reader (docs/local-databases.md) fed whole
 * files through saddr_hosts_parse, then asked for every name the file
 * mentions, in every family, plus a few fixed names.
 *
 * Invariants: parsing any bytes succeeds (bad lines are skipped); every
 * answer is a well-formed address of the asked family with port 0,
 * SOCK_STREAM, protocol 0 and no flags, without duplicates, taken from a
 * line that names it (case-insensitively, one trailing dot ignored);
 * AF_UNSPEC is exactly the RFC 8305 interleaving of the AF_INET6 and
 * AF_INET answers; ENOTFOUND agrees across families; a short buffer gives
 * SADDR_ENOSPACE with the true count and the first addresses; every
 * address of a clean line (a strict literal and plain names) is found; the
 * same bytes read as a file by path (a memfd) answer the same, and a line
 * added to that file is seen by the next lookup. */
#include "fuzz_common.h"
#include "fuzz_files.h"

#include <arpa/inet.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_NAMES_MAX 24
#define FZ_INPUT_MAX 65536

typedef struct answer {
  int        rc;
  size_t     count;
  saddr_addr a[SADDR_HOSTS_ADDRS_MAX];
} answer;

/* The file as this target reads it, built once per input: every line with
 * a literal and a name, its names, and whether it is clean. */
typedef struct entry {
  int           family;
  unsigned char a[16];
  size_t        first, count; /* its names in model.names */
  bool          clean;
} entry;

static struct model {
  entry   e[FZ_INPUT_MAX / 4];
  size_t  ne;
  fz_span names[FZ_INPUT_MAX / 2];
  size_t  nnames;
  fz_span check[FZ_NAMES_MAX]; /* distinct names to look up */
  size_t  ncheck;
} M;

static const unsigned char *addr_bytes(const saddr_addr *a) {
  return a->family == AF_INET ? (const unsigned char *)&a->sa.in.sin_addr
                              : (const unsigned char *)&a->sa.in6.sin6_addr;
}

/* Which family a hosts-file address field is, with its bytes. */
static int field_family(fz_span f, unsigned char out[16]) {
  char z[64];
  if (f.n >= sizeof z)
    return 0;
  memcpy(z, f.p, f.n);
  z[f.n] = '\0';
  if (inet_pton(AF_INET, z, out) == 1)
    return AF_INET;
  if (inet_pton(AF_INET6, z, out) == 1)
    return AF_INET6;
  return 0;
}

static void add_check(fz_span name) {
  for (size_t i = 0; i < M.ncheck; i++)
    if (fz_same_name(M.check[i], name))
      return;
  if (M.ncheck < FZ_NAMES_MAX)
    M.check[M.ncheck++] = name;
}

static void add_line(const fz_line *l) {
  for (size_t i = 1; i < l->nf; i++)
    add_check(l->f[i]);
  entry *e = &M.e[M.ne];
  if (l->nf < 2)
    return;
  e->family = field_family(l->f[0], e->a);
  if (e->family == 0)
    return;
  e->first = M.nnames;
  e->count = l->nf - 1;
  e->clean = !l->odd;
  for (size_t i = 1; i < l->nf; i++) {
    M.names[M.nnames++] = l->f[i];
    e->clean            = e->clean && fz_clean_hostname(l->f[i]);
  }
  M.ne++;
}

static void build_model(const char *s, size_t n) {
  static fz_line l;
  size_t         pos = 0;
  M.ne = M.nnames = M.ncheck = 0;
  while (pos < n) {
    fz_next_line(s, n, &pos, &l);
    add_line(&l);
  }
}

/* The answer came from a line that has this address and this name. */
static bool from_file(fz_span name, const saddr_addr *a) {
  size_t len = a->family == AF_INET ? 4 : 16;
  for (size_t i = 0; i < M.ne; i++) {
    const entry *e = &M.e[i];
    if (e->family != a->family || memcmp(e->a, addr_bytes(a), len) != 0)
      continue;
    for (size_t k = 0; k < e->count; k++)
      if (fz_same_name(M.names[e->first + k], name))
        return true;
  }
  return false;
}

static void check_answer(fz_span name, int family, const answer *r) {
  if (r->rc != 0) {
    FZ_CHECK(r->rc == SADDR_ENOTFOUND || r->rc == SADDR_ENODATA ||
             r->rc == SADDR_EINVAL);
    return;
  }
  FZ_CHECK(r->count >= 1 && r->count <= SADDR_HOSTS_ADDRS_MAX);
  for (size_t i = 0; i < r->count; i++) {
    const saddr_addr *a = &r->a[i];
    fz_check_addr(a);
    FZ_CHECK(family == AF_UNSPEC
                 ? (a->family == AF_INET || a->family == AF_INET6)
                 : a->family == family);
    FZ_CHECK(a->sa.in.sin_port == 0 && a->type == SOCK_STREAM &&
             a->protocol == 0 && a->flags == 0);
    FZ_CHECK(from_file(name, a));
    for (size_t j = 0; j < i; j++)
      FZ_CHECK(!fz_same_addr(a, &r->a[j]));
  }
}

static void lookup(saddr_hosts *h, fz_span name, int family, answer *r) {
  saddr_error err;
  memset(&err, 0, sizeof err);
  r->count = 0;
  r->rc    = saddr_hosts_lookup(h, name.p, name.n, family, r->a,
                                SADDR_HOSTS_ADDRS_MAX, &r->count, &err);
  if (r->rc != 0)
    fz_check_error(r->rc, &err, name.n);
}

/* AF_UNSPEC = v6 v4 v6 v4 ..., then the rest of the longer family. */
static void check_interleave(const answer *u, const answer *v6,
                             const answer *v4) {
  size_t n6 = v6->rc == 0 ? v6->count : 0, n4 = v4->rc == 0 ? v4->count : 0;
  if (n6 + n4 == 0) {
    FZ_CHECK(u->rc != 0);
    return;
  }
  FZ_CHECK(u->rc == 0 && u->count == n6 + n4);
  size_t i6 = 0, i4 = 0;
  for (size_t k = 0; k < u->count; k++) {
    bool              six  = i6 < n6 && (i4 >= n4 || i6 <= i4);
    const saddr_addr *want = six ? &v6->a[i6++] : &v4->a[i4++];
    FZ_CHECK(fz_same_addr(&u->a[k], want));
  }
}

static void check_name(saddr_hosts *h, fz_span name) {
  static answer u, v4, v6;
  lookup(h, name, AF_UNSPEC, &u);
  lookup(h, name, AF_INET, &v4);
  lookup(h, name, AF_INET6, &v6);
  check_answer(name, AF_UNSPEC, &u);
  check_answer(name, AF_INET, &v4);
  check_answer(name, AF_INET6, &v6);
  FZ_CHECK((u.rc == SADDR_ENOTFOUND) == (v4.rc == SADDR_ENOTFOUND));
  FZ_CHECK((u.rc == SADDR_ENOTFOUND) == (v6.rc == SADDR_ENOTFOUND));
  if (u.rc == SADDR_EINVAL)
    return;
  check_interleave(&u, &v6, &v4);
  if (u.rc == 0 && u.count > 1) {
    saddr_addr  first;
    size_t      count = 0;
    saddr_error err;
    FZ_CHECK(saddr_hosts_lookup(h, name.p, name.n, AF_UNSPEC, &first, 1, &count,
                                &err) == SADDR_ENOSPACE);
    FZ_CHECK(count == u.count && fz_same_addr(&first, &u.a[0]));
  }
}

/* Every address of a clean line is found under each of its names, unless
 * the name already holds the most addresses a name keeps. */
static void check_clean_line(saddr_hosts *h, const entry *e) {
  static answer r;
  size_t        len = e->family == AF_INET ? 4 : 16;
  for (size_t i = 0; i < e->count; i++) {
    lookup(h, M.names[e->first + i], e->family, &r);
    FZ_CHECK(r.rc == 0);
    bool found = r.count == SADDR_HOSTS_ADDRS_MAX;
    for (size_t k = 0; k < r.count && !found; k++)
      found = memcmp(addr_bytes(&r.a[k]), e->a, len) == 0;
    FZ_CHECK(found);
  }
}

static bool same_answer(const answer *a, const answer *b) {
  if (a->rc != b->rc || (a->rc == 0 && a->count != b->count))
    return false;
  for (size_t i = 0; a->rc == 0 && i < a->count; i++)
    if (!fz_same_addr(&a->a[i], &b->a[i]))
      return false;
  return true;
}

/* The same bytes read from a file by path answer the same, and a line
 * added to the file is seen by the next lookup. */
static void check_by_path(saddr_hosts *bytes, const char *s, size_t n) {
  static const char added[] = "10.0.0.1 reread.test";
  static answer     a, b;
  fz_file          *f = fz_file_get();
  if (f == NULL || !fz_file_set(f, s, n))
    return;
  saddr_hosts *h = saddr_hosts_open(f->path);
  FZ_CHECK(h != NULL);
  for (size_t i = 0; i < M.ncheck && i < 4; i++) {
    lookup(h, M.check[i], AF_UNSPEC, &a);
    lookup(bytes, M.check[i], AF_UNSPEC, &b);
    FZ_CHECK(same_answer(&a, &b));
  }
  if (fz_file_append(f, n, added)) {
    lookup(h, (fz_span){"reread.test", 11}, AF_INET, &a);
    FZ_CHECK(a.rc == 0);
    bool found = a.count == SADDR_HOSTS_ADDRS_MAX;
    for (size_t i = 0; i < a.count && !found; i++)
      found = memcmp(addr_bytes(&a.a[i]), "\x0a\x00\x00\x01", 4) == 0;
    FZ_CHECK(found);
  }
  saddr_hosts_close(h);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const fixed[] = {
      "localhost", "LOCALHOST.", "", ".", "..", "a", "a.", "x.example"};
  if (size > FZ_INPUT_MAX)
    return 0;
  const char  *s = (const char *)data;
  saddr_hosts *h = NULL;
  saddr_error  err;
  memset(&err, 0, sizeof err);
  int rc = saddr_hosts_parse(s, size, &h, &err);
  if (rc != 0) {
    fz_check_error(rc, &err, size);
    FZ_CHECK(rc == SADDR_ENOMEM);
    return 0;
  }
  FZ_CHECK(h != NULL);
  build_model(s, size);
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    check_name(h, (fz_span){fixed[i], strlen(fixed[i])});
  for (size_t i = 0; i < M.ncheck; i++)
    check_name(h, M.check[i]);
  for (size_t i = 0, clean = 0; i < M.ne && clean < FZ_NAMES_MAX; i++)
    if (M.e[i].clean) {
      check_clean_line(h, &M.e[i]);
      clean++;
    }
  check_by_path(h, s, size);
  saddr_hosts_close(h);
  return 0;
}
