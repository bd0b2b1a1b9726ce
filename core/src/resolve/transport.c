/* The transport: c-ares carries saddr's queries (servers, retries,
 * failover, TCP fallback, EDNS, cookies) and hands back the raw replies.
 *
 * Every socket c-ares uses goes through the hooks of this file. Outgoing
 * queries are recorded (socket, id, question); every incoming datagram is
 * read here first and given to c-ares only when it is a well-formed reply
 * to a recorded query from the server's address. Noise therefore never
 * reaches c-ares, whose reaction to it differs between versions (1.2x and
 * later fail every query on the socket). What the hooks see (RCODEs,
 * malformed replies, ICMP errors, cut TCP answers) is noted on the query
 * so that errors mean the same on every version. A UDP reply larger than
 * the payload saddr offered is handed over as an empty truncated reply, so
 * every version asks again over TCP.
 *
 * ares_send and ares_set_socket_functions are deprecated (not removed) in
 * c-ares 1.34; they are the calls that exist, with the same meaning, on
 * every version from 1.18 on. */
#define CARES_NO_DEPRECATED
#include "resolve/resolve.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

/* Queries remembered for matching replies. A reply whose query has been
 * forgotten is dropped, so this is sized for several times the in-flight
 * bound with retries. */
#define RING        1024
#define DRAIN       64 /* datagrams read per call before yielding */
#define TX_BUF      65536
#define MIN_RUNTIME 0x011201 /* 1.18.1 */

/* Option bits and fields that c-ares 1.22/1.23 appended; compiled against
 * older headers, they are spelled out here (the layout is frozen). */
#ifndef ARES_OPT_MAXTIMEOUTMS
#define ARES_OPT_MAXTIMEOUTMS (1 << 20)
#define SADDR__OLD_HEADERS
#endif
#ifndef ARES_OPT_QUERY_CACHE
#define ARES_OPT_QUERY_CACHE (1 << 21)
#endif

/* The fields newer c-ares reads after the 1.18 block; only maxtimeout and
 * qcache_max_ttl are set, the others keep the layout (zero: unused). */
typedef struct opts {
  struct ares_options o;
#ifdef SADDR__OLD_HEADERS
  /* cppcheck-suppress unusedStructMember */
  char *hosts_path;
  /* cppcheck-suppress unusedStructMember */
  int      udp_max_queries;
  int      maxtimeout;
  unsigned qcache_max_ttl;
  /* cppcheck-suppress unusedStructMember */
  int evsys;
  /* cppcheck-suppress unusedStructMember */
  void *pad[2];
#endif
} opts;

#ifdef SADDR__OLD_HEADERS
#define OPT_MAXTIMEOUT(x) ((x)->maxtimeout)
#define OPT_QCACHE(x)     ((x)->qcache_max_ttl)
#else
#define OPT_MAXTIMEOUT(x) ((x)->o.maxtimeout)
#define OPT_QCACHE(x)     ((x)->o.qcache_max_ttl)
#endif

typedef struct sentq {
  int      fd;
  uint16_t id;
  int      qtype;
  uint64_t qhash;
} sentq;

typedef struct tsock {
  int                     fd;
  bool                    stream;
  socklen_t               plen; /* 0: not connected yet */
  struct sockaddr_storage peer;
} tsock;

struct saddr__tx {
  const struct ares_socket_functions *lower;
  void                               *lower_data;
  sentq                               ring[RING];
  size_t                              ring_next;
  uint16_t                            ids[64]; /* random query ids */
  size_t                              nids;
  uint32_t                            idmix;
  tsock                              *socks;
  size_t                              nsocks, capsocks;
  unsigned char                       buf[TX_BUF];
};

/* ---- The real network (the default lower layer) ------------------------ */

static ares_socket_t l_socket(int domain, int type, int protocol, void *u) {
  SADDR__UNUSED(u);
  return socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
}
static int l_close(ares_socket_t fd, void *u) {
  SADDR__UNUSED(u);
  return close(fd);
}
static int l_connect(ares_socket_t fd, const struct sockaddr *sa,
                     ares_socklen_t len, void *u) {
  SADDR__UNUSED(u);
  return connect(fd, sa, len);
}
static ares_ssize_t l_recvfrom(ares_socket_t fd, void *buf, size_t len,
                               int flags, struct sockaddr *from,
                               ares_socklen_t *fromlen, void *u) {
  SADDR__UNUSED(u);
  return recvfrom(fd, buf, len, flags, from, fromlen);
}
static ares_ssize_t l_sendv(ares_socket_t fd, const struct iovec *v, int n,
                            void *u) {
  SADDR__UNUSED(u);
  return writev(fd, v, n);
}
static const struct ares_socket_functions real_net = {
    l_socket, l_close, l_connect, l_recvfrom, l_sendv};

