/* Internals of the resolver (core/src/resolve/): the resolver and request
 * structs, the answer cache and the result builder. Nothing here leaves the
 * library. */
#ifndef SADDR_RESOLVE_H
#define SADDR_RESOLVE_H

#include "internal.h"

#include <ares.h>

/* One address on its way into a result: the family, the network-order
 * bytes, the IPv6 scope and the TTL it came with. Results, the cache and
 * the hosts-file answers all pass through this shape. */
typedef struct saddr__raw {
  int           family; /* AF_INET or AF_INET6 */
  uint32_t      scope;
  uint32_t      ttl;
  unsigned char a[16];
} saddr__raw;

/* What saddr stamps on every address it returns. */
typedef struct saddr__stamp {
  int      family; /* the family to report: AF_INET, AF_INET6 or AF_RDS */
  int      type;
  int      protocol;
  unsigned flags;
  uint16_t port;
} saddr__stamp;

/* ---- Results (result.c) -------------------------------------------------- */

/* Builds one block holding count stamped addresses, their TTLs and both
 * names. Returns NULL when out of memory. */
saddr_result *saddr__result_make(const saddr__raw *raw, size_t count,
                                 const saddr__stamp *st, const char *name,
                                 const char *canonical, int source);
/* A result that carries finished addresses (local answers). */
saddr_result *saddr__result_copy(const saddr_addr *addr, size_t count,
                                 const char *name, int source);
/* Reorders raw in place: IPv6 first, then alternating families, each family
 * keeping its own order (RFC 8305 section 4). */
void saddr__interleave(saddr__raw *raw, size_t count);
/* Sets the port of an AF_INET, AF_INET6 or AF_RDS address. */
void saddr__set_port(saddr_addr *a, uint16_t port);

/* ---- The answer cache (cache.c) -------------------------------------------
 * A hash table of (family, name) -> interleaved addresses with an absolute
 * expiry, and an LRU list that bounds its size. */
typedef struct saddr__centry saddr__centry;

typedef struct saddr__cache {
  saddr__centry **slot;
  size_t          nslots; /* a power of two */
  size_t          count;
  size_t          max;                 /* 0: the cache is off */
  uint32_t        max_ttl;             /* answers are kept at most this long */
  saddr__centry  *lru_head, *lru_tail; /* most recently used first */
} saddr__cache;

int  saddr__cache_init(saddr__cache *c, size_t max, uint32_t max_ttl);
void saddr__cache_free(saddr__cache *c);
/* On a hit, a result stamped with st whose TTLs are what remains. */
saddr_result *saddr__cache_get(saddr__cache *c, int family, const char *name,
                               const saddr__stamp *st, uint64_t now_ms,
                               bool *hit);
/* Stores a copy of raw (already interleaved) unless ttl is 0. */
void saddr__cache_put(saddr__cache *c, int family, const char *name,
                      const char *canonical, const saddr__raw *raw,
                      size_t count, uint32_t ttl, uint64_t now_ms);

/* ---- Requests and the resolver (resolver.c, request.c, loop.c) ----------- */

typedef struct saddr__rq saddr__rq;

struct saddr__rq {
  saddr_resolver  *r;
  saddr__rq       *dl_prev, *dl_next; /* live requests by deadline */
  saddr__rq       *q_next;            /* the send queue */
  saddr_request_id id;
  uint64_t         deadline; /* CLOCK_MONOTONIC, ms */
  saddr_resolve_cb cb;
  void            *data;
  saddr__stamp     st;
  int              ai_family; /* what c-ares is asked for */
  unsigned         queries;   /* DNS queries this lookup costs (1 or 2) */
  bool             queued;    /* still in the send queue */
  bool             sent;      /* handed to c-ares, which will call back */
  bool             done;      /* the user's callback has run */
  size_t           host_off, host_len; /* the name in the request text */
  char             host[SADDR_HOST_MAX];
};

/* A subsystem above the resolver with sockets and timers on its loop (the
 * connect helper, core/src/connect/). Its descriptors join r->watch through
 * saddr__on_sock_state; these calls serve the rest. process returns true
 * when fd is its own (fd -1: only its timers are due). */
typedef struct saddr__client {
  bool (*process)(void *state, int fd, unsigned events);
  int (*timeout)(void *state); /* ms, -1 when nothing is due */
  size_t (*pending)(const void *state);
  void (*destroy)(void *state); /* completes all with SADDR_EDESTROYED */
  void (*free)(void *state);
} saddr__client;

typedef struct saddr__watch {
  int      fd;
  unsigned events;
} saddr__watch;

struct saddr_resolver {
  ares_channel         ch;
  saddr_hosts         *hosts; /* NULL: SADDR_RESOLVER_NO_HOSTS */
  saddr_services      *services;
  unsigned             flags;
  unsigned             deadline_ms;
  size_t               max_inflight;
  size_t               inflight; /* c-ares queries outstanding */
  size_t               live;     /* requests whose callback is due */
  saddr__rq           *q_head, *q_tail;
  saddr__rq           *dl_head, *dl_tail;
  saddr_request_id     next_id;
  saddr__cache         cache;
  saddr__watch        *watch;
  size_t               nwatch, capwatch;
  saddr_watch_cb       watch_cb;
  void                *watch_data;
  int                  depth;      /* public entry points on the stack */
  bool                 destroying; /* saddr_resolver_destroy has begun */
  bool                 pumping;
  saddr_resolver_stats stats;
  const saddr__client *client; /* NULL until the first saddr_connect */
  void                *client_state;
};

uint64_t saddr__now_ms(void);

/* Entry and exit of every public function that may run callbacks: the
 * resolver is freed on the way out when a callback destroyed it. */
void saddr__enter(saddr_resolver *r);
void saddr__leave(saddr_resolver *r);
/* Frees what destroy left when it ran inside a callback. */
void saddr__resolver_free(saddr_resolver *r);

/* Runs the user's callback once and takes the request off the live list. */
void saddr__complete(saddr__rq *rq, int status, saddr_result *res,
                     const saddr_error *err);
/* Sends queued requests while the in-flight bound allows. */
void saddr__pump(saddr_resolver *r);
/* Completes every live request whose deadline has passed. */
void saddr__expire(saddr_resolver *r, uint64_t now);
/* Frees a request that is neither queued nor awaiting c-ares. */
void saddr__rq_release(saddr__rq *rq);

/* c-ares's socket-state callback: keeps r->watch current. */
void saddr__on_sock_state(void *data, ares_socket_t fd, int readable,
                          int writable);

/* Translates a c-ares status into a saddr_status, with a message that
 * names the host. */
int saddr__ares_error(int status, const saddr__rq *rq, saddr_error *err);

#endif
