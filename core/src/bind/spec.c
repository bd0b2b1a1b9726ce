/* saddr_bind(): a spec's text to bound sockets. Service names come from the
 * services file and host names from the hosts file; DNS is the resolver's
 * business, not this call's. */
#include "bind/bind.h"
#include "local/local.h"

#include <string.h>

/* The addresses of one spec, completed. */
typedef struct spec_addrs {
  saddr_addr a[SADDR_HOSTS_ADDRS_MAX];
  size_t     n;
} spec_addrs;

static int service_port(saddr_parsed *p, const saddr_bind_opts *opts,
                        saddr_error *err) {
  saddr_services *s =
      opts && opts->services ? opts->services : saddr_services_open(NULL);
  if (!s)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  int rc = saddr__service_complete(s, p, err);
  if (!(opts && opts->services))
    saddr_services_close(s);
  return rc;
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
  /* The name looked up is the text's host after IDNA: errors span the
   * host as written. */
  int rc = saddr__hosts_find(h, p->host, strnlen(p->host, sizeof p->host),
                             p->host_offset, p->host_length, family, out->a,
                             SADDR_HOSTS_ADDRS_MAX, &out->n, err);
  if (rc == SADDR_ENOTFOUND)
    rc = not_in_file(p, h, err);
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

static int complete(saddr_parsed *p, const saddr_bind_opts *opts,
                    spec_addrs *out, saddr_error *err) {
  out->n = 0;
  if (p->need & SADDR_NEED_SERVICE) {
    int rc = service_port(p, opts, err);
    if (rc < 0)
      return rc;
  }
  if (!(p->need & SADDR_NEED_HOST)) {
    out->n = p->count;
    memcpy(out->a, p->addr, p->count * sizeof p->addr[0]);
    return 0;
  }
  int rc = host_addrs(p, opts, out, err);
  for (size_t i = 0; rc == 0 && i < out->n; i++)
    (void)saddr_addr_set_port(&out->a[i], p->port);
  return rc;
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
  /* A socket that fails stands for the whole spec. */
  if (rc < 0 && err)
    err->length = len;
  return rc < 0 ? rc : 0;
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