/* ---- Bookkeeping --------------------------------------------------------- */

static tsock *sock_of(saddr__tx *tx, int fd) {
  for (size_t i = 0; i < tx->nsocks; i++)
    if (tx->socks[i].fd == fd)
      return &tx->socks[i];
  return NULL;
}

/* Notes bits on the queries c-ares holds for that question. */
static void mark(saddr_resolver *r, int qtype, uint64_t qhash, unsigned bits) {
  for (saddr__link *l = r->sent.head; l; l = l->next) {
    saddr__sq *sq = SADDR__ELEM(l, saddr__sq, link);
    if (sq->qtype == qtype && sq->qhash == qhash)
      sq->seen |= bits;
  }
}

static void mark_fd(saddr_resolver *r, int fd, unsigned bits) {
  for (size_t i = 0; i < RING; i++)
    if (r->tx->ring[i].fd == fd)
      mark(r, r->tx->ring[i].qtype, r->tx->ring[i].qhash, bits);
}

static void record(saddr__tx *tx, int fd, const unsigned char *q, size_t n) {
  uint16_t     id;
  saddr__dname name;
  int          qtype;
  size_t       qend;
  if (saddr__dns_peek(q, n, &id, &name, &qtype, &qend) != SADDR__DNS_OK)
    return;
  tx->ring[tx->ring_next++ % RING] =
      (sentq){.fd    = fd,
              .id    = id,
              .qtype = qtype,
              .qhash = saddr__dns_qhash(&name, qtype)};
}

static const sentq *find_sent(const saddr__tx *tx, int fd, uint16_t id,
                              int qtype, uint64_t qhash) {
  for (size_t i = 0; i < RING; i++) {
    const sentq *s = &tx->ring[i];
    if (s->fd == fd && s->id == id && s->qtype == qtype && s->qhash == qhash)
      return s;
  }
  return NULL;
}

/* ---- The hooks ----------------------------------------------------------- */

static ares_socket_t h_socket(int domain, int type, int protocol, void *u) {
  saddr_resolver *r  = u;
  saddr__tx      *tx = r->tx;
  if (tx->nsocks == tx->capsocks) {
    size_t cap = tx->capsocks ? tx->capsocks * 2 : 8;
    tsock *s   = realloc(tx->socks, cap * sizeof(*s));
    if (s == NULL) {
      errno = ENOMEM;
      return ARES_SOCKET_BAD;
    }
    tx->socks    = s;
    tx->capsocks = cap;
  }
  ares_socket_t fd = tx->lower->asocket(domain, type, protocol, tx->lower_data);
  if (fd != ARES_SOCKET_BAD)
    tx->socks[tx->nsocks++] =
        (tsock){.fd = fd, .stream = (type & 0xf) == SOCK_STREAM};
  return fd;
}

static int h_close(ares_socket_t fd, void *u) {
  saddr_resolver *r  = u;
  saddr__tx      *tx = r->tx;
  tsock          *s  = sock_of(tx, fd);
  if (s != NULL)
    *s = tx->socks[--tx->nsocks];
  for (size_t i = 0; i < RING; i++)
    if (tx->ring[i].fd == fd)
      tx->ring[i].fd = -1;
  return tx->lower->aclose(fd, tx->lower_data);
}

static int h_connect(ares_socket_t fd, const struct sockaddr *sa,
                     ares_socklen_t len, void *u) {
  saddr_resolver *r = u;
  tsock          *s = sock_of(r->tx, fd);
  if (s != NULL && len <= sizeof(s->peer)) {
    memcpy(&s->peer, sa, len);
    s->plen = len;
  }
  return r->tx->lower->aconnect(fd, sa, len, r->tx->lower_data);
}

