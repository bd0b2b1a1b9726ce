/* The op table, input preparation and the self-check shared by every
 * benchmark driver: each op's result for entry i is compared with the record
 * entry i was written from, so a benchmark never times a parser that fails
 * or answers wrongly. */
#include "ops.h"

#include <stdio.h>
#include <stdlib.h>

#define BENCH_ROW(id, nm, f, need, okv, res, exp, cst)                         \
  {nm, f, need, okv, res, exp, cst},
const bench_op bench_ops[] = {BENCH_OPS(BENCH_ROW)};
#undef BENCH_ROW
const size_t bench_ops_n = sizeof bench_ops / sizeof bench_ops[0];

const bench_op *bench_op_find(const char *name) {
  for (size_t k = 0; k < bench_ops_n; k++)
    if (strcmp(bench_ops[k].name, name) == 0)
      return &bench_ops[k];
  return NULL;
}

size_t bench_cost_entries(enum bench_cost cost, size_t n) {
  static const size_t cap[] = {(size_t)-1, 4096, 64, 256};
  return n < cap[cost] ? n : cap[cost];
}

/* The format ops start from sockaddrs built directly from the records, so
 * that they do not depend on saddr's parser. */
static int make_fmt(bench_data *d, size_t n) {
  d->fmt = calloc(n, sizeof *d->fmt);
  if (!d->fmt)
    return -1;
  for (size_t i = 0; i < n; i++) {
    bench_record rec;
    saddr_addr  *a = &d->fmt[i];
    bench_record_get(n, i, &rec);
    a->sa.in6.sin6_family = AF_INET6;
    a->sa.in6.sin6_port   = htons(rec.port);
    memcpy(&a->sa.in6.sin6_addr, rec.v6, 16);
    a->len    = sizeof(struct sockaddr_in6);
    a->family = AF_INET6;
    a->type   = SOCK_STREAM;
  }
  return 0;
}

int bench_data_prepare(bench_data *d, unsigned needs, size_t n) {
  if (d->n != 0 && d->n != n)
    return -1;
  d->n = n;
  for (int f = 0; f < BENCH_FORM_COUNT; f++)
    if ((needs & BENCH_NEED(f)) && d->set[f].n == 0 &&
        bench_set_make(&d->set[f], (enum bench_form)f, n) != 0)
      return -1;
  if ((needs & BENCH_NEED_FMT) && !d->fmt && make_fmt(d, n) != 0)
    return -1;
  if ((needs & BENCH_NEED_ANY4) && !d->has_any4) {
    saddr_error err;
    if (saddr_parse_addr("0.0.0.0:0", 9, NULL, &d->any4, &err) != 0)
      return -1;
    d->has_any4 = true;
  }
  return 0;
}

void bench_data_free(bench_data *d) {
  for (int f = 0; f < BENCH_FORM_COUNT; f++)
    bench_set_free(&d->set[f]);
  free(d->fmt);
  memset(d, 0, sizeof *d);
}

/* The sockaddr an op must produce for record rec, and its length. */
static socklen_t expected_sa(enum bench_expect exp, const bench_record *rec,
                             saddr_sockaddr *sa) {
  memset(sa, 0, sizeof *sa);
  switch (exp) {
  case BENCH_EXP_SIN4_FIXED:
    sa->in.sin_family      = AF_INET;
    sa->in.sin_port        = htons(80);
    sa->in.sin_addr.s_addr = htonl(0xc0000201u);
    return sizeof sa->in;
  case BENCH_EXP_SIN4:
    sa->in.sin_family = AF_INET;
    sa->in.sin_port   = htons(rec->port);
    memcpy(&sa->in.sin_addr, rec->v4, 4);
    return sizeof sa->in;
  case BENCH_EXP_SIN6:
  case BENCH_EXP_SIN6_ZONE:
    sa->in6.sin6_family = AF_INET6;
    sa->in6.sin6_port   = htons(rec->port);
    if (exp == BENCH_EXP_SIN6) {
      memcpy(&sa->in6.sin6_addr, rec->v6, 16);
    } else {
      memcpy(&sa->in6.sin6_addr, rec->zone6, 16);
      sa->in6.sin6_scope_id = BENCH_ZONE_INDEX;
    }
    return sizeof sa->in6;
  default:
    return 0;
  }
}

static bool port_is_80(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET)
    return ((const struct sockaddr_in *)(const void *)sa)->sin_port ==
           htons(80);
  return sa->sa_family == AF_INET6 &&
         ((const struct sockaddr_in6 *)(const void *)sa)->sin6_port ==
             htons(80);
}

