/* Target 7: the resolve path under a hostile DNS server (SPEC 2).
 *
 * The resolver runs on its real c-ares channel and its own socket hooks
 * (the noise filter); the system calls below them are replaced
 * (saddr__tx_lower) by a fake network in this file: no packet ever leaves
 * the process. Sockets are eventfds that nothing reads;
 * queries c-ares sends are captured and parsed; the input is a script that
 * starts requests, answers captured queries with fuzz-built replies
 * (right or wrong id, truncation and TCP fallback, CNAME chains and loops,
 * oversized and mismatched answers, bad rcodes, empty datagrams, wrong
 * source addresses, raw garbage, short TCP reads, connection resets) and
 * cancels requests or destroys the resolver at fuzz-chosen points, also
 * from inside callbacks.
 *
 * Invariants: saddr_resolve returning 0 means exactly one callback, with a
 * result exactly when the status is 0, an error that satisfies the error
 * contract otherwise; a cancelled pending request ends with SADDR_ECANCELED
 * inside the cancel call and a destroyed resolver ends every pending one
 * with SADDR_EDESTROYED inside destroy; saddr_resolver_pending counts the
 * requests still owed a callback; every result is well-formed (addresses of
 * the asked family with the spec's port, type and protocol, no duplicates,
 * IPv6 first then alternating, DNS addresses only from what the fake server
 * sent, a printable canonical name); every socket c-ares opened is closed
 * by the end, and nothing leaks (LeakSanitizer).
 *
 * Input: one configuration byte, then commands of an opcode and operands
 * (see run_command). Bytes past the end read as zero. */
#include "fuzz_common.h"
#include "resolve/resolve.h"

#include <errno.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SOCKS   16
#define MAX_QUERIES 64
#define MAX_REQS    24
#define MAX_STEPS   96
#define MAX_TICKS   2
#define SOCK_BUF    8192
#define POOL        16

/* ---- The input cursor --------------------------------------------------- */

typedef struct cursor {
  const uint8_t *p;
  size_t         n, i;
} cursor;

static uint8_t u8(cursor *c) { return c->i < c->n ? c->p[c->i++] : 0; }

static uint16_t u16(cursor *c) {
  uint16_t hi = u8(c);
  return (uint16_t)(hi << 8 | u8(c));
}

/* ---- The fake network --------------------------------------------------- */

typedef struct fsock {
  int                     fd;
  bool                    open, tcp;
  struct sockaddr_storage peer; /* where c-ares connected it */
  /* Bytes for c-ares to read. UDP: datagrams framed as [len16][wrong
   * source][bytes]; TCP: the stream itself. */
  unsigned char in[SOCK_BUF];
  size_t        in_len, in_off;
  size_t        chunk;         /* TCP: the most one read returns */
  int           fail;          /* TCP: 0, or what reads report once drained:
                                  1 end of stream, 2 connection reset */
  unsigned char out[SOCK_BUF]; /* TCP: what c-ares wrote, not yet parsed */
  size_t        out_len;
} fsock;

typedef struct query {
  int           fd;
  uint16_t      id;
  uint16_t      qtype;
  unsigned char question[260]; /* name (wire form), type and class */
  size_t        qlen;
} query;

typedef struct request {
  bool             started; /* saddr_resolve returned 0 */
  int              calls;
  int              status;
  int              family; /* the hints' family */
  uint16_t         port;
  const char      *host; /* the name, for DNS answers; NULL for literals */
  size_t           textlen;
  uint8_t          reaction; /* what its callback does */
  saddr_request_id id;
} request;

static struct world {
  cursor          in;
  saddr_resolver *r;
  bool            destroyed; /* saddr_resolver_destroy was called */
  int             depth;     /* callbacks on the stack */
  fsock           sock[MAX_SOCKS];
  query           q[MAX_QUERIES];
  size_t          nq;
  request         req[MAX_REQS];
  size_t          nreq;
  int             ticks;
  unsigned        bound;  /* the in-flight bound asked for */
  size_t          synced; /* saddr_resolve_sync calls */
} W;

static fsock *sock_of(int fd) {
  for (size_t i = 0; i < MAX_SOCKS; i++)
    if (W.sock[i].open && W.sock[i].fd == fd)
      return &W.sock[i];
  return NULL;
}

