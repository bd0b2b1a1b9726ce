/* Event-loop integration: the descriptors c-ares wants watched, the next
 * timeout, and processing readiness. (The blocking helpers built on poll
 * are in sync.c, a layer above.) */
#include "resolve/resolve.h"

#include <limits.h>

size_t saddr_resolver_watches(const saddr_resolver *r, saddr_watch *out,
                              size_t cap) {
  if (r == NULL)
    return 0;
  for (size_t i = 0; i < r->nwatch && i < cap; i++) {
    out[i].fd     = r->watch[i].fd;
    out[i].events = r->watch[i].events;
  }
  return r->nwatch;
}

int saddr_resolver_timeout(saddr_resolver *r) {
  if (r == NULL)
    return -1;
  long long        ms    = saddr__tx_timeout(r);
  const saddr__rq *first = saddr__dl_first(r);
  if (first != NULL) {
    uint64_t  now = saddr__now_ms(), dl = first->deadline;
    long long left = dl > now ? (long long)(dl - now) : 0;
    if (ms < 0 || left < ms)
      ms = left;
  }
  int c = r->client ? r->client->timeout(r->client_state) : -1;
  if (c >= 0 && (ms < 0 || c < ms))
    ms = c;
  return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* One processing step: the client above the resolver (the connect helper)
 * takes its own descriptors and timers first; then c-ares reads and times
 * out (answers run the pipeline), then deadlines and family delays, then the
 * send queue, whose slots the steps before may have freed. */
void saddr__loop_process(saddr_resolver *r, int fd, unsigned events) {
  if (r->client && r->client->process(r->client_state, fd, events))
    fd = -1;
  saddr__tx_process(r, fd, events);
  if (!r->destroying)
    saddr__expire(r, saddr__now_ms());
  saddr__pump(r);
}
