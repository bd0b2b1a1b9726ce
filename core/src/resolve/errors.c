/* The one place where c-ares statuses become saddr statuses. Every message
 * names the host, and the error span points at it in the request text. */
#include "resolve/resolve.h"

int saddr__ares_error(int status, const saddr__rq *rq, saddr_error *err) {
  size_t      off = rq->host_off, n = rq->host_len;
  const char *h = rq->host;
  switch (status) {
  case ARES_ENOTFOUND:
    return saddr__fail(err, SADDR_ENOTFOUND, off, n, "no such name: %s", h);
  case ARES_ENODATA:
    return saddr__fail(err, SADDR_ENODATA, off, n,
                       "%s has no address of the requested family", h);
  case ARES_ESERVFAIL:
  case ARES_ENOTIMP:
    return saddr__fail(err, SADDR_ESERVFAIL, off, n,
                       "DNS server failure looking up %s", h);
  case ARES_EREFUSED:
    return saddr__fail(err, SADDR_EREFUSED, off, n,
                       "DNS server refused the query for %s", h);
  case ARES_ECONNREFUSED:
    /* c-ares reports this when every server failed: SERVFAIL and REFUSED
     * answers and unreachable servers alike. */
    return saddr__fail(err, SADDR_ESERVFAIL, off, n,
                       "no DNS server gave a usable answer for %s", h);
  case ARES_ETIMEOUT:
    return saddr__fail(err, SADDR_ETIMEDOUT, off, n,
                       "DNS server did not answer for %s", h);
  case ARES_EBADRESP:
  case ARES_EFORMERR:
  case ARES_EOF:
    return saddr__fail(err, SADDR_EBADRESP, off, n,
                       "malformed DNS response for %s", h);
  case ARES_ENOMEM:
    return saddr__fail(err, SADDR_ENOMEM, off, n, "out of memory looking up %s",
                       h);
  case ARES_EBADNAME:
    return saddr__fail(err, SADDR_EHOSTNAME, off, n,
                       "c-ares refused the name %s", h);
  default:
    return saddr__fail(err, SADDR_ESERVFAIL, off, n, "lookup of %s failed: %s",
                       h, ares_strerror(status));
  }
}
