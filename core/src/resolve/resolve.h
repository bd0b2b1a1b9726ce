/* Internals of the resolver (core/src/resolve/): the resolver and request
 * structs, the answer cache and the result builder. Nothing here leaves the
 * library. */
#ifndef SADDR_RESOLVE_H
#define SADDR_RESOLVE_H

#include "family/family.h"

#include "resolve/dnsmsg.h"
#include "resolve/list.h"

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

/* ---- The answer cache (cache.c) -------------------------------------------
 * A hash table of (family, name) -> one family's addresses with an absolute
 * expiry, and an LRU list that bounds its size. */
typedef struct saddr__centry saddr__centry;

typedef struct saddr__cache {
  saddr__centry **slot;
  size_t          nslots; /* a power of two */
  size_t          count;
  size_t          max;     /* 0: the cache is off */
  uint32_t        max_ttl; /* answers are kept at most this long */
  saddr__list     lru;     /* most recently used first */
} saddr__cache;

/* The clock (ms) of every time given to the cache. */
uint64_t saddr__cache_now_ms(void);
int      saddr__cache_init(saddr__cache *c, size_t max, uint32_t max_ttl);
void     saddr__cache_free(saddr__cache *c);
/* A request's whole answer from the cache: family AF_INET or AF_INET6, or
 * AF_UNSPEC for both (IPv6 first, the families interleaved, the IPv6
 * entry's canonical name). A hit needs every family asked for; then *hit
 * is true and the result (NULL: out of memory) is stamped with st, its
 * TTLs what remains. */
saddr_result *saddr__cache_get(saddr__cache *c, int family, const char *name,
                               const saddr__stamp *st, uint64_t now_ms,
                               bool *hit);
/* On a hit, a malloc'ed copy of the addresses (TTLs: what remains) in
 * *out and the canonical name; returns how many (0: a miss). */
size_t saddr__cache_raw(saddr__cache *c, int family, const char *name,
                        uint64_t now_ms, saddr__raw **out, char *canonical,
                        size_t canonical_cap);
/* Stores a copy of raw (already interleaved) unless ttl is 0. */
void saddr__cache_put(saddr__cache *c, int family, const char *name,
                      const char *canonical, const saddr__raw *raw,
                      size_t count, uint32_t ttl, uint64_t now_ms);

/* ---- Requests, queries and the resolver --------------------------------
 * The files of this directory form layers; each calls only the ones below
 * it (c-ares and the transport reach upward only through the callback
 * pointer the resolver installs):
 *   result.c cache.c dnsmsg.c errors.c   leaves (list.h: inline, for all)
 *   request.c    the request table: deadlines, the user's callback
 *   transport.c  c-ares: the channel, its sockets, the noise filter
 *   lookup.c     the pipeline: local, hosts, cache, DNS per family
 *   loop.c       event-loop integration (watches, timeout, processing)
 *   resolver.c   the public entry points and the resolver's life
 *   sync.c       the blocking helpers (run, resolve_sync) */

typedef struct saddr__rq saddr__rq;
typedef struct saddr__sq saddr__sq;

/* What the transport saw of a query's replies besides the final answer. */
#define SADDR__SEEN_MALFORMED 0x01u /* a reply to it was malformed */
#define SADDR__SEEN_SERVFAIL  0x02u /* a server answered SERVFAIL */
#define SADDR__SEEN_REFUSED   0x04u /* a server answered REFUSED */
#define SADDR__SEEN_UNREACH   0x08u /* ICMP: nothing listens at the server */
#define SADDR__SEEN_TCPCUT    0x10u /* a TCP connection ended mid-answer */
#define SADDR__SEEN_ANSWERED  0x20u /* a well-formed reply arrived */

#define SADDR__SQ_PENDING 1 /* saddr__sq.status before an answer */

/* One DNS query: one family of one request. It outlives its request when
 * the request completes first (deadline, cancel): then rq is NULL and only
 * the cache may still use the answer. */
struct saddr__sq {
  saddr_resolver *r;
  saddr__rq      *rq;
  saddr__link     link;   /* on r->sent while c-ares holds it */
  int             family; /* AF_INET or AF_INET6 */
  int             qtype;
  saddr__dname    qname;
  uint64_t        qhash;
  unsigned        seen;    /* SADDR__SEEN_* */
  int             status;  /* SADDR__SQ_PENDING, 0 or a saddr status */
  bool            sent;    /* c-ares holds it and will call back */
  bool            cached;  /* answered from the cache */
  unsigned        resends; /* times asked again (see lookup.c) */
  size_t          count;
  saddr__raw     *raw;
  char            canonical[SADDR__DNS_NAME_MAX + 1];
  char            host[SADDR_HOST_MAX];
};

struct saddr__rq {
  saddr_resolver  *r;
  saddr__link      dl;     /* on the resolver's live requests, by deadline */
  saddr__rq       *q_next; /* the send queue */
  saddr_request_id id;
  uint64_t         deadline; /* CLOCK_MONOTONIC, ms: when it completes */
  uint64_t         hard;     /* the caller's deadline */
  saddr_resolve_cb cb;
  void            *data;
  saddr__stamp     st;
  saddr__sq       *sq[2];   /* AAAA first, then A; NULL when not asked */
  unsigned         queries; /* queries to send (1 or 2) */
  unsigned         family_delay_ms;    /* 0: complete when both families have */
  bool             queued;             /* still in the send queue */
  bool             done;               /* the user's callback has run */
  size_t           host_off, host_len; /* the name in the request text */
  char             host[SADDR_HOST_MAX];
};