static bool is_any(const struct sockaddr *sa) {
  static const unsigned char zero[16];
  if (sa->sa_family == AF_INET)
    return ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr == 0;
  return sa->sa_family == AF_INET6 &&
         memcmp(&((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                zero, 16) == 0;
}

static bool is_loopback(const struct sockaddr *sa) {
  if (sa->sa_family == AF_INET)
    return ((const struct sockaddr_in *)(const void *)sa)->sin_addr.s_addr ==
           htonl(INADDR_LOOPBACK);
  return sa->sa_family == AF_INET6 &&
         IN6_IS_ADDR_LOOPBACK(
             &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr);
}

/* Wildcard and localhost: saddr must give IPv6 then IPv4 (docs/syntax.md);
 * getaddrinfo's order and count depend on the host, so one is enough. */
static bool check_pair(enum bench_expect exp, const bench_out *o,
                       enum bench_result res) {
  bool (*which)(const struct sockaddr *) =
      exp == BENCH_EXP_WILDCARD ? is_any : is_loopback;
  if (res == BENCH_RES_GAI)
    return o->gai_count >= 1 && which((const struct sockaddr *)&o->ss) &&
           port_is_80((const struct sockaddr *)&o->ss);
  if (o->parsed.count != 2 || o->parsed.need != 0)
    return false;
  for (size_t k = 0; k < 2; k++) {
    const saddr_addr *a = &o->parsed.addr[k];
    if (a->sa.sa.sa_family != (k == 0 ? AF_INET6 : AF_INET) ||
        !which(&a->sa.sa) || !port_is_80(&a->sa.sa))
      return false;
  }
  return true;
}

static bool check_text(enum bench_expect exp, const bench_record *rec,
                       const char *text) {
  char a[INET6_ADDRSTRLEN], want[INET6_ADDRSTRLEN + 16];
  if (!inet_ntop(AF_INET6, rec->v6, a, sizeof a))
    return false;
  if (exp == BENCH_EXP_TEXT6)
    return strcmp(text, a) == 0;
  snprintf(want, sizeof want, "[%s]:%u", a, rec->port);
  return strcmp(text, want) == 0;
}

static bool status_ok(enum bench_ok ok, int r) {
  return ok == BENCH_OK_ONE ? r == 1 : ok == BENCH_OK_ZERO ? r == 0 : r >= 0;
}

static bool check_one(const bench_op *op, const bench_record *rec,
                      const bench_out *o) {
  saddr_sockaddr want;
  socklen_t      wlen;
  switch (op->expect) {
  case BENCH_EXP_V4:
    return memcmp(o->raw, rec->v4, 4) == 0;
  case BENCH_EXP_V6:
    return memcmp(o->raw, rec->v6, 16) == 0;
  case BENCH_EXP_WILDCARD:
  case BENCH_EXP_LOCALHOST:
    return check_pair(op->expect, o, op->result);
  case BENCH_EXP_TEXT6:
  case BENCH_EXP_COMPACT6:
    return check_text(op->expect, rec, o->text);
  case BENCH_EXP_BOUND4:
    return o->bound.fd >= 0 && o->bound.v6only == -1 &&
           o->bound.requested.family == AF_INET &&
           o->bound.requested.sa.sa.sa_family == AF_INET &&
           o->bound.requested.sa.in.sin_port == 0;
  case BENCH_EXP_NONE:
    return true;
  default:
    break;
  }
  wlen = expected_sa(op->expect, rec, &want);
  if (op->result == BENCH_RES_GAI)
    return o->sslen == wlen && memcmp(&o->ss, &want, wlen) == 0;
  return o->addr.len == wlen && memcmp(&o->addr.sa, &want, wlen) == 0;
}

/* What the bind op leaves out, checked once on a socket of its own: the
 * bound address saddr reports is IPv4, has the port the kernel chose, and
 * agrees with getsockname(2). */
static bool check_bound4(const bench_data *d) {
  saddr_bound_socket s;
  saddr_addr         bound;
  saddr_error        err;
  struct sockaddr_in sin;
  socklen_t          len = sizeof sin;
  if (saddr_bind_addr(&d->any4, NULL, &s, &err) != 0)
    return false;
  bool ok = saddr_bound_addr(&s, &bound, &err) == 0 &&
            getsockname(s.fd, (struct sockaddr *)&sin, &len) == 0 &&
            bound.family == AF_INET && bound.len == len &&
            bound.sa.in.sin_port != 0 &&
            memcmp(&bound.sa.in, &sin, sizeof sin) == 0;
  close(s.fd);
  return ok;
}

size_t bench_check(const bench_op *op, const bench_data *d, size_t count,
                   char *msg, size_t cap) {
  size_t     bad = 0;
  bench_out *o   = malloc(sizeof *o);
  if (!o) {
    snprintf(msg, cap, "out of memory");
    return 1;
  }
  msg[0] = '\0';
  if (op->expect == BENCH_EXP_BOUND4 && !check_bound4(d)) {
    snprintf(msg, cap,
             "%s: the bound address is not 0.0.0.0 with the port "
             "getsockname reports",
             op->name);
    bad++;
  }
  for (size_t i = 0; i < count; i++) {
    bench_record rec;
    int          r;
    memset(o, 0, sizeof *o);
    r = op->fn(d, i, o);
    bench_record_get(d->n, i, &rec);
    if (status_ok(op->ok, r) && check_one(op, &rec, o))
      continue;
    if (bad++ == 0) {
      int f = 0;
      while (f < BENCH_FORM_COUNT && !(op->needs & BENCH_NEED(f)))
        f++;
      snprintf(msg, cap, "%s: entry %zu (%s) returned %d (%s)", op->name, i,
               f < BENCH_FORM_COUNT ? bench_text(d, (enum bench_form)f, i)
                                    : "fixed input",
               r, o->err.code ? o->err.message : "wrong result");
    }
  }
  free(o);
  return bad;
}