static ares_socket_t f_socket(int domain, int type, int protocol, void *u) {
  SADDR__UNUSED(domain);
  SADDR__UNUSED(protocol);
  SADDR__UNUSED(u);
  for (size_t i = 0; i < MAX_SOCKS; i++) {
    fsock *s = &W.sock[i];
    if (s->open)
      continue;
    /* An eventfd: a real descriptor that can never reach a network. */
    int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd < 0)
      break;
    memset(s, 0, sizeof *s);
    s->fd    = fd;
    s->open  = true;
    s->tcp   = (type & 0xf) == SOCK_STREAM;
    s->chunk = SOCK_BUF;
    return fd;
  }
  errno = EMFILE;
  return ARES_SOCKET_BAD;
}

static int f_close(ares_socket_t fd, void *u) {
  SADDR__UNUSED(u);
  fsock *s = sock_of(fd);
  FZ_CHECK(s != NULL);
  s->open = false;
  return close(fd);
}

static int f_connect(ares_socket_t fd, const struct sockaddr *sa,
                     ares_socklen_t len, void *u) {
  SADDR__UNUSED(u);
  fsock *s = sock_of(fd);
  FZ_CHECK(s != NULL && len <= sizeof s->peer);
  memcpy(&s->peer, sa, len);
  return 0;
}

/* A query on the wire: header, one question. Replies echo its question. */
static void capture(int fd, const unsigned char *m, size_t n) {
  if (n < 12 + 5 || W.nq == MAX_QUERIES)
    return;
  size_t i = 12;
  while (i < n && m[i] != 0 && i - 12 < 255)
    i += (size_t)m[i] + 1;
  if (i >= n || m[i] != 0 || i + 5 > n)
    return;
  query *q = &W.q[W.nq++];
  q->fd    = fd;
  q->id    = (uint16_t)(m[0] << 8 | m[1]);
  q->qlen  = i + 5 - 12;
  memcpy(q->question, m + 12, q->qlen);
  q->qtype = (uint16_t)(m[i + 1] << 8 | m[i + 2]);
}

/* TCP carries each query after a two-byte length. */
static void capture_stream(fsock *s) {
  size_t off = 0;
  while (s->out_len - off >= 2) {
    size_t len = (size_t)s->out[off] << 8 | s->out[off + 1];
    if (s->out_len - off - 2 < len)
      break;
    capture(s->fd, s->out + off + 2, len);
    off += 2 + len;
  }
  memmove(s->out, s->out + off, s->out_len - off);
  s->out_len -= off;
}

static ares_ssize_t f_sendv(ares_socket_t fd, const struct iovec *v, int n,
                            void *u) {
  SADDR__UNUSED(u);
  fsock *s = sock_of(fd);
  FZ_CHECK(s != NULL);
  unsigned char msg[SOCK_BUF];
  size_t        len = 0;
  for (int i = 0; i < n; i++) {
    size_t k = v[i].iov_len;
    if (k > sizeof msg - len)
      k = sizeof msg - len;
    memcpy(msg + len, v[i].iov_base, k);
    len += k;
  }
  if (!s->tcp) {
    capture(fd, msg, len);
  } else {
    if (len > sizeof s->out - s->out_len)
      len = sizeof s->out - s->out_len;
    memcpy(s->out + s->out_len, msg, len);
    s->out_len += len;
    capture_stream(s);
  }
  return (ares_ssize_t)len;
}

static ares_ssize_t read_udp(fsock *s, void *buf, size_t cap,
                             struct sockaddr *from, ares_socklen_t *fromlen) {
  unsigned char *h     = s->in + s->in_off;
  size_t         len   = (size_t)h[0] << 8 | h[1];
  bool           wrong = h[2] != 0;
  s->in_off += 3 + len;
  if (from != NULL && fromlen != NULL) {
    struct sockaddr_storage peer = s->peer;
    /* A reply from another address than the server's: the last address
     * byte moves. */
    if (wrong && peer.ss_family == AF_INET)
      ((unsigned char *)&((struct sockaddr_in *)(void *)&peer)->sin_addr)[3] ^=
          1;
    else if (wrong)
      ((struct sockaddr_in6 *)(void *)&peer)->sin6_addr.s6_addr[15] ^= 1;
    socklen_t pl = peer.ss_family == AF_INET ? sizeof(struct sockaddr_in)
                                             : sizeof(struct sockaddr_in6);
    if (*fromlen < pl)
      pl = *fromlen;
    memcpy(from, &peer, pl);
    *fromlen = pl;
  }
  if (len > cap)
    len = cap;
  memcpy(buf, h + 3, len);
  return (ares_ssize_t)len;
}

