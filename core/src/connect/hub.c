/* Layer 4 of the connect helper: the hub, a resolver's connects on the
 * resolver's loop. It answers the loop's questions (which socket is whose,
 * when the next timer is due, how many connects are pending), hands
 * readiness and expired timers down to the attempts (attempt.c), completes
 * every connect when the resolver is destroyed, and frees finished
 * connects once no hub code is on the stack, so that callbacks may cancel
 * or destroy anything. Nothing below calls up into it. */
#include "connect/connect.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static bool reapable(const saddr__conn *c) {
  if (!c->done)
    return false;
  for (size_t i = 0; i < c->nsub; i++)
    if (c->sub[i].pending)
      return false;
  return true;
}

void saddr__hub_enter(saddr__hub *h) { h->busy++; }

void saddr__hub_leave(saddr__hub *h) {
  if (--h->busy > 0)
    return;
  saddr__conn **pp = &h->head, *last = NULL;
  while (*pp) {
    saddr__conn *c = *pp;
    if (reapable(c)) {
      *pp = c->next;
      saddr__conn_release(h, c);
    } else {
      last = c;
      pp   = &c->next;
    }
  }
  h->tail = last;
}

/* The earliest time c needs the loop, or UINT64_MAX. */
static uint64_t due(const saddr__conn *c) {
  uint64_t t = c->deadline;
  if (!c->started && c->rd_until != 0 && c->rd_until < t)
    t = c->rd_until;
  bool room = c->max_parallel == 0 || c->running < c->max_parallel;
  if (c->started && c->race && c->running > 0 && room && c->next_at < t &&
      c->untried > 0)
    t = c->next_at;
  return t;
}

static void on_timers(saddr__conn *c, uint64_t now) {
  if (now >= c->deadline) {
    char        what[SADDR__WHAT_MAX];
    saddr_error err;
    saddr__fail(&err, SADDR_ETIMEDOUT, 0, c->text_len,
                "no connection to %s within the deadline",
                saddr__what(c, what));
    saddr__conn_finish(c, SADDR_ETIMEDOUT, &err, ETIMEDOUT);
    return;
  }
  if (!c->started && c->rd_until != 0 && now >= c->rd_until)
    c->started = true;
  saddr__conn_schedule(c, now);
}

bool saddr__hub_process(void *state, int fd, unsigned events) {
  saddr__hub *h    = state;
  bool        mine = false;
  saddr__hub_enter(h);
  for (saddr__conn *c = h->head; fd >= 0 && c && !mine; c = c->next)
    for (size_t i = 0; !c->done && i < c->ntries && !mine; i++)
      if (c->tries[i].fd == fd) {
        mine = true;
        saddr__try_ready(c, &c->tries[i], events);
      }
  uint64_t now = saddr__now_us();
  /* Connects started by callbacks join the list's tail and are visited
   * too; finished ones stay linked until the hub is left. */
  for (saddr__conn *c = h->head; c && !h->r->destroying; c = c->next)
    if (!c->done && due(c) <= now)
      on_timers(c, now);
  saddr__hub_leave(h);
  return mine;
}

int saddr__hub_timeout(void *state) {
  saddr__hub *h = state;
  uint64_t    t = UINT64_MAX;
  for (const saddr__conn *c = h->head; c; c = c->next)
    if (!c->done) {
      uint64_t d = due(c);
      t          = d < t ? d : t;
    }
  if (t == UINT64_MAX)
    return -1;
  uint64_t now = saddr__now_us();
  if (t <= now)
    return 0;
  uint64_t ms = (t - now + 999) / 1000;
  return ms > INT_MAX ? INT_MAX : (int)ms;
}

static size_t hub_pending(const void *state) {
  return ((const saddr__hub *)state)->live;
}

static void hub_destroy(void *state) {
  char        what[SADDR__WHAT_MAX];
  saddr__hub *h = state;
  saddr__hub_enter(h);
  for (saddr__conn *c = h->head; c; c = c->next)
    if (!c->done) {
      saddr_error err;
      saddr__fail(&err, SADDR_EDESTROYED, 0, c->text_len,
                  "resolver destroyed before %s connected",
                  saddr__what(c, what));
      saddr__conn_finish(c, SADDR_EDESTROYED, &err, ECANCELED);
    }
  saddr__hub_leave(h);
}

static void hub_free(void *state) {
  saddr__hub *h = state;
  while (h->head) {
    saddr__conn *c = h->head;
    h->head        = c->next;
    saddr__conn_free(c);
  }
  free(h->spare);
  free(h);
}

static const saddr__client hub_client = {
    .process = saddr__hub_process,
    .timeout = saddr__hub_timeout,
    .pending = hub_pending,
    .destroy = hub_destroy,
    .free    = hub_free,
};

saddr__hub *saddr__hub_get(saddr_resolver *r) {
  if (r->client != NULL)
    return r->client_state;
  saddr__hub *h = calloc(1, sizeof(*h));
  if (h == NULL)
    return NULL;
  h->r            = r;
  r->client       = &hub_client;
  r->client_state = h;
  return h;
}
