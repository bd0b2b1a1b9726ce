/* Internals of the connect helper (core/src/connect/): a connect request,
 * its address list and attempts, and the hub that keeps a resolver's
 * connects on the resolver's loop. Nothing here leaves the library.
 *
 * The files are layered and calls only go down: conn.c (the record) <-
 * order.c (the destination list) <- attempt.c (sockets and completion) <-
 * hub.c (the resolver loop's glue) <- request.c and sync.c (the API).
 * The declarations below follow that order. */
#ifndef SADDR_CONNECT_H
#define SADDR_CONNECT_H

#include "resolve/resolve.h"

typedef struct saddr__conn saddr__conn;
typedef struct saddr__hub  saddr__hub;

/* One resolver request on behalf of a connect: IPv6 or IPv4 of an
 * AF_UNSPEC name, or the whole spec. */
typedef struct saddr__sub {
  saddr__conn     *c;
  saddr_request_id id;
  int              family; /* AF_INET6, AF_INET, or AF_UNSPEC for all */
  bool             pending;
  int              status;
  saddr_error      err;
} saddr__sub;

/* A destination, and whether an attempt has used it. */
typedef struct saddr__cand {
  saddr_addr addr;
  size_t     seq; /* arrival order: the resolver's order among equals */
  bool       tried;
} saddr__cand;

/* An attempt: its public record and, while it runs, its socket. */
typedef struct saddr__try {
  saddr_attempt rec;
  int           fd; /* -1 once it ended */
} saddr__try;

struct saddr__conn {
  saddr__hub      *hub;
  saddr__conn     *next; /* the hub's list, in start order */
  saddr_request_id id;
  saddr_connect_cb cb;
  void            *data;
  unsigned         flags;
  uint64_t         attempt_delay, resolution_delay; /* us */
  size_t           max_parallel;                    /* 0: no cap */
  bool             race;         /* Happy Eyeballs; else one at a time */
  bool             started;      /* attempts may start */
  bool             done;         /* the callback has run */
  uint64_t         t0, deadline; /* CLOCK_MONOTONIC, us */
  uint64_t         next_at;      /* the next attempt's start */
  uint64_t         rd_until;     /* the resolution delay ends; 0: none */
  size_t           text_len;
  size_t           nsrc, nsub;
  saddr__cand     *cand; /* cand_inline until it outgrows it */
  size_t           ncand, capcand, seq, untried;
  saddr__try      *tries; /* tries_inline until it outgrows it */
  size_t           ntries, captries, running;
  /* From here on every field is written before it is read, so a reused
   * connect is zeroed only up to text. */
  char        text[64]; /* the spec's first bytes, for messages */
  saddr_addr  src[SADDR_PARSED_MAX];
  saddr__sub  sub[2];
  saddr__cand cand_inline[SADDR_PARSED_MAX];
  saddr__try  tries_inline[SADDR_PARSED_MAX];
};

struct saddr__hub {
  saddr_resolver *r;
  saddr__conn    *head, *tail;
  saddr__conn    *spare;  /* one freed connect kept for the next */
  uint64_t        opened; /* attempts opened, ever */
  size_t          live;   /* connects whose callback is due */
  int             busy;   /* hub code on the stack: nothing is freed */
};

/* ---- The record (conn.c): calls nothing else in connect/ ---------------- */

uint64_t saddr__now_us(void);

/* The spec for a message: printable ASCII, shortened with "...". */
#define SADDR__WHAT_MAX 72
const char *saddr__what(const saddr__conn *c, char *buf);

/* A zeroed connect (NULL when out of memory); its release, which keeps
 * one record in h for the next connect; and its freeing. */
saddr__conn *saddr__conn_new(saddr__hub *h);
void         saddr__conn_release(saddr__hub *h, saddr__conn *c);
void         saddr__conn_free(saddr__conn *c);
/* Doubles an array that starts in storage inside the connect (inl). */
bool saddr__grow(void **p, size_t *cap, size_t size, void *inl);

/* ---- The address list (order.c): calls the record ------------------------ */

/* Adds n addresses not yet known (duplicates are dropped). Returns false
 * when out of memory. */
bool saddr__cand_add(saddr__conn *c, const saddr_addr *a, size_t n);
/* The next destination to try, or NULL: racing connects take the RFC 6724
 * and RFC 8305 order of all known addresses, the others arrival order. */
saddr__cand *saddr__cand_next(saddr__conn *c);

/* ---- Attempts (attempt.c): call the list and the record ------------------ */

/* Readiness that saddr's own poll loop collected after the last attempt
 * opened: it cannot be stale, so SO_ERROR alone tells the outcome. */
#define SADDR__WATCH_FRESH 0x100u

/* Starts attempts as the request's state allows, and completes it when
 * nothing is left to wait for. */
void saddr__conn_schedule(saddr__conn *c, uint64_t now);
/* Readiness on an attempt's socket. */
void saddr__try_ready(saddr__conn *c, saddr__try *t, unsigned events);
/* Completes the request with a failure status: closes its attempts (their
 * outcome CLOSED with why), cancels its lookups and runs the callback with
 * the attempts' records. Does nothing once the request is complete. */
void saddr__conn_finish(saddr__conn *c, int status, const saddr_error *err,
                        int why);
/* The saddr_status for a connect(2) errno. */
int saddr__connect_code(int e);
/* The status, errno and message of a request whose attempts all failed. */
int saddr__conn_failure(const saddr__conn *c, saddr_error *err);

/* ---- The hub (hub.c): calls attempts and the record ---------------------- */

/* The resolver loop's calls into the hub (saddr__client). */
bool saddr__hub_process(void *state, int fd, unsigned events);
int  saddr__hub_timeout(void *state);

/* The hub of r, created on first use (NULL when out of memory). */
saddr__hub *saddr__hub_get(saddr_resolver *r);
void        saddr__hub_enter(saddr__hub *h);
/* Frees finished connects once no hub code is on the stack. */
void saddr__hub_leave(saddr__hub *h);

/* request.c (saddr_connect and its cancel) and sync.c (the blocking
 * wrapper) are the top: they call everything above, and nothing here
 * calls them. */

#endif