static ares_ssize_t f_recvfrom(ares_socket_t fd, void *buf, size_t cap,
                               int flags, struct sockaddr *from,
                               ares_socklen_t *fromlen, void *u) {
  SADDR__UNUSED(flags);
  SADDR__UNUSED(u);
  fsock *s = sock_of(fd);
  FZ_CHECK(s != NULL);
  if (s->in_off == s->in_len) {
    s->in_off = s->in_len = 0;
    if (s->tcp && s->fail == 1)
      return 0;
    errno = s->tcp && s->fail == 2 ? ECONNRESET : EAGAIN;
    return -1;
  }
  if (!s->tcp)
    return read_udp(s, buf, cap, from, fromlen);
  size_t n = s->in_len - s->in_off;
  if (n > cap)
    n = cap;
  if (n > s->chunk)
    n = s->chunk;
  memcpy(buf, s->in + s->in_off, n);
  s->in_off += n;
  return (ares_ssize_t)n;
}

static const struct ares_socket_functions fake_net = {
    f_socket, f_close, f_connect, f_recvfrom, f_sendv,
};

/* Queues bytes for c-ares to read on s. */
static void deliver(fsock *s, const unsigned char *m, size_t n, bool wrong) {
  size_t need = s->tcp ? n : n + 3;
  if (need > sizeof s->in - s->in_len)
    return;
  unsigned char *p = s->in + s->in_len;
  if (!s->tcp) {
    *p++ = (unsigned char)(n >> 8);
    *p++ = (unsigned char)n;
    *p++ = wrong;
  }
  memcpy(p, m, n);
  s->in_len += need;
}

/* Lets c-ares read what is queued on s. Older c-ares reads a TCP length
 * word and its message in separate calls, so this repeats while reads make
 * progress (bounded: a short chunk may take many). */
static void feed(fsock *s) {
  int fd = s->fd;
  for (int i = 0; i < 512 && !W.destroyed; i++) {
    size_t before = s->in_off, queued = s->in_len;
    saddr_resolver_process(W.r, fd, SADDR_WATCH_READ);
    if (!s->open || s->fd != fd || s->in_len == 0 ||
        (s->in_off == before && s->in_len == queued))
      break;
  }
}

/* ---- Replies ------------------------------------------------------------ */

typedef struct wbuf {
  unsigned char b[SOCK_BUF];
  size_t        n;
} wbuf;

static void put(wbuf *w, const void *p, size_t n) {
  if (n <= sizeof w->b - w->n) {
    memcpy(w->b + w->n, p, n);
    w->n += n;
  }
}

static void put16(wbuf *w, unsigned v) {
  unsigned char b[2] = {(unsigned char)(v >> 8), (unsigned char)v};
  put(w, b, 2);
}

static void put32(wbuf *w, uint32_t v) {
  put16(w, v >> 16);
  put16(w, v & 0xffff);
}

/* Chain names c<k>.test for CNAME chains. */
static void put_chain(wbuf *w, unsigned k) {
  unsigned char label[4] = {3, 'c', (unsigned char)('0' + k / 10 % 10),
                            (unsigned char)('0' + k % 10)};
  put(w, label, 4);
  put(w, "\4test", 6);
}

static const uint32_t ttls[8] = {0,     1,           60,          300,
                                 86400, 0x7fffffffu, 0x80000000u, 0xffffffffu};

