/* The services-file reader: `NAME PORT/PROTOCOL [ALIAS...]` lines parsed
 * into a snapshot sorted by protocol and name. */
#include "local/local.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#define SERVICE_NAME_MAX (SADDR_SERVICE_MAX - 1)

enum { PROTO_NONE, PROTO_TCP, PROTO_UDP, PROTO_SCTP, PROTO_DCCP };
static const char *const proto_names[] = {"", "tcp", "udp", "sctp", "dccp"};

typedef struct svc_rec {
  uint32_t name;
  uint32_t seq; /* file order: the first line for a name wins */
  uint16_t port;
  uint8_t  len;
  uint8_t  proto;
} svc_rec;

struct saddr_services {
  saddr__db db;
};

static uint8_t proto_of(const char *f, size_t n) {
  for (unsigned p = PROTO_TCP; p <= PROTO_DCCP; p++) {
    const char *want = proto_names[p];
    size_t      i    = 0;
    while (i < n && want[i] &&
           saddr__lower((unsigned char)f[i]) == (unsigned char)want[i])
      i++;
    if (i == n && want[i] == '\0')
      return (uint8_t)p;
  }
  return PROTO_NONE;
}

static bool name_ok(const char *f, size_t n) {
  return n <= SERVICE_NAME_MAX && saddr__field_is_name(f, n);
}

/* Validates the line; *proto is PROTO_NONE for a well-formed line of a
 * protocol sockets here cannot ask for, which is skipped quietly. */
static bool line_ok(const saddr__line *line, uint16_t *port, uint8_t *proto) {
  size_t      pos = 0, n;
  const char *f;
  if (!saddr__field_next(line, &pos, &f, &n) || !name_ok(f, n) ||
      !saddr__field_next(line, &pos, &f, &n))
    return false;
  const char *slash = memchr(f, '/', n);
  if (!slash || saddr__port_parse(f, (size_t)(slash - f), port) < 0)
    return false;
  *proto = proto_of(slash + 1, n - (size_t)(slash - f) - 1);
  while (saddr__field_next(line, &pos, &f, &n))
    if (!name_ok(f, n))
      return false;
  return true;
}

static int add_name(saddr__db_snap *s, const char *f, size_t n, uint16_t port,
                    uint8_t proto) {
  svc_rec *r = saddr__vec_push(&s->recs, sizeof *r);
  if (!r)
    return SADDR_ENOMEM;
  r->name  = saddr__db_name_add(s, f, n);
  r->seq   = (uint32_t)(s->recs.n - 1);
  r->port  = port;
  r->len   = (uint8_t)n;
  r->proto = proto;
  return 0;
}

static int add_line(saddr__db_snap *s, const saddr__line *line) {
  uint16_t port;
  uint8_t  proto;
  if (!line_ok(line, &port, &proto) || proto == PROTO_NONE)
    return 0;
  size_t      pos = 0, n, field = 0;
  const char *f;
  int         rc = 0;
  while (rc == 0 && saddr__field_next(line, &pos, &f, &n))
    if (field++ != 1)
      rc = add_name(s, f, n, port, proto);
  return rc;
}

