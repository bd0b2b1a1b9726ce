/* Target 6b: the services-file reader (docs/local-databases.md) fed whole
 * files through saddr_services_parse, then asked for every name the file
 * mentions, for every socket type and protocol, plus a few fixed names.
 *
 * Invariants: parsing any bytes succeeds; a strict decimal port is
 * returned as is; any other answer comes from a line that gives the name
 * (or an alias, case-insensitively) for the protocol the type or protocol
 * picks, and when the first such line is clean, it is that line's port
 * (the first line wins); SOCK_RAW has no protocol and is SADDR_ESERVICE;
 * saddr_services_lookup_proto with a protocol agrees with the plain lookup
 * of the type that protocol stands for; every name of a clean line is
 * found; the same bytes read as a file by path (a memfd) answer the same,
 * and a line added to that file is seen by the next lookup. */
#include "fuzz_common.h"
#include "fuzz_files.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_NAMES_MAX 24

static const struct {
  int         type;
  int         protocol; /* the IPPROTO_ that means the same */
  const char *name;     /* the file's protocol; NULL: none */
} kinds[] = {
    {0, IPPROTO_TCP, "tcp"},           {SOCK_STREAM, IPPROTO_TCP, "tcp"},
    {SOCK_DGRAM, IPPROTO_UDP, "udp"},  {SOCK_SEQPACKET, IPPROTO_SCTP, "sctp"},
    {SOCK_DCCP, IPPROTO_DCCP, "dccp"}, {SOCK_RAW, 0, NULL},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static bool same_word(const char *p, size_t n, const char *w) {
  return strlen(w) == n && fz_same_name((fz_span){p, n}, (fz_span){w, n});
}

/* `PORT/PROTO` of a line: the port when it is strict and proto is w. */
static bool entry(const fz_line *l, const char *w, unsigned *port) {
  if (l->nf < 2)
    return false;
  const char *slash = memchr(l->f[1].p, '/', l->f[1].n);
  if (!slash)
    return false;
  size_t pn = (size_t)(slash - l->f[1].p);
  return fz_port(l->f[1].p, pn, port) &&
         same_word(slash + 1, l->f[1].n - pn - 1, w);
}

static bool names(const fz_line *l, fz_span name) {
  if (l->nf >= 1 && fz_same_name(l->f[0], name))
    return true;
  for (size_t i = 2; i < l->nf; i++)
    if (fz_same_name(l->f[i], name))
      return true;
  return false;
}

/* A name every reader takes: a letter, then letters, digits and '-', at
 * most 63 bytes. */
static bool clean_name(fz_span s) {
  if (s.n == 0 || s.n > 63 || !fz_alnum(s.p[0]) ||
      (s.p[0] >= '0' && s.p[0] <= '9'))
    return false;
  for (size_t i = 0; i < s.n; i++)
    if (!fz_alnum(s.p[i]) && s.p[i] != '-')
      return false;
  return true;
}

static bool clean_line(const fz_line *l) {
  if (l->odd || l->nf < 2)
    return false;
  for (size_t i = 0; i < l->nf; i++)
    if (i != 1 && !clean_name(l->f[i]))
      return false;
  return true;
}

/* A looked-up port: from a line naming it for this protocol, and the
 * first such line's when that line is clean. */
static void check_source(const char *s, size_t n, fz_span name,
                         const char *proto, unsigned port) {
  static fz_line l;
  size_t         pos  = 0;
  bool           seen = false, first = true;
  while (pos < n) {
    unsigned p;
    fz_next_line(s, n, &pos, &l);
    if (!names(&l, name) || !entry(&l, proto, &p))
      continue;
    if (first && clean_line(&l))
      FZ_CHECK(p == port);
    first = false;
    seen  = seen || p == port;
  }
  FZ_CHECK(seen);
}

static void check_name(saddr_services *db, const char *s, size_t n,
                       fz_span name) {
  unsigned literal;
  bool     numeric = fz_port(name.p, name.n, &literal);
  for (size_t k = 0; k < NKINDS; k++) {
    uint16_t    port = 0, port2 = 0;
    saddr_error err;
    memset(&err, 0, sizeof err);
    int rc =
        saddr_services_lookup(db, name.p, name.n, kinds[k].type, &port, &err);
    if (rc != 0)
      fz_check_error(rc, &err, name.n);
    if (numeric) {
      FZ_CHECK(rc == 0 && port == literal);
      continue;
    }
    if (kinds[k].name == NULL) {
      FZ_CHECK(rc == SADDR_ESERVICE || rc == SADDR_EINVAL);
      continue;
    }
    FZ_CHECK(rc == 0 || rc == SADDR_ESERVICE || rc == SADDR_EINVAL);
    if (rc == 0)
      check_source(s, n, name, kinds[k].name, port);
    int rc2 = saddr_services_lookup_proto(db, name.p, name.n, SOCK_RAW,
                                          kinds[k].protocol, &port2, &err);
    FZ_CHECK(rc2 == rc && port2 == port);
  }
}

static bool known(const fz_span *seen, size_t n, fz_span name) {
  for (size_t i = 0; i < n; i++)
    if (fz_same_name(seen[i], name))
      return true;
  return false;
}

static void check_clean_line(saddr_services *db, const fz_line *l) {
  unsigned port;
  for (size_t k = 0; k < NKINDS; k++) {
    if (kinds[k].name == NULL || !entry(l, kinds[k].name, &port))
      continue;
    for (size_t i = 0; i < l->nf; i++) {
      uint16_t    got;
      saddr_error err;
      if (i != 1)
        FZ_CHECK(saddr_services_lookup(db, l->f[i].p, l->f[i].n, kinds[k].type,
                                       &got, &err) == 0);
    }
  }
}

/* The same bytes read from a file by path answer the same, and a line
 * added to the file is seen by the next lookup (unless the file already
 * named that service: the first line wins). */
static void check_by_path(saddr_services *bytes, const char *s, size_t n,
                          const fz_span *names, size_t count) {
  fz_file *f = fz_file_get();
  if (f == NULL || !fz_file_set(f, s, n))
    return;
  saddr_services *db = saddr_services_open(f->path);
  FZ_CHECK(db != NULL);
  for (size_t i = 0; i < count && i < 4; i++)
    for (size_t k = 0; k < NKINDS; k++) {
      uint16_t    p1 = 0, p2 = 0;
      saddr_error err;
      int rc1 = saddr_services_lookup(db, names[i].p, names[i].n, kinds[k].type,
                                      &p1, &err);
      int rc2 = saddr_services_lookup(bytes, names[i].p, names[i].n,
                                      kinds[k].type, &p2, &err);
      FZ_CHECK(rc1 == rc2 && p1 == p2);
    }
  uint16_t    port = 0;
  saddr_error err;
  if (fz_file_append(f, n, "reread-svc 4321/tcp") &&
      memmem(s, n, "reread", 6) == NULL) {
    FZ_CHECK(saddr_services_lookup(db, "reread-svc", 10, SOCK_STREAM, &port,
                                   &err) == 0);
    FZ_CHECK(port == 4321);
  }
  saddr_services_close(db);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const fixed[] = {"http",  "HTTP", "",   "0",  "65535",
                                      "65536", "080",  "+1", "-1", "x"};
  if (size > 65536)
    return 0;
  const char     *s  = (const char *)data;
  saddr_services *db = NULL;
  saddr_error     err;
  memset(&err, 0, sizeof err);
  int rc = saddr_services_parse(s, size, &db, &err);
  if (rc != 0) {
    fz_check_error(rc, &err, size);
    FZ_CHECK(rc == SADDR_ENOMEM);
    return 0;
  }
  FZ_CHECK(db != NULL);
  for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
    check_name(db, s, size, (fz_span){fixed[i], strlen(fixed[i])});
  static fz_line l;
  fz_span        seen[FZ_NAMES_MAX];
  size_t         pos = 0, count = 0, clean = 0;
  while (pos < size && (count < FZ_NAMES_MAX || clean < FZ_NAMES_MAX)) {
    fz_next_line(s, size, &pos, &l);
    for (size_t i = 0; i < l.nf && count < FZ_NAMES_MAX; i++)
      if (i != 1 && !known(seen, count, l.f[i])) {
        seen[count++] = l.f[i];
        check_name(db, s, size, l.f[i]);
      }
    if (clean < FZ_NAMES_MAX && clean_line(&l)) {
      check_clean_line(db, &l);
      clean++;
    }
  }
  check_by_path(db, s, size, seen, count);
  saddr_services_close(db);
  return 0;
}