/* One answer record; *chain is the current end of the CNAME chain. */
static void put_record(wbuf *w, const query *q, cursor *c, unsigned *chain) {
  uint8_t  sel = u8(c), val = u8(c);
  unsigned owner = sel & 3, kind = sel >> 2 & 7;
  if (owner == 1 && *chain > 0)
    put_chain(w, *chain);
  else if (owner == 2)
    put(w, "\5other\4test", 12);
  else
    put16(w, 0xc00c); /* the question's name */
  static const unsigned types[8] = {0, 0, 1, 28, 5, 5, 16, 1};
  unsigned              type     = kind < 2 ? q->qtype : types[kind];
  put16(w, type);
  put16(w, 1);
  put32(w, ttls[sel >> 5]);
  if (kind == 4) { /* CNAME to the next link */
    put16(w, 10);
    put_chain(w, ++*chain);
  } else if (kind == 5) { /* CNAME back to the question: a loop */
    put16(w, 2);
    put16(w, 0xc00c);
  } else if (kind == 6) { /* TXT */
    put16(w, 4);
    put(w, "\3txt", 4);
  } else if (kind == 7) { /* an A record of the wrong length */
    put16(w, 5);
    put(w, "\xc6\x33\x64\x01\x00", 5);
  } else if (type == 1) {
    unsigned char a[4] = {198, 51, 100, (unsigned char)(val % POOL)};
    put16(w, 4);
    put(w, a, 4);
  } else if (type == 28) {
    unsigned char a[16] = {0x20, 0x01, 0x0d, 0xb8};
    a[15]               = (unsigned char)(val % POOL);
    put16(w, 16);
    put(w, a, 16);
  } else {
    put16(w, 0);
  }
}

static const unsigned rcodes[8] = {0, 0, 0, 3, 2, 5, 4, 1};

/* Reply flags: 1 wrong id, 2 TC, 4 another question name, 8 the other
 * type in the question, 0x10 from a wrong address, 0x20 truncated,
 * 0x40 no question, 0x80 many records (oversized). */
static void build_reply(wbuf *w, const query *q, cursor *c, uint8_t flags) {
  size_t   head = w->n;
  uint8_t  code = u8(c), count = u8(c);
  unsigned n = flags & 0x80 ? 40u + count % 64u : count % 12u;
  put16(w, flags & 1 ? (unsigned)(q->id ^ (1 + code)) : q->id);
  put16(w, 0x8180 | (flags & 2 ? 0x0200u : 0u) | rcodes[code & 7]);
  put16(w, flags & 0x40 ? 0 : 1);
  put16(w, n);
  put32(w, 0);
  if (!(flags & 0x40)) {
    if (flags & 4)
      put(w, "\2zz\4test\0", 9);
    else
      put(w, q->question, q->qlen - 4);
    put16(w, flags & 8 ? (q->qtype == 1 ? 28u : 1u) : q->qtype);
    put16(w, 1);
  }
  unsigned chain = 0;
  for (unsigned i = 0; i < n; i++)
    put_record(w, q, c, &chain);
  if (flags & 0x20)
    w->n = head + u16(c) % (w->n - head + 1);
}

/* Answers captured query k on the socket it came from, if still open. */
static void reply(cursor *c) {
  uint8_t k = u8(c), flags = u8(c);
  if (W.nq == 0)
    return;
  const query *q = &W.q[k % W.nq];
  fsock       *s = sock_of(q->fd);
  static wbuf  w;
  w.n = 0;
  if (s != NULL && s->tcp)
    put16(&w, 0); /* the length, set below */
  size_t head = w.n;
  build_reply(&w, q, c, flags);
  if (s == NULL)
    return;
  if (s->tcp) {
    size_t len = w.n - head;
    w.b[0]     = (unsigned char)(len >> 8);
    w.b[1]     = (unsigned char)len;
    s->chunk   = 1 + u8(c);
  }
  deliver(s, w.b, w.n, flags & 0x10);
  feed(s);
}

/* Raw bytes from the input as a reply, with the query's id on request. */
static void reply_raw(cursor *c) {
  uint8_t       k = u8(c), n = u8(c);
  unsigned char m[256];
  for (size_t i = 0; i < n; i++)
    m[i] = u8(c);
  if (W.nq == 0)
    return;
  const query *q = &W.q[k % W.nq];
  fsock       *s = sock_of(q->fd);
  if (s == NULL)
    return;
  if (n >= 2 && (m[0] & 1)) {
    m[0] = (unsigned char)(q->id >> 8);
    m[1] = (unsigned char)q->id;
  }
  deliver(s, m, n, false);
  feed(s);
}