/* A subsystem above the resolver with sockets and timers on its loop (the
 * connect helper, core/src/connect/). Its descriptors join r->watch through
 * saddr__watch_set; these calls serve the rest. process returns true
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

typedef struct saddr__tx saddr__tx; /* transport state (transport.c) */

/* How the transport hands a finished query up: status is a c-ares status,
 * abuf the reply c-ares accepted (NULL unless status is ARES_SUCCESS). */
typedef void (*saddr__answer_fn)(saddr__sq *sq, int status,
                                 const unsigned char *abuf, size_t alen);

struct saddr_resolver {
  ares_channel         ch;
  saddr__tx           *tx;
  saddr__answer_fn     on_answer;
  saddr_hosts         *hosts; /* NULL: SADDR_RESOLVER_NO_HOSTS */
  saddr_services      *services;
  unsigned             flags;
  unsigned             deadline_ms;
  unsigned             family_delay_ms;
  size_t               max_inflight;
  size_t               max_abandoned;
  size_t               inflight;  /* queries of live requests in c-ares */
  size_t               abandoned; /* queries of completed requests */
  size_t               live;      /* requests whose callback is due */
  saddr__rq           *q_head, *q_tail;
  saddr__list          dl;   /* live requests, earliest deadline first */
  saddr__list          sent; /* queries c-ares holds */
  saddr__rq           *dead; /* completed requests to free (lookup.c) */
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

/* ---- request.c: the request table ---- */
/* The live request that completes first; NULL when none is live. */
static inline saddr__rq *saddr__dl_first(const saddr_resolver *r) {
  return r->dl.head ? SADDR__ELEM(r->dl.head, saddr__rq, dl) : NULL;
}
void saddr__dl_insert(saddr_resolver *r, saddr__rq *rq);
void saddr__dl_unlink(saddr_resolver *r, saddr__rq *rq);
/* Moves a live request to a new (earlier) completion time. */
void saddr__dl_move(saddr_resolver *r, saddr__rq *rq, uint64_t when);
/* Runs the user's callback once and takes the request off the live list. */
void       saddr__rq_callback(saddr__rq *rq, int status, saddr_result *res,
                              const saddr_error *err);
saddr__rq *saddr__rq_find(saddr_resolver *r, saddr_request_id id);

/* ---- errors.c ---- */
/* The saddr status of a query that ended without an answer saddr could
 * use: c-ares's status, refined by what the transport saw. */
int saddr__query_status(int ares_status, unsigned seen);
/* The saddr status a reply's RCODE means (0 for NOERROR). */
int saddr__rcode_status(int rcode);
/* Fills err for status with a message that names host, which is len
 * bytes at off in the request text. */
int saddr__host_error(int status, const char *host, size_t off, size_t len,
                      saddr_error *err);
/* The same for rq's host. */
int saddr__lookup_error(int status, const saddr__rq *rq, saddr_error *err);

/* ---- transport.c: c-ares ---- */
int  saddr__tx_init(saddr_resolver *r, const saddr_resolver_options *o,
                    saddr_error *err);
void saddr__tx_free(saddr_resolver *r);
/* Hands sq to c-ares; r->on_answer runs once for it, possibly inside. */
void saddr__tx_send(saddr_resolver *r, saddr__sq *sq);
void saddr__tx_process(saddr_resolver *r, int fd, unsigned events);
/* Milliseconds until c-ares needs processing, -1 when it does not. */
long long saddr__tx_timeout(saddr_resolver *r);
/* Sets the events watched on fd (0: stop watching) and tells watch_cb. */
void saddr__watch_set(saddr_resolver *r, int fd, unsigned events);
/* Tests and the fuzzer: the socket layer under the noise filter (the real
 * system calls by default). */
void saddr__tx_lower(saddr_resolver *r, const struct ares_socket_functions *f,
                     void *data);

/* ---- lookup.c: the pipeline ---- */
void saddr__lookup_start(saddr_resolver *r, const char *text, size_t len,
                         const saddr_hints *hints, unsigned deadline_ms,
                         saddr_resolve_cb cb, void *data, saddr_request_id id);
void saddr__lookup_answer(saddr__sq *sq, int status, const unsigned char *abuf,
                          size_t alen);
/* Completes rq with status (SADDR_ECANCELED, SADDR_EDESTROYED). */
void saddr__lookup_end(saddr__rq *rq, int status, const char *why);
/* Sends queued requests while the in-flight bounds allow. */
void saddr__pump(saddr_resolver *r);
/* Completes every live request whose time has come. */
void saddr__expire(saddr_resolver *r, uint64_t now);
/* Frees completed requests; runs when the outermost public call returns. */
void saddr__lookup_reap(saddr_resolver *r);
/* Frees the queue (the resolver is going away). */
void saddr__lookup_free(saddr_resolver *r);

/* ---- loop.c ---- */
void saddr__loop_process(saddr_resolver *r, int fd, unsigned events);

/* ---- resolver.c ---- */
/* Entry and exit of every public function that may run callbacks: the
 * resolver is freed on the way out when a callback destroyed it. */
void saddr__enter(saddr_resolver *r);
void saddr__leave(saddr_resolver *r);

/* ---- sync.c: the blocking helpers ---- */
/* poll(2) revents as SADDR_WATCH_* events (the connect helper's wait too). */
unsigned saddr__revents_of(short revents);

#endif