static bool same_peer(const tsock *s, const struct sockaddr *from,
                      socklen_t flen) {
  if (s == NULL || s->plen == 0 || from == NULL || from->sa_family == AF_UNSPEC)
    return true;
  const struct sockaddr *p = (const struct sockaddr *)&s->peer;
  if (from->sa_family != p->sa_family)
    return false;
  if (p->sa_family == AF_INET) {
    const struct sockaddr_in *a = (const void *)p, *b = (const void *)from;
    return flen >= sizeof(*b) && a->sin_port == b->sin_port &&
           a->sin_addr.s_addr == b->sin_addr.s_addr;
  }
  if (p->sa_family == AF_INET6) {
    const struct sockaddr_in6 *a = (const void *)p, *b = (const void *)from;
    return flen >= sizeof(*b) && a->sin6_port == b->sin6_port &&
           memcmp(&a->sin6_addr, &b->sin6_addr, 16) == 0;
  }
  return true;
}

enum verdict { DROP, PASS, TRUNCATE };

/* Decides what c-ares gets to see of one datagram received on fd. */
static enum verdict judge(saddr_resolver *r, int fd, const unsigned char *m,
                          size_t n, size_t *qend) {
  uint16_t     id;
  saddr__dname name;
  int          qtype;
  if (saddr__dns_peek(m, n, &id, &name, &qtype, qend) != SADDR__DNS_OK ||
      !(m[2] & 0x80))
    return DROP;
  uint64_t qhash = saddr__dns_qhash(&name, qtype);
  if (find_sent(r->tx, fd, id, qtype, qhash) == NULL)
    return DROP;
  /* A truncated reply only says "ask over TCP"; servers often cut it in
   * the middle of a record, so its sections are not read. */
  if (m[2] & 0x02)
    return TRUNCATE;
  int rc = saddr__dns_read(m, n, NULL, qtype, NULL);
  if (rc != SADDR__DNS_OK) {
    mark(r, qtype, qhash, SADDR__SEEN_MALFORMED);
    return DROP;
  }
  int rcode = m[3] & 0x0f;
  mark(r, qtype, qhash,
       SADDR__SEEN_ANSWERED | (rcode == 2   ? SADDR__SEEN_SERVFAIL
                               : rcode == 5 ? SADDR__SEEN_REFUSED
                                            : 0u));
  if (n > SADDR__DNS_PAYLOAD && !(m[2] & 0x02))
    return TRUNCATE;
  return PASS;
}

static ares_ssize_t recv_udp(saddr_resolver *r, tsock *s, int fd, void *buf,
                             size_t len, int flags, struct sockaddr *from,
                             ares_socklen_t *fromlen) {
  saddr__tx *tx = r->tx;
  for (int i = 0; i < DRAIN; i++) {
    ares_socklen_t cap = fromlen ? *fromlen : 0;
    ares_ssize_t   n = tx->lower->arecvfrom(fd, tx->buf, sizeof(tx->buf), flags,
                                            from, fromlen, tx->lower_data);
    if (n < 0) {
      int e = errno;
      if (e == ECONNREFUSED)
        mark_fd(r, fd, SADDR__SEEN_UNREACH);
      errno = e;
      return n;
    }
    size_t qend = 0, m = (size_t)n;
    if (!same_peer(s, from, fromlen ? *fromlen : 0)) {
      if (fromlen)
        *fromlen = cap;
      continue;
    }
    enum verdict v = judge(r, fd, tx->buf, m, &qend);
    if (v == PASS && m > len)
      v = TRUNCATE;
    if (v == DROP) {
      if (fromlen)
        *fromlen = cap;
      continue;
    }
    if (v == TRUNCATE) {
      /* The header and the question, no records, TC set. */
      m = qend <= len ? qend : 0;
      memset(tx->buf + 6, 0, 6);
      tx->buf[2] |= 0x02;
    }
    memcpy(buf, tx->buf, m);
    return (ares_ssize_t)m;
  }
  errno = EAGAIN;
  return -1;
}