static int rec_cmp(const void *x, const void *y, void *names) {
  const svc_rec *a = x, *b = y;
  const char    *s = names;
  if (a->proto != b->proto)
    return a->proto < b->proto ? -1 : 1;
  int c = memcmp(s + a->name, s + b->name, a->len < b->len ? a->len : b->len);
  if (c == 0)
    c = (a->len > b->len) - (a->len < b->len);
  return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static const saddr__db_kind svc_kind = {
    "services", "/etc/services", sizeof(svc_rec), add_line, rec_cmp, NULL};

saddr_services *saddr_services_open(const char *path) {
  return saddr__db_open(&svc_kind, path, sizeof(saddr_services));
}

int saddr_services_parse(const char *text, size_t len, saddr_services **out,
                         saddr_error *err) {
  void *db = NULL;
  int   rc =
      saddr__db_parse(&svc_kind, text, len, sizeof(saddr_services), &db, err);
  if (rc == 0)
    *out = db;
  return rc;
}

void saddr_services_close(saddr_services *s) {
  saddr__db_close(s ? &s->db : NULL);
}

/* ---- Lookup ------------------------------------------------------------- */

static uint8_t proto_for(int type, int protocol) {
  switch (protocol) {
  case IPPROTO_TCP:
    return PROTO_TCP;
  case IPPROTO_UDP:
  case IPPROTO_UDPLITE:
    return PROTO_UDP;
  case IPPROTO_SCTP:
    return PROTO_SCTP;
  case IPPROTO_DCCP:
    return PROTO_DCCP;
  default:
    break;
  }
  switch (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) {
  case 0:
  case SOCK_STREAM:
    return PROTO_TCP;
  case SOCK_DGRAM:
    return PROTO_UDP;
  case SOCK_SEQPACKET:
    return PROTO_SCTP;
  case SOCK_DCCP:
    return PROTO_DCCP;
  default:
    return PROTO_NONE;
  }
}

static int key_cmp(const saddr__db_snap *s, const svc_rec *r, uint8_t proto,
                   const char *key, size_t n) {
  if (r->proto != proto)
    return r->proto < proto ? -1 : 1;
  int c = memcmp(s->names + r->name, key, r->len < n ? r->len : n);
  return c ? c : (r->len > n) - (r->len < n);
}

/* The port of the first line for key under proto, or -1. */
static int find(const saddr__db_snap *s, uint8_t proto, const char *key,
                size_t n) {
  const svc_rec *r  = s->recs.p;
  size_t         lo = 0, hi = s->recs.n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (key_cmp(s, &r[mid], proto, key, n) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < s->recs.n && key_cmp(s, &r[lo], proto, key, n) == 0)
    return r[lo].port;
  return -1;
}

static int unknown(const saddr_services *s, const char *name, size_t len,
                   size_t at, uint8_t proto, bool missing, saddr_error *err) {
  char ex[SADDR__EXCERPT_MAX];
  saddr__excerpt(name, len, ex);
  return saddr__fail(err, SADDR_ESERVICE, at, len,
                     "unknown service '%s' for %s in services file %s%s", ex,
                     proto_names[proto], saddr__db_name(&s->db),
                     missing ? " (the file does not exist)" : "");
}

/* The lookup behind every entry. The name stands at offset `at` of the
 * caller's text: an error about the name spans it there, and any other
 * error spans [at, at + at_len) (0, 0 when the name is the whole text, for
 * the public lookups; the name again for a completion). */
static int lookup(saddr_services *s, const char *name, size_t len, size_t at,
                  size_t at_len, int type, int protocol, uint16_t *port,
                  saddr_error *err) {
  if (!s || !port || (!name && len))
    return saddr__fail(err, SADDR_EINVAL, at, at_len, "missing argument");
  if (len == 0)
    return saddr__fail(err, SADDR_EINVAL, at, at_len, "empty service name");
  uint16_t numeric;
  if (saddr__port_parse(name, len, &numeric) == 0) {
    *port = numeric;
    return 0;
  }
  uint8_t proto = proto_for(type, protocol);
  if (proto == PROTO_NONE)
    return saddr__fail(err, SADDR_ESERVICE, at, len,
                       "socket type %d has no services-file protocol", type);
  char key[SERVICE_NAME_MAX];
  if (len > SERVICE_NAME_MAX)
    return unknown(s, name, len, at, proto, false, err);
  for (size_t i = 0; i < len; i++)
    key[i] = (char)saddr__lower((unsigned char)name[i]);
  const saddr__db_snap *snap;
  int                   rc = saddr__db_acquire(&s->db, at, at_len, &snap, err);
  if (rc < 0)
    return rc;
  int  found   = find(snap, proto, key, len);
  bool missing = saddr__db_missing(&s->db);
  saddr__db_release(&s->db);
  if (found < 0)
    return unknown(s, name, len, at, proto, missing, err);
  *port = (uint16_t)found;
  return 0;
}

int saddr_services_lookup_proto(saddr_services *s, const char *name, size_t len,
                                int type, int protocol, uint16_t *port,
                                saddr_error *err) {
  return lookup(s, name, len, 0, 0, type, protocol, port, err);
}

int saddr_services_lookup(saddr_services *s, const char *name, size_t len,
                          int type, uint16_t *port, saddr_error *err) {
  return lookup(s, name, len, 0, 0, type, 0, port, err);
}

int saddr__service_complete(saddr_services *s, saddr_parsed *p,
                            saddr_error *err) {
  /* Only a name's parse carries the socket type itself; a literal's is on
   * its addresses. */
  const saddr_addr *a     = p->count > 0 ? &p->addr[0] : NULL;
  int               type  = a ? a->type : p->type;
  int               proto = a ? a->protocol : p->protocol;
  int               rc =
      lookup(s, p->service, strnlen(p->service, sizeof p->service),
             p->service_offset, p->service_length, type, proto, &p->port, err);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < p->count; i++)
    (void)saddr_addr_set_port(&p->addr[i], p->port);
  return 0;
}
