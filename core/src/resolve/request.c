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

static saddr__rq *rq_of(saddr__link *l) {
  return SADDR__ELEM(l, saddr__rq, dl);
}

void saddr__dl_insert(saddr_resolver *r, saddr__rq *rq) {
  saddr__link *after = r->dl.tail;
  while (after && rq_of(after)->deadline > rq->deadline)
    after = after->prev;
  saddr__list_insert(&r->dl, after, &rq->dl);
}

void saddr__dl_unlink(saddr_resolver *r, saddr__rq *rq) {
  saddr__list_unlink(&r->dl, &rq->dl);
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
  for (saddr__link *l = r->dl.head; l; l = l->next)
    if (rq_of(l)->id == id)
      return rq_of(l);
  return NULL;
}