static ares_ssize_t h_recvfrom(ares_socket_t fd, void *buf, size_t len,
                               int flags, struct sockaddr *from,
                               ares_socklen_t *fromlen, void *u) {
  saddr_resolver *r = u;
  tsock          *s = sock_of(r->tx, fd);
  if (s != NULL && !s->stream)
    return recv_udp(r, s, fd, buf, len, flags, from, fromlen);
  ares_ssize_t n = r->tx->lower->arecvfrom(fd, buf, len, flags, from, fromlen,
                                           r->tx->lower_data);
  if (n == 0 || (n < 0 && (errno == ECONNRESET || errno == EPIPE))) {
    int e = errno;
    mark_fd(r, fd, SADDR__SEEN_TCPCUT);
    errno = e;
  }
  return n;
}

/* Records the queries in what c-ares writes: one datagram over UDP,
 * length-prefixed messages over TCP (several may share one write). */
static ares_ssize_t h_sendv(ares_socket_t fd, const struct iovec *v, int n,
                            void *u) {
  saddr_resolver *r   = u;
  saddr__tx      *tx  = r->tx;
  tsock          *s   = sock_of(tx, fd);
  size_t          len = 0;
  for (int i = 0; i < n && len < sizeof(tx->buf); i++) {
    size_t k = v[i].iov_len < sizeof(tx->buf) - len ? v[i].iov_len
                                                    : sizeof(tx->buf) - len;
    memcpy(tx->buf + len, v[i].iov_base, k);
    len += k;
  }
  if (s != NULL && !s->stream) {
    record(tx, fd, tx->buf, len);
  } else if (s != NULL) {
    size_t off = 0;
    while (len - off >= 2) {
      size_t l = (size_t)tx->buf[off] << 8 | tx->buf[off + 1];
      if (len - off - 2 < l)
        break;
      record(tx, fd, tx->buf + off + 2, l);
      off += 2 + l;
    }
  }
  ares_ssize_t rc = tx->lower->asendv(fd, v, n, tx->lower_data);
  if (rc < 0 && errno == ECONNREFUSED) {
    mark_fd(r, fd, SADDR__SEEN_UNREACH);
    errno = ECONNREFUSED;
  }
  return rc;
}

static const struct ares_socket_functions hooks = {h_socket, h_close, h_connect,
                                                   h_recvfrom, h_sendv};

void saddr__tx_lower(saddr_resolver *r, const struct ares_socket_functions *f,
                     void *data) {
  r->tx->lower      = f ? f : &real_net;
  r->tx->lower_data = data;
}

/* ---- Watches --------------------------------------------------------------
 * If the table cannot grow, the descriptor goes unwatched and its requests
 * end at their deadline: degraded, never stuck. */

static bool watch_grow(saddr_resolver *r) {
  size_t        cap = r->capwatch ? r->capwatch * 2 : 8;
  saddr__watch *w   = realloc(r->watch, cap * sizeof(*w));
  if (w == NULL)
    return false;
  r->watch    = w;
  r->capwatch = cap;
  return true;
}

void saddr__watch_set(saddr_resolver *r, int fd, unsigned ev) {
  size_t i = 0;
  while (i < r->nwatch && r->watch[i].fd != fd)
    i++;
  if (ev == 0 && i < r->nwatch)
    r->watch[i] = r->watch[--r->nwatch];
  else if (ev != 0 && i < r->nwatch)
    r->watch[i].events = ev;
  else if (ev != 0 && (r->nwatch < r->capwatch || watch_grow(r)))
    r->watch[r->nwatch++] = (saddr__watch){.fd = fd, .events = ev};
  if (r->watch_cb != NULL)
    r->watch_cb(r->watch_data, fd, ev);
}

static void on_sock_state(void *data, ares_socket_t fd, int readable,
                          int writable) {
  saddr__watch_set(data, fd,
                   (readable ? SADDR_WATCH_READ : 0u) |
                       (writable ? SADDR_WATCH_WRITE : 0u));
}

/* ---- Queries ------------------------------------------------------------- */

static void on_reply(void *arg, int status, int timeouts, unsigned char *abuf,
                     int alen) {
  saddr__sq      *sq = arg;
  saddr_resolver *r  = sq->r;
  SADDR__UNUSED(timeouts);
  saddr__list_unlink(&r->sent, &sq->link);
  sq->sent = false;
  r->on_answer(sq, status, status == ARES_SUCCESS ? abuf : NULL,
               abuf != NULL && alen > 0 ? (size_t)alen : 0);
}

/* Query ids must not be guessable (c-ares 1.18 sends the id it is given):
 * they come from the kernel's random pool, 64 at a time. Should that fail,
 * a mix of the clock and a counter keeps them varying. */
