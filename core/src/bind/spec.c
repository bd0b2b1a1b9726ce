/* saddr_bind(): a spec's text to bound sockets. Service names come from the
 * services file and host names from the hosts file; DNS is the resolver's
 * business, not this call's. */
#include "bind/bind.h"
#include "local/local.h"

#include <string.h>

#ifndef AF_RDS
#define AF_RDS 21
#endif

/* The addresses of one spec, completed. */
typedef struct spec_addrs {
  saddr_addr a[SADDR_HOSTS_ADDRS_MAX];
  size_t     n;
} spec_addrs;

static int moved(saddr_error *err, int rc, size_t off, size_t len) {
  if (err) {
    err->offset += off;
    err->length = len;
  }
  return rc;
}

static int service_port(const saddr_parsed *p, const saddr_bind_opts *opts,
                        uint16_t *port, saddr_error *err) {
  saddr_services *s =
      opts && opts->services ? opts->services : saddr_services_open(NULL);
  if (!s)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  /* Without a host name the socket type is on the addresses. */
  const saddr_addr *a    = &p->addr[0];
  bool              host = p->need & SADDR_NEED_HOST;
  size_t            n    = strnlen(p->service, sizeof p->service);
  int               rc =
      saddr_services_lookup_proto(s, p->service, n, host ? p->type : a->type,
                                  host ? p->protocol : a->protocol, port, err);
  if (!(opts && opts->services))
    saddr_services_close(s);
  return rc < 0 ? moved(err, rc, p->service_offset, p->service_length) : 0;
}

/* A name that the hosts file does not know is a resolver's job: say so. */
static int not_in_file(const saddr_parsed *p, const saddr_hosts *h,
                       saddr_error *err) {
  char name[SADDR__EXCERPT_MAX];
  saddr__excerpt(p->host, strnlen(p->host, sizeof p->host), name);
  return saddr__fail(err, SADDR_ERESOLVE, p->host_offset, p->host_length,
                     "'%s' is not in %s, and bind does no DNS: resolve the "
                     "name, then bind its addresses",
                     name, saddr__hosts_name(h));
}

static int host_addrs(const saddr_parsed *p, const saddr_bind_opts *opts,
                      spec_addrs *out, saddr_error *err) {
  saddr_hosts *h = opts && opts->hosts ? opts->hosts : saddr_hosts_open(NULL);
  if (!h)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  int family = p->family == AF_RDS ? AF_INET : p->family;
  int rc =
      saddr_hosts_lookup(h, p->host, strnlen(p->host, sizeof p->host), family,
                         out->a, SADDR_HOSTS_ADDRS_MAX, &out->n, err);
  if (rc == SADDR_ENOTFOUND)
    rc = not_in_file(p, h, err);
  else if (rc < 0)
    rc = moved(err, rc, p->host_offset, p->host_length);
  if (!(opts && opts->hosts))
    saddr_hosts_close(h);
  if (rc < 0)
    return rc;
  for (size_t i = 0; i < out->n; i++) {
    out->a[i].family   = p->family == AF_RDS ? AF_RDS : out->a[i].family;
    out->a[i].type     = p->type;
    out->a[i].protocol = p->protocol;
    out->a[i].flags |=
        out->a[i].family == AF_INET6 ? p->flags : p->flags & ~SADDR_ADDR_V6ONLY;
  }
  return 0;
}

static int complete(const saddr_parsed *p, const saddr_bind_opts *opts,
                    spec_addrs *out, saddr_error *err) {
  uint16_t port = p->port;
  out->n        = 0;
  if (p->need & SADDR_NEED_SERVICE) {
    int rc = service_port(p, opts, &port, err);
    if (rc < 0)
      return rc;
  }
  if (p->need & SADDR_NEED_HOST) {
    int rc = host_addrs(p, opts, out, err);
    if (rc < 0)
      return rc;
  } else {
    out->n = p->count;
    memcpy(out->a, p->addr, p->count * sizeof p->addr[0]);
  }
  if (p->need)
    for (size_t i = 0; i < out->n; i++)
      if (saddr__bind_is_ip(&out->a[i]))
        saddr__bind_set_port(&out->a[i], port);
  return 0;
}

static int bind_spec(const char *text, size_t len, const saddr_hints *hints,
                     const saddr_bind_opts *opts, saddr_bound **out,
                     saddr_error *err) {
  saddr_hints h = {0};
  if (hints)
    h = *hints;
  h.flags |= SADDR_DEFER;
  if (opts && (opts->flags & SADDR_BIND_DUALSTACK))
    h.flags |= SADDR_DUALSTACK;
  saddr_parsed p;
  int          rc = saddr_parse(text, len, &h, &p, err);
  if (rc < 0)
    return rc;
  spec_addrs addrs;
  rc = complete(&p, opts, &addrs, err);
  if (rc < 0)
    return rc;
  rc = saddr_bind_addrs(addrs.a, addrs.n, opts, out, err);
  return rc < 0 ? moved(err, rc, 0, len) : 0;
}

int saddr_bind(const char *text, size_t len, const saddr_hints *hints,
               const saddr_bind_opts *opts, saddr_bound **out,
               saddr_error *err) {
  saddr_error local = {0};
  if (!out)
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "no output");
  int rc = bind_spec(text, len, hints, opts, out, &local);
  if (rc < 0 && err)
    *err = local;
  return rc;
}