/* An empty datagram on a UDP socket; end of stream or a reset on TCP. */
static void disturb(cursor *c) {
  uint8_t k = u8(c), how = u8(c);
  fsock  *s = &W.sock[k % MAX_SOCKS];
  if (!s->open)
    return;
  if (s->tcp)
    s->fail = 1 + (how & 1);
  else
    deliver(s, (const unsigned char *)"", 0, false);
  feed(s);
}

/* ---- Requests and their checks ----------------------------------------- */

static const struct spec {
  const char *text;
  const char *host; /* what DNS is asked for; NULL: answered locally */
  uint16_t    port;
} specs[] = {
    {"a.test:80", "a.test", 80},
    {"b.test:443", "b.test", 443},
    {"loop.test:53", "loop.test", 53},
    {"MiXeD.Test.:8080", "mixed.test", 8080},
    {"b\xc3\xbc"
     "cher.test:1",
     "xn--bcher-kva.test", 1},
    {"x:2", "x", 2},
    {"('a.test', 3)", "a.test", 3},
    {"localhost:80", NULL, 80},
    {"127.0.0.1:80", NULL, 80},
    {"[::1]:53", NULL, 53},
    {"*:80", NULL, 80},
    {"a.test:https", NULL, 0}, /* no services file: an error */
    {"a.test", NULL, 0},       /* no port: an error */
    {"127.1:80", NULL, 0},     /* legacy IPv4: an error */
};
#define NSPECS (sizeof specs / sizeof specs[0])

static const int families[3] = {AF_UNSPEC, AF_INET, AF_INET6};

static bool in_pool(const saddr_addr *a) {
  static const unsigned char v6[15] = {0x20, 0x01, 0x0d, 0xb8};
  if (a->family == AF_INET) {
    const unsigned char *b = (const unsigned char *)&a->sa.in.sin_addr;
    return b[0] == 198 && b[1] == 51 && b[2] == 100 && b[3] < POOL;
  }
  const unsigned char *b = a->sa.in6.sin6_addr.s6_addr;
  return memcmp(b, v6, 15) == 0 && b[15] < POOL;
}

/* IPv6 first, then alternating while both families remain. */
static void check_order(const saddr_result *res) {
  size_t left6 = 0, left4 = 0;
  for (size_t i = 0; i < res->count; i++)
    *(res->addr[i].family == AF_INET6 ? &left6 : &left4) += 1;
  int want = AF_INET6;
  for (size_t i = 0; i < res->count && left6 > 0 && left4 > 0; i++) {
    FZ_CHECK(res->addr[i].family == want);
    *(want == AF_INET6 ? &left6 : &left4) -= 1;
    want = want == AF_INET6 ? AF_INET : AF_INET6;
  }
}

static void check_result(const request *q, const saddr_result *res) {
  FZ_CHECK(res->count >= 1 && res->addr != NULL && res->ttl != NULL);
  FZ_CHECK(res->name != NULL && res->canonical != NULL);
  FZ_CHECK(res->source >= SADDR_SOURCE_LOCAL &&
           res->source <= SADDR_SOURCE_CACHE);
  bool dns =
      res->source == SADDR_SOURCE_DNS || res->source == SADDR_SOURCE_CACHE;
  FZ_CHECK(dns == (q->host != NULL));
  for (size_t i = 0; i < res->count; i++) {
    const saddr_addr *a = &res->addr[i];
    fz_check_addr(a);
    FZ_CHECK(a->family == AF_INET || a->family == AF_INET6);
    FZ_CHECK(q->family == AF_UNSPEC || a->family == q->family);
    FZ_CHECK(ntohs(a->sa.in.sin_port) == q->port);
    FZ_CHECK(a->type == SOCK_STREAM && a->protocol == 0);
    FZ_CHECK(!dns || in_pool(a));
    FZ_CHECK(dns || res->ttl[i] == 0);
    for (size_t j = 0; j < i; j++)
      FZ_CHECK(!fz_same_addr(a, &res->addr[j]));
  }
  if (dns) {
    FZ_CHECK(strcmp(res->name, q->host) == 0);
    size_t n = strlen(res->canonical);
    FZ_CHECK(n > 0 && n <= 1024);
    for (size_t i = 0; i < n; i++)
      FZ_CHECK(res->canonical[i] > 0x20 && res->canonical[i] < 0x7f);
  }
  check_order(res);
}

static void start(uint8_t which, uint8_t how, uint8_t reaction);