static uint16_t random_id(saddr__tx *tx) {
  if (tx->nids == 0) {
    ssize_t got = getrandom(tx->ids, sizeof(tx->ids), GRND_NONBLOCK);
    tx->nids    = got > 0 ? (size_t)got / sizeof(tx->ids[0]) : 0;
  }
  if (tx->nids > 0)
    return tx->ids[--tx->nids];
  tx->idmix = tx->idmix * 1103515245u + 12345u + (uint32_t)saddr__now_ms();
  return (uint16_t)(tx->idmix >> 16);
}

void saddr__tx_send(saddr_resolver *r, saddr__sq *sq) {
  unsigned char q[SADDR__DNS_HEADER + SADDR__DNS_NAME_MAX + 16];
  size_t        n =
      saddr__dns_query(&sq->qname, sq->qtype, random_id(r->tx), q, sizeof(q));
  sq->sent = true;
  saddr__list_insert(&r->sent, NULL, &sq->link);
  ares_send(r->ch, q, (int)n, on_reply, sq);
}

void saddr__tx_process(saddr_resolver *r, int fd, unsigned events) {
  ares_socket_t rfd = ARES_SOCKET_BAD, wfd = ARES_SOCKET_BAD;
  if (fd >= 0 && (events & SADDR_WATCH_READ))
    rfd = fd;
  if (fd >= 0 && (events & SADDR_WATCH_WRITE))
    wfd = fd;
  ares_process_fd(r->ch, rfd, wfd);
}

long long saddr__tx_timeout(saddr_resolver *r) {
  struct timeval        tv;
  const struct timeval *tvp = ares_timeout(r->ch, NULL, &tv);
  if (tvp == NULL)
    return -1;
  return (long long)tvp->tv_sec * 1000 + (tvp->tv_usec + 999) / 1000;
}

/* ---- The channel --------------------------------------------------------- */

#define EXPLICIT_TIMEOUT_MS 1000
#define EXPLICIT_TRIES      3

/* Appends one server, validated as an IP literal with port 53 by default,
 * to the comma-separated list c-ares reads. */
static int add_server(const char *text, saddr__buf *csv, saddr_error *err) {
  saddr_hints hints = {.flags = SADDR_SYNTAX_COMPACT | SADDR_DEFAULT_PORT,
                       .default_port = 53};
  saddr_addr  addr;
  size_t      len = strlen(text);
  int         rc  = saddr_parse_addr(text, len, &hints, &addr, err);
  if (rc != 0 && rc != SADDR_ERESOLVE)
    return rc;
  if (rc != 0 || (addr.family != AF_INET && addr.family != AF_INET6))
    return saddr__fail(err, SADDR_EINVAL, 0, len,
                       "DNS server must be an IP address: %s", text);
  if (addr.flags & SADDR_ADDR_WILDCARD)
    return saddr__fail(err, SADDR_EINVAL, 0, len,
                       "DNS server cannot be a wildcard address: %s", text);
  char out[SADDR_FORMAT_MAX];
  rc = saddr_format_addr(&addr, SADDR_FORMAT_COMPACT, out, sizeof(out), err);
  if (rc < 0)
    return rc;
  if (csv->n > 0)
    saddr__putc(csv, ',');
  saddr__puts(csv, out);
  return 0;
}

static int set_servers(saddr_resolver *r, const saddr_resolver_options *o,
                       saddr_error *err) {
  size_t cap  = o->nservers * (SADDR_FORMAT_MAX + 1);
  char  *text = malloc(cap);
  if (text == NULL)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  saddr__buf csv = {.p = text, .cap = cap};
  int        rc  = 0;
  for (size_t i = 0; i < o->nservers && rc == 0; i++)
    rc = o->servers[i] == NULL
             ? saddr__fail(err, SADDR_EINVAL, 0, 0, "NULL DNS server")
             : add_server(o->servers[i], &csv, err);
  saddr__putc(&csv, '\0');
  if (rc == 0 && ares_set_servers_ports_csv(r->ch, text) != ARES_SUCCESS)
    rc =
        saddr__fail(err, SADDR_EINVAL, 0, 0, "c-ares refused servers %s", text);
  free(text);
  return rc;
}

