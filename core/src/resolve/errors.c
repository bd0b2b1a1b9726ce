/* The one error mapping of the resolver: what a query's outcome means, the
 * same on every c-ares version because it is decided from what saddr saw
 * (RCODEs, malformed replies, ICMP errors) before c-ares's own status.
 * Every message names the host; the error span points at it. */
#include "resolve/resolve.h"

int saddr__rcode_status(int rcode) {
  switch (rcode) {
  case 0:
    return 0;
  case 3:
    return SADDR_ENOTFOUND;
  case 5:
    return SADDR_EREFUSED;
  default: /* SERVFAIL, FORMERR, NOTIMP and the rest */
    return SADDR_ESERVFAIL;
  }
}

int saddr__query_status(int ares_status, unsigned seen) {
  if (ares_status == ARES_ENOMEM)
    return SADDR_ENOMEM;
  if (seen & SADDR__SEEN_SERVFAIL)
    return SADDR_ESERVFAIL;
  if (seen & SADDR__SEEN_REFUSED)
    return SADDR_EREFUSED;
  if (seen & (SADDR__SEEN_MALFORMED | SADDR__SEEN_TCPCUT))
    return SADDR_EBADRESP;
  if (seen & SADDR__SEEN_UNREACH)
    return SADDR_EUNREACH;
  switch (ares_status) {
  case ARES_ETIMEOUT:
    return SADDR_ETIMEDOUT;
  case ARES_ECONNREFUSED:
    return SADDR_EUNREACH;
  case ARES_EBADRESP:
  case ARES_EFORMERR:
  case ARES_EOF:
    return SADDR_EBADRESP;
  case ARES_EREFUSED:
    return SADDR_EREFUSED;
  case ARES_ENOTFOUND:
    return SADDR_ENOTFOUND;
  case ARES_ENODATA:
    return SADDR_ENODATA;
  default:
    return SADDR_ESERVFAIL;
  }
}

int saddr__host_error(int status, const char *h, size_t off, size_t n,
                      saddr_error *err) {
  switch (status) {
  case SADDR_ENOTFOUND:
    return saddr__fail(err, status, off, n, "no such name: %s", h);
  case SADDR_ENODATA:
    return saddr__fail(err, status, off, n,
                       "%s has no address of the requested family", h);
  case SADDR_EREFUSED:
    return saddr__fail(err, status, off, n,
                       "DNS server refused the query for %s", h);
  case SADDR_ETIMEDOUT:
    return saddr__fail(err, status, off, n,
                       "no answer for %s within the deadline", h);
  case SADDR_EBADRESP:
    return saddr__fail(err, status, off, n, "malformed DNS response for %s", h);
  case SADDR_EUNREACH:
    return saddr__fail(err, status, off, n,
                       "no DNS server reachable to look up %s", h);
  case SADDR_ENOMEM:
    return saddr__fail(err, status, off, n, "out of memory looking up %s", h);
  case SADDR_ECANCELED:
    return saddr__fail(err, status, off, n, "lookup of %s cancelled", h);
  case SADDR_EDESTROYED:
    return saddr__fail(err, status, off, n,
                       "resolver destroyed before %s was resolved", h);
  default:
    return saddr__fail(err, SADDR_ESERVFAIL, off, n,
                       "DNS server failure looking up %s", h);
  }
}

int saddr__lookup_error(int status, const saddr__rq *rq, saddr_error *err) {
  return saddr__host_error(status, rq->host, rq->host_off, rq->host_len, err);
}