static void react(request *q) {
  uint8_t what = q->reaction & 3, arg = (uint8_t)(q->reaction >> 2);
  if (what == 1 && W.nreq > 0) {
    request *o       = &W.req[arg % W.nreq];
    bool     pending = o->started && o->calls == 0;
    int      rc      = saddr_resolver_cancel(W.r, o->id);
    FZ_CHECK(W.destroyed || (rc == 0) == pending);
  } else if (what == 2 && W.depth < 3) {
    start(arg, (uint8_t)(arg >> 3), 0);
  } else if (what == 3) {
    W.destroyed = true;
    saddr_resolver_destroy(W.r);
  }
}

static void on_result(void *data, int status, saddr_result *res,
                      const saddr_error *err) {
  request *q = data;
  FZ_CHECK(q->calls == 0);
  q->calls++;
  q->status = status;
  FZ_CHECK(err != NULL);
  if (status == 0) {
    FZ_CHECK(res != NULL);
    check_result(q, res);
    saddr_result_free(res);
  } else {
    FZ_CHECK(res == NULL);
    fz_check_error(status, err, q->textlen);
  }
  if (W.destroyed)
    return;
  W.depth++;
  react(q);
  W.depth--;
}

/* how: bits 0-1 the family, bit 2 a 1 ms deadline. */
static void start(uint8_t which, uint8_t how, uint8_t reaction) {
  if (W.nreq == MAX_REQS || W.destroyed)
    return;
  const struct spec *sp = &specs[which % NSPECS];
  request           *q  = &W.req[W.nreq++];
  memset(q, 0, sizeof *q);
  q->family   = families[(how & 3) % 3];
  q->port     = sp->port;
  q->host     = sp->host;
  q->textlen  = strlen(sp->text);
  q->reaction = reaction;
  saddr_hints h;
  memset(&h, 0, sizeof h);
  h.family = q->family;
  /* The request counts as started before the call: its callback may run
   * inside it. */
  q->started = true;
  int rc     = saddr_resolve(W.r, sp->text, q->textlen, &h, how & 4 ? 1 : 0,
                             on_result, q, &q->id);
  if (rc != 0) {
    FZ_CHECK(q->calls == 0);
    q->started = false;
  }
}

static void cancel(cursor *c) {
  uint8_t k = u8(c);
  if (W.nreq == 0)
    return;
  request *q       = &W.req[k % W.nreq];
  bool     pending = q->started && q->calls == 0;
  int      rc      = saddr_resolver_cancel(W.r, q->id);
  if (W.destroyed)
    return;
  FZ_CHECK((rc == 0) == pending);
  if (pending)
    FZ_CHECK(q->calls == 1 && q->status == SADDR_ECANCELED);
}

/* Lets time pass for the 1 ms deadlines, a bounded number of times. */
static void tick(void) {
  if (W.ticks++ >= MAX_TICKS)
    return;
  struct timespec ts = {0, 2 * 1000 * 1000};
  nanosleep(&ts, NULL);
  saddr_resolver_process(W.r, -1, 0);
}

/* c-ares writes TCP queries when their socket is writable. */
static void flush_writes(void) {
  saddr_watch w[MAX_SOCKS];
  for (int round = 0; round < 4 && !W.destroyed; round++) {
    size_t n   = saddr_resolver_watches(W.r, w, MAX_SOCKS);
    bool   any = false;
    for (size_t i = 0; i < n && i < MAX_SOCKS && !W.destroyed; i++) {
      FZ_CHECK(sock_of(w[i].fd) != NULL);
      if (w[i].events & SADDR_WATCH_WRITE) {
        any = true;
        saddr_resolver_process(W.r, w[i].fd, SADDR_WATCH_WRITE);
      }
    }
    if (!any)
      break;
  }
}

/* Between commands: the resolver's own counts agree with the callbacks
 * seen, and the in-flight bound holds (one AF_UNSPEC lookup, two queries,
 * is always allowed). */