/* Newer c-ares: its query cache (1.23, on by default since 1.31) must never
 * answer behind saddr's back, and the retry timeout is capped (1.22) so
 * that queries a completed request left behind end sooner. */
static int newer_options(opts *ao, int mask, unsigned timeout_ms) {
  int v = 0;
  ares_version(&v);
  if (v >= 0x011600) {
    mask |= ARES_OPT_MAXTIMEOUTMS;
    OPT_MAXTIMEOUT(ao) =
        (int)(timeout_ms > 0 ? timeout_ms * 2 : 2 * EXPLICIT_TIMEOUT_MS);
  }
  if (v >= 0x011700) {
    mask |= ARES_OPT_QUERY_CACHE;
    OPT_QCACHE(ao) = 0;
  }
  return mask;
}

/* With explicit servers nothing of the system configuration may apply:
 * resolv.conf is replaced by an empty file, and the search list, ndots,
 * rotation and HOSTALIASES are set so that the environment cannot
 * override them. */
static int channel_init(saddr_resolver *r, const saddr_resolver_options *o,
                        saddr_error *err) {
  opts ao;
  memset(&ao, 0, sizeof(ao));
  int mask = ARES_OPT_SOCK_STATE_CB | ARES_OPT_LOOKUPS | ARES_OPT_EDNSPSZ;
  ao.o.sock_state_cb      = on_sock_state;
  ao.o.sock_state_cb_data = r;
  ao.o.lookups            = (char *)"b";
  ao.o.ednspsz            = SADDR__DNS_PAYLOAD;
  bool explicit           = o->nservers > 0;
  if (explicit) {
    mask |= ARES_OPT_FLAGS | ARES_OPT_NDOTS | ARES_OPT_DOMAINS |
            ARES_OPT_NOROTATE | ARES_OPT_RESOLVCONF;
    ao.o.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOALIASES | ARES_FLAG_EDNS;
    /* With one server there is nowhere to fail over to: its SERVFAIL or
     * REFUSED answer is passed through at once. */
    if (o->nservers == 1)
      ao.o.flags |= ARES_FLAG_NOCHECKRESP;
    ao.o.ndots           = 1;
    ao.o.resolvconf_path = (char *)"/dev/null";
  }
  unsigned timeout = o->timeout_ms > 0 ? o->timeout_ms
                     : explicit        ? EXPLICIT_TIMEOUT_MS
                                       : 0;
  if (timeout > 0) {
    mask |= ARES_OPT_TIMEOUTMS;
    ao.o.timeout = (int)timeout;
  }
  if (o->tries > 0 || explicit) {
    mask |= ARES_OPT_TRIES;
    ao.o.tries = o->tries > 0 ? (int)o->tries : EXPLICIT_TRIES;
  }
  mask   = newer_options(&ao, mask, timeout);
  int st = ares_init_options(&r->ch, &ao.o, mask);
  if (st != ARES_SUCCESS)
    return saddr__fail(err, st == ARES_ENOMEM ? SADDR_ENOMEM : SADDR_ESYS, 0, 0,
                       "c-ares initialisation failed: %s", ares_strerror(st));
  ares_set_socket_functions(r->ch, &hooks, r);
  return explicit ? set_servers(r, o, err) : 0;
}

int saddr__tx_init(saddr_resolver *r, const saddr_resolver_options *o,
                   saddr_error *err) {
  int v = 0;
  ares_version(&v);
  if (v < MIN_RUNTIME)
    return saddr__fail(err, SADDR_ENOTSUP, 0, 0,
                       "c-ares %s is older than 1.18.1, the oldest saddr "
                       "supports: rebuild against a supported c-ares",
                       ares_version(NULL));
  r->tx = calloc(1, sizeof(*r->tx));
  if (r->tx == NULL)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  r->tx->lower = &real_net;
  for (size_t i = 0; i < RING; i++)
    r->tx->ring[i].fd = -1;
  return channel_init(r, o, err);
}

void saddr__tx_free(saddr_resolver *r) {
  /* ares_destroy hands every query back (ARES_EDESTRUCTION) and closes the
   * sockets through the hooks and the state callback. */
  if (r->ch != NULL)
    ares_destroy(r->ch);
  r->ch = NULL;
  if (r->tx != NULL)
    free(r->tx->socks);
  free(r->tx);
  r->tx = NULL;
}
