/* The request table: live requests ordered by the time they complete, and
 * the one place where the user's callback runs. The lowest layer of the
 * resolver: it calls nothing else in it. */
#include "resolve/resolve.h"

#include <time.h>

static const saddr_error no_error;

uint64_t saddr__now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void saddr__dl_insert(saddr_resolver *r, saddr__rq *rq) {
  saddr__rq *after = r->dl_tail;
  while (after && after->deadline > rq->deadline)
    after = after->dl_prev;
  rq->dl_prev = after;
  rq->dl_next = after ? after->dl_next : r->dl_head;
  if (rq->dl_next)
    rq->dl_next->dl_prev = rq;
  else
    r->dl_tail = rq;
  if (after)
    after->dl_next = rq;
  else
    r->dl_head = rq;
}

void saddr__dl_unlink(saddr_resolver *r, saddr__rq *rq) {
  if (rq->dl_prev)
    rq->dl_prev->dl_next = rq->dl_next;
  else
    r->dl_head = rq->dl_next;
  if (rq->dl_next)
    rq->dl_next->dl_prev = rq->dl_prev;
  else
    r->dl_tail = rq->dl_prev;
  rq->dl_prev = rq->dl_next = NULL;
}

void saddr__dl_move(saddr_resolver *r, saddr__rq *rq, uint64_t when) {
  if (when >= rq->deadline)
    return;
  saddr__dl_unlink(r, rq);
  rq->deadline = when;
  saddr__dl_insert(r, rq);
}

void saddr__rq_callback(saddr__rq *rq, int status, saddr_result *res,
                        const saddr_error *err) {
  saddr_resolver *r = rq->r;
  rq->done          = true;
  saddr__dl_unlink(r, rq);
  r->live--;
  rq->cb(rq->data, status, res, err ? err : &no_error);
}

saddr__rq *saddr__rq_find(saddr_resolver *r, saddr_request_id id) {
  saddr__rq *rq = r->dl_head;
  while (rq && rq->id != id)
    rq = rq->dl_next;
  return rq;
}