static void check_counts(void) {
  size_t owed = 0, started = 0;
  for (size_t i = 0; i < W.nreq; i++) {
    owed += W.req[i].started && W.req[i].calls == 0;
    started += W.req[i].started;
  }
  FZ_CHECK(saddr_resolver_pending(W.r) == owed);
  saddr_resolver_stats st;
  saddr_resolver_stats_get(W.r, &st);
  FZ_CHECK(st.requests == started + W.synced);
  FZ_CHECK(st.inflight_max <= (W.bound > 2 ? W.bound : 2));
  FZ_CHECK(owed == 0 || saddr_resolver_timeout(W.r) >= 0);
  FZ_CHECK(saddr_resolver_watches(W.r, NULL, 0) <= MAX_SOCKS);
}

/* The blocking helpers, on specs answered without DNS (a DNS name would
 * wait for a reply nothing can send while they block). */
static void run_sync(cursor *c) {
  uint8_t            which = u8(c);
  const struct spec *sp    = &specs[7 + which % (NSPECS - 7)];
  saddr_result      *res   = NULL;
  saddr_error        err;
  memset(&err, 0, sizeof err);
  int rc =
      saddr_resolve_sync(W.r, sp->text, strlen(sp->text), NULL, 0, &res, &err);
  if (rc == 0) {
    request q = {.family = AF_UNSPEC, .port = sp->port};
    FZ_CHECK(res != NULL);
    check_result(&q, res);
    saddr_result_free(res);
  } else {
    FZ_CHECK(res == NULL);
    fz_check_error(rc, &err, strlen(sp->text));
  }
  W.synced++;
  if (W.destroyed)
    return;
  rc = saddr_resolver_run(W.r, 0);
  if (!W.destroyed)
    FZ_CHECK(rc == 0 ||
             (rc == SADDR_ETIMEDOUT && saddr_resolver_pending(W.r) > 0));
}

/* Opcodes: 0-1 start, 2-3 reply, 4 raw reply, 5 cancel, 6 empty datagram
 * or TCP end/reset, 7 tick, 8 destroy, 9 the blocking helpers. */
static void run_command(cursor *c) {
  uint8_t op = u8(c) % 10;
  if (op <= 1) {
    uint8_t which = u8(c), how = u8(c);
    start(which, how, u8(c));
  } else if (op <= 3) {
    reply(c);
  } else if (op == 4) {
    reply_raw(c);
  } else if (op == 5) {
    cancel(c);
  } else if (op == 6) {
    disturb(c);
  } else if (op == 7) {
    tick();
  } else if (op == 9) {
    run_sync(c);
  } else {
    W.destroyed = true;
    saddr_resolver_destroy(W.r);
  }
}

static bool make_resolver(cursor *c) {
  static const char *const servers[3] = {"127.0.0.1:53", "[::1]:53",
                                         "127.0.0.2:5353"};
  uint8_t                  cfg        = u8(c);
  saddr_resolver_options   o;
  memset(&o, 0, sizeof o);
  o.servers  = servers;
  o.nservers = 1 + cfg % 3u;
  o.tries    = 1 + (cfg >> 2) % 3u;
  o.flags =
      SADDR_RESOLVER_NO_HOSTS | (cfg & 0x10 ? SADDR_RESOLVER_NO_CACHE : 0u);
  o.max_inflight  = cfg & 0x20 ? 2 : 0;
  W.bound         = o.max_inflight ? o.max_inflight : 64;
  o.services_path = "/nonexistent/saddr-fuzz/services";
  /* Nothing times out by itself: only the 1 ms deadlines and ticks. */
  o.timeout_ms  = 600000;
  o.deadline_ms = 600000;
  saddr_error err;
  if (saddr_resolver_new(&o, &W.r, &err) != 0)
    return false;
  saddr__tx_lower(W.r, &fake_net, NULL);
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  memset(&W, 0, sizeof W);
  W.in = (cursor){data, size, 0};
  if (!make_resolver(&W.in))
    return 0;
  for (int step = 0; step < MAX_STEPS && W.in.i < size && !W.destroyed;
       step++) {
    run_command(&W.in);
    flush_writes();
    if (!W.destroyed)
      check_counts();
  }
  if (!W.destroyed) {
    W.destroyed = true;
    saddr_resolver_destroy(W.r);
  }
  for (size_t i = 0; i < W.nreq; i++)
    FZ_CHECK(!W.req[i].started || W.req[i].calls == 1);
  for (size_t i = 0; i < MAX_SOCKS; i++)
    FZ_CHECK(!W.sock[i].open);
  return 0;
}
