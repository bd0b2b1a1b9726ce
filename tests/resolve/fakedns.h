/* Test helper: a misbehaving DNS server on 127.0.0.1 (UDP and TCP, one
 * port), run in a thread of the test. The first label of the question
 * picks the behaviour:
 *   ok         A 192.0.2.1 (TTL 60); AAAA: no data
 *   silent     never answers
 *   slow       answers like ok after FD_SLOW_MS (within one try of the
 *              tests' resolvers: a later reply is a retry matter, and
 *              c-ares 1.34 retries from a new socket)
 *   servfail, refused, nxdomain   that RCODE
 *   tc         UDP: an empty reply with TC set
 *   tccutrr    UDP: TC set, the answer cut in the middle of a record
 *   garbage    UDP: 48 bytes of noise
 *   badans     the right header and question, then a cut-off answer
 *   wrongid    a reply with another query id only
 *   wrongidok  that, then the right reply
 *   wrongport  the right reply, sent from another port only
 *   wrongportok that, then the right reply from the right port
 *   big        100 A records over UDP (about 1.6 KB, no TC)
 *   huge       600 A records over UDP (about 9.6 KB, no TC)
 *   giant      2000 A records over UDP (about 32 KB, no TC)
 *   garbageok  48 bytes of noise, then the right reply FD_NOISE_MS later
 *   shortok    a 5-byte datagram, then the right reply FD_NOISE_MS later
 *   short      a 5-byte datagram only
 *   wrongq     a reply to another question only (id right)
 *   wrongqok   that, then the right reply
 *   noaaaa     A like ok; AAAA never answered
 *   servfail6  A like ok; AAAA SERVFAIL
 *   nx6        A like ok; AAAA NXDOMAIN
 *   tccut      UDP: TC; TCP: half the answer, then the connection closes
 *   cnchain    CNAME (TTL 30) -> c2.x (TTL 20) -> c3.x (TTL 40), A 192.0.2.3
 *              (TTL 60) on c3.x: TTL 20, canonical c3.x
 *   cnloop     CNAME -> l2.x -> back to the name; no address
 *   cnlong     20 CNAMEs in a row, A on the last one: too long to follow
 *   cnbad      CNAME to a label with '<', '>', 0xff, 0x01 and a space, A
 *              192.0.2.4 on it: the canonical name falls back to the name
 *   cnnul      the same with a NUL byte in the label
 *   cndot      the same with a '.' inside the label
 *   other      only an A record owned by evil.example: no data
 *   othermix   A 192.0.2.1 for the name and 192.0.2.66 for evil.example
 *   ttlbig     A 192.0.2.1 with TTL 2^31 (read as 0)
 *   badrdlen   an A record with rdlength 5
 *   seq        A 192.0.2.N, N counting answers (a cache in the way shows)
 *   delayok    A like ok, FD_NOISE_MS later
 *   noise      48 bytes of noise at once, the right reply FD_NOISE_MS later
 * Anything else gets NXDOMAIN. "x" above is the rest of the name asked.
 * Over TCP every name gets one A record: 192.0.2.2 for tc, tccutrr, big,
 * huge and giant (so tests see which path answered), 192.0.2.1 otherwise. */
#ifndef SADDR_TEST_FAKEDNS_H
#define SADDR_TEST_FAKEDNS_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FD_SLOW_MS  150
#define FD_NOISE_MS 10
#define FD_MAXCONN  8
#define FD_MAXDELAY 64
#define FD_BUF      40000

typedef struct fd_delayed {
  uint64_t           due;
  struct sockaddr_in to;
  size_t             len;
  unsigned char      buf[512];
} fd_delayed;

typedef struct fd_server {
  int        udp, tcp, other; /* other: a second UDP socket, another port */
  int        port;
  int        wake[2];
  int        conn[FD_MAXCONN];
  pthread_t  thread;
  atomic_int queries;
  atomic_int seq;
  atomic_int noedns; /* UDP queries without an OPT record offering 1232 */
  fd_delayed delayed[FD_MAXDELAY];
  size_t     ndelayed;
} fd_server;

static uint64_t fd_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* The question's first label and the end of the question section. */
static size_t fd_question(const unsigned char *q, size_t n, char *label,
                          int *qtype) {
  size_t i = 12;
  label[0] = '\0';
  if (n < 17)
    return 0;
  if (q[i] < 64 && i + 1 + q[i] <= n) {
    memcpy(label, q + i + 1, q[i]);
    label[q[i]] = '\0';
  }
  while (i < n && q[i] != 0 && q[i] < 64)
    i += 1u + q[i];
  if (i + 5 > n)
    return 0;
  *qtype = (q[i + 1] << 8) | q[i + 2];
  return i + 5;
}

/* A reply: the query's header and question, flags and RCODE set, then
 * nA answers of type qtype (only A gets addresses). */
static size_t fd_reply(const unsigned char *q, size_t qend, unsigned char *out,
                       size_t cap, int rcode, int tc, int qtype, int nA,
                       int base) {
  if (qtype != 1)
    nA = 0;
  if (qend + (size_t)nA * 16 > cap)
    return 0;
  memcpy(out, q, qend);
  out[2] = (unsigned char)(0x80 | (tc ? 0x02 : 0) | (q[2] & 0x01));
  out[3] = (unsigned char)(0x80 | rcode);
  out[4] = 0, out[5] = 1;
  out[6] = (unsigned char)(nA >> 8), out[7] = (unsigned char)nA;
  memset(out + 8, 0, 4);
  size_t n = qend;
  for (int k = 0; k < nA; k++) {
    static const unsigned char rr[] = {0xc0, 12, 0, 1, 0,   1, 0, 0,
                                       0,    60, 0, 4, 192, 0, 2};
    memcpy(out + n, rr, sizeof(rr));
    n += sizeof(rr);
    out[n++] = (unsigned char)(base + k % 250);
  }
  return n;
}

/* A message under construction: header and question copied from the
 * query, then answer records appended. */
typedef struct fd_msg {
  unsigned char *b;
  size_t         n, cap;
  int            an;
} fd_msg;

static void fd_begin(fd_msg *m, const unsigned char *q, size_t qend,
                     unsigned char *out, size_t cap, int rcode) {
  m->b = out, m->cap = cap, m->an = 0;
  memcpy(out, q, qend);
  out[2] = (unsigned char)(0x80 | (q[2] & 0x01));
  out[3] = (unsigned char)(0x80 | rcode);
  memset(out + 6, 0, 6);
  m->n = qend;
}

static void fd_put(fd_msg *m, const void *p, size_t n) {
  if (m->n + n <= m->cap)
    memcpy(m->b + m->n, p, n);
  m->n += n;
}

/* owner: a wire name, or NULL for a pointer to the question's name. */
static void fd_rr(fd_msg *m, const unsigned char *owner, size_t olen, int type,
                  uint32_t ttl, const void *rdata, size_t rdlen) {
  static const unsigned char ptr[2] = {0xc0, 12};
  if (owner)
    fd_put(m, owner, olen);
  else
    fd_put(m, ptr, 2);
  unsigned char f[10] = {(unsigned char)(type >> 8),
                         (unsigned char)type,
                         0,
                         1,
                         (unsigned char)(ttl >> 24),
                         (unsigned char)(ttl >> 16),
                         (unsigned char)(ttl >> 8),
                         (unsigned char)ttl,
                         (unsigned char)(rdlen >> 8),
                         (unsigned char)rdlen};
  fd_put(m, f, 10);
  fd_put(m, rdata, rdlen);
  m->an++;
  m->b[6] = (unsigned char)(m->an >> 8), m->b[7] = (unsigned char)m->an;
}

static size_t fd_end(fd_msg *m) { return m->n <= m->cap ? m->n : 0; }

/* "label.<rest of the query name>" in wire form. */
static size_t fd_sibling(const unsigned char *q, const void *label, size_t l,
                         unsigned char *out) {
  size_t i = 12 + 1 + q[12], n = 0;
  out[n++] = (unsigned char)l;
  memcpy(out + n, label, l);
  n += l;
  while (q[i] != 0 && n + 1 + q[i] < 250) {
    memcpy(out + n, q + i, 1u + q[i]);
    n += 1u + q[i];
    i += 1u + q[i];
  }
  out[n++] = 0;
  return n;
}

static const unsigned char fd_v4[4] = {192, 0, 2, 1};

/* The CNAME cases: the chain and the A record at its end. */
static size_t fd_cname(const unsigned char *q, size_t qend, const char *label,
                       int qtype, unsigned char *out, size_t cap) {
  fd_msg        m;
  unsigned char a[260], b[260], addr[4] = {192, 0, 2, 3};
  fd_begin(&m, q, qend, out, cap, 0);
  if (strcmp(label, "cnchain") == 0) {
    size_t la = fd_sibling(q, "c2", 2, a), lb = fd_sibling(q, "c3", 2, b);
    fd_rr(&m, NULL, 0, 5, 30, a, la);
    fd_rr(&m, a, la, 5, 20, b, lb);
    if (qtype == 1)
      fd_rr(&m, b, lb, 1, 60, addr, 4);
  } else if (strcmp(label, "cnloop") == 0) {
    size_t la = fd_sibling(q, "l2", 2, a);
    fd_rr(&m, NULL, 0, 5, 30, a, la);
    fd_rr(&m, a, la, 5, 30, q + 12, qend - 16);
  } else if (strcmp(label, "cnlong") == 0) {
    char   l[8];
    size_t la = 0, lb;
    for (int i = 0; i < 20; i++) {
      snprintf(l, sizeof(l), "n%d", i);
      lb = fd_sibling(q, l, strlen(l), b);
      fd_rr(&m, i ? a : NULL, la, 5, 30, b, lb);
      memcpy(a, b, lb);
      la = lb;
    }
    if (qtype == 1)
      fd_rr(&m, a, la, 1, 60, addr, 4);
  } else {
    static const char bad[] = "<script>\xff\x01 x", nul[] = "ev\0il",
                      dot[] = "a.b";
    size_t la = label[2] == 'b'   ? fd_sibling(q, bad, sizeof(bad) - 1, a)
                : label[2] == 'n' ? fd_sibling(q, nul, sizeof(nul) - 1, a)
                                  : fd_sibling(q, dot, sizeof(dot) - 1, a);
    addr[3]   = 4;
    fd_rr(&m, NULL, 0, 5, 30, a, la);
    if (qtype == 1)
      fd_rr(&m, a, la, 1, 60, addr, 4);
  }
  return fd_end(&m);
}

/* The record cases: owners, TTLs and lengths. */
static size_t fd_records(fd_server *s, const unsigned char *q, size_t qend,
                         const char *label, int qtype, unsigned char *out,
                         size_t cap) {
  static const unsigned char evil[] = {4,   'e', 'v', 'i', 'l', 7,   'e',
                                       'x', 'a', 'm', 'p', 'l', 'e', 0};
  unsigned char e66[4] = {192, 0, 2, 66}, five[5] = {192, 0, 2, 1, 0};
  fd_msg        m;
  fd_begin(&m, q, qend, out, cap, 0);
  if (qtype != 1)
    return fd_end(&m);
  if (strcmp(label, "other") == 0) {
    fd_rr(&m, evil, sizeof(evil), 1, 60, e66, 4);
  } else if (strcmp(label, "othermix") == 0) {
    fd_rr(&m, evil, sizeof(evil), 1, 60, e66, 4);
    fd_rr(&m, NULL, 0, 1, 60, fd_v4, 4);
  } else if (strcmp(label, "ttlbig") == 0) {
    fd_rr(&m, NULL, 0, 1, 0x80000000u, fd_v4, 4);
  } else if (strcmp(label, "badrdlen") == 0) {
    fd_rr(&m, NULL, 0, 1, 60, five, 5);
  } else { /* seq */
    unsigned char v[4] = {192, 0, 2,
                          (unsigned char)(1 + atomic_fetch_add(&s->seq, 1))};
    fd_rr(&m, NULL, 0, 1, 60, v, 4);
  }
  return fd_end(&m);
}

static void fd_send(int fd, const unsigned char *b, size_t n,
                    const struct sockaddr_in *to) {
  if (n > 0)
    (void)sendto(fd, b, n, 0, (const struct sockaddr *)to, sizeof(*to));
}

static void fd_delay(fd_server *s, const unsigned char *b, size_t n,
                     const struct sockaddr_in *to, unsigned ms) {
  if (s->ndelayed >= FD_MAXDELAY || n > sizeof(s->delayed[0].buf))
    return;
  fd_delayed *d = &s->delayed[s->ndelayed++];
  d->due        = fd_now_ms() + ms;
  d->to         = *to;
  d->len        = n;
  memcpy(d->buf, b, n);
}

static void fd_udp(fd_server *s) {
  unsigned char      q[512], out[FD_BUF] = {0};
  struct sockaddr_in from;
  socklen_t          fl = sizeof(from);
  ssize_t            got =
      recvfrom(s->udp, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
  char   label[64];
  int    qtype = 0;
  size_t qend  = got > 0 ? fd_question(q, (size_t)got, label, &qtype) : 0;
  if (qend == 0)
    return;
  atomic_fetch_add(&s->queries, 1);
  /* EDNS0: the one additional record is an OPT (root name, type 41)
   * whose class is the UDP payload offered. */
  if (!((size_t)got >= qend + 11 && q[11] == 1 && q[qend] == 0 &&
        q[qend + 1] == 0 && q[qend + 2] == 41 && q[qend + 3] == 0x04 &&
        q[qend + 4] == 0xd0))
    atomic_fetch_add(&s->noedns, 1);
  size_t n = fd_reply(q, qend, out, sizeof(out), 0, 0, qtype, 1, 1);
  if (strcmp(label, "silent") == 0) {
    return;
  } else if (strcmp(label, "slow") == 0) {
    fd_delay(s, out, n, &from, FD_SLOW_MS);
    return;
  } else if (strcmp(label, "servfail") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 2, 0, qtype, 0, 0);
  } else if (strcmp(label, "refused") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 5, 0, qtype, 0, 0);
  } else if (strcmp(label, "tc") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 0, 1, qtype, 0, 0);
  } else if (strcmp(label, "tccutrr") == 0) {
    /* TC, and the answer cut in the middle of a record. */
    n = fd_reply(q, qend, out, sizeof(out), 0, 1, qtype, 4, 1);
    n -= qtype == 1 ? 7 : 0;
  } else if (strcmp(label, "garbage") == 0) {
    for (size_t i = 0; i < 48; i++)
      out[i] = (unsigned char)(i * 37u + 11u);
    n = 48;
  } else if (strcmp(label, "badans") == 0) {
    n      = fd_reply(q, qend, out, sizeof(out), 0, 0, qtype, 1, 1);
    n      = qend + 3;
    out[6] = 0, out[7] = 1;
  } else if (strncmp(label, "wrongid", 7) == 0) {
    out[1] ^= 0x55;
    fd_send(s->udp, out, n, &from);
    out[1] ^= 0x55;
    if (strcmp(label, "wrongidok") != 0)
      return;
  } else if (strncmp(label, "wrongport", 9) == 0) {
    fd_send(s->other, out, n, &from);
    if (strcmp(label, "wrongportok") != 0)
      return;
  } else if (strcmp(label, "big") == 0 || strcmp(label, "huge") == 0 ||
             strcmp(label, "giant") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 0, 0, qtype,
                 label[0] == 'b'   ? 100
                 : label[0] == 'h' ? 600
                                   : 2000,
                 1);
  } else if (strcmp(label, "garbageok") == 0 || strcmp(label, "noise") == 0 ||
             strcmp(label, "shortok") == 0 || strcmp(label, "short") == 0) {
    unsigned char junk[48];
    for (size_t i = 0; i < sizeof(junk); i++)
      junk[i] = (unsigned char)(i * 37u + 11u);
    if (label[0] == 's')
      memcpy(junk, out, 5);
    fd_send(s->udp, junk, label[0] == 's' ? 5 : sizeof(junk), &from);
    if (strcmp(label, "short") != 0)
      fd_delay(s, out, n, &from, FD_NOISE_MS);
    return;
  } else if (strcmp(label, "delayok") == 0) {
    fd_delay(s, out, n, &from, FD_NOISE_MS);
    return;
  } else if (strncmp(label, "wrongq", 6) == 0) {
    out[13] ^= 0x01; /* the first letter of the question's name */
    fd_send(s->udp, out, n, &from);
    out[13] ^= 0x01;
    if (strcmp(label, "wrongqok") != 0)
      return;
  } else if (strcmp(label, "noaaaa") == 0) {
    if (qtype == 28)
      return;
  } else if (strcmp(label, "servfail6") == 0 || strcmp(label, "nx6") == 0) {
    if (qtype == 28)
      n = fd_reply(q, qend, out, sizeof(out), label[0] == 's' ? 2 : 3, 0, qtype,
                   0, 0);
  } else if (strcmp(label, "tccut") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 0, 1, qtype, 0, 0);
  } else if (strncmp(label, "cn", 2) == 0) {
    n = fd_cname(q, qend, label, qtype, out, sizeof(out));
  } else if (strcmp(label, "other") == 0 || strcmp(label, "othermix") == 0 ||
             strcmp(label, "ttlbig") == 0 || strcmp(label, "badrdlen") == 0 ||
             strcmp(label, "seq") == 0) {
    n = fd_records(s, q, qend, label, qtype, out, sizeof(out));
  } else if (strcmp(label, "ok") != 0) {
    n = fd_reply(q, qend, out, sizeof(out), 3, 0, qtype, 0, 0);
  }
  fd_send(s->udp, out, n, &from);
}

static int fd_read_full(int fd, unsigned char *b, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t k = read(fd, b + got, n - got);
    if (k <= 0)
      return -1;
    got += (size_t)k;
  }
  return 0;
}

/* One query on a TCP connection; returns -1 when the connection ends. */
static int fd_tcp_query(fd_server *s, int fd) {
  unsigned char len[2], q[512], out[FD_BUF + 2];
  if (fd_read_full(fd, len, 2) != 0)
    return -1;
  size_t n = (size_t)(len[0] << 8 | len[1]);
  if (n > sizeof(q) || fd_read_full(fd, q, n) != 0)
    return -1;
  char   label[64];
  int    qtype = 0;
  size_t qend  = fd_question(q, n, label, &qtype);
  if (qend == 0)
    return -1;
  atomic_fetch_add(&s->queries, 1);
  /* Answers that had to come over TCP carry 192.0.2.2. */
  bool moved = strncmp(label, "tc", 2) == 0 || strcmp(label, "big") == 0 ||
               strcmp(label, "huge") == 0 || strcmp(label, "giant") == 0;
  size_t m = fd_reply(q, qend, out + 2, FD_BUF, 0, 0, qtype, 1, moved ? 2 : 1);
  out[0] = (unsigned char)(m >> 8), out[1] = (unsigned char)m;
  if (strcmp(label, "tccut") == 0) {
    (void)write(fd, out, (m + 2) / 2);
    return -1;
  }
  return write(fd, out, m + 2) == (ssize_t)(m + 2) ? 0 : -1;
}

static void fd_flush_delayed(fd_server *s) {
  uint64_t now = fd_now_ms();
  for (size_t i = 0; i < s->ndelayed;) {
    if (s->delayed[i].due <= now) {
      fd_send(s->udp, s->delayed[i].buf, s->delayed[i].len, &s->delayed[i].to);
      s->delayed[i] = s->delayed[--s->ndelayed];
    } else {
      i++;
    }
  }
}

static void *fd_main(void *arg) {
  fd_server *s = arg;
  for (;;) {
    struct pollfd p[3 + FD_MAXCONN];
    int           np = 0, timeout = s->ndelayed ? 10 : -1;
    p[np++] = (struct pollfd){.fd = s->wake[0], .events = POLLIN};
    p[np++] = (struct pollfd){.fd = s->udp, .events = POLLIN};
    p[np++] = (struct pollfd){.fd = s->tcp, .events = POLLIN};
    for (int i = 0; i < FD_MAXCONN; i++)
      p[np++] = (struct pollfd){.fd = s->conn[i], .events = POLLIN};
    if (poll(p, (nfds_t)np, timeout) < 0)
      continue;
    if (p[0].revents)
      break;
    if (p[1].revents)
      fd_udp(s);
    if (p[2].revents) {
      int c = accept(s->tcp, NULL, NULL);
      int i = 0;
      while (i < FD_MAXCONN && s->conn[i] >= 0)
        i++;
      if (c >= 0 && i < FD_MAXCONN)
        s->conn[i] = c;
      else if (c >= 0)
        close(c);
    }
    for (int i = 0; i < FD_MAXCONN; i++)
      if (s->conn[i] >= 0 && p[3 + i].revents &&
          fd_tcp_query(s, s->conn[i]) != 0) {
        close(s->conn[i]);
        s->conn[i] = -1;
      }
    fd_flush_delayed(s);
  }
  return NULL;
}

static int fd_bind(int type, int port) {
  struct sockaddr_in a  = {.sin_family      = AF_INET,
                           .sin_port        = htons((uint16_t)port),
                           .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int                fd = socket(AF_INET, type, 0);
  if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
    close(fd);
    fd = -1;
  }
  if (fd >= 0 && type == SOCK_STREAM && listen(fd, 16) != 0) {
    close(fd);
    fd = -1;
  }
  return fd;
}

static int fd_port_of(int fd) {
  struct sockaddr_in a;
  socklen_t          l = sizeof(a);
  return getsockname(fd, (struct sockaddr *)&a, &l) == 0 ? ntohs(a.sin_port)
                                                         : -1;
}

/* Starts the server; returns 0 and sets s->port, or -1. */
static int fd_start(fd_server *s) {
  memset(s, 0, sizeof(*s));
  for (int i = 0; i < FD_MAXCONN; i++)
    s->conn[i] = -1;
  for (int attempt = 0; attempt < 20; attempt++) {
    s->udp  = fd_bind(SOCK_DGRAM, 0);
    s->port = s->udp >= 0 ? fd_port_of(s->udp) : -1;
    s->tcp  = s->port > 0 ? fd_bind(SOCK_STREAM, s->port) : -1;
    if (s->tcp >= 0)
      break;
    if (s->udp >= 0)
      close(s->udp);
  }
  s->other = fd_bind(SOCK_DGRAM, 0);
  if (s->tcp < 0 || s->other < 0 || pipe(s->wake) != 0)
    return -1;
  return pthread_create(&s->thread, NULL, fd_main, s) == 0 ? 0 : -1;
}

static void fd_stop(fd_server *s) {
  (void)write(s->wake[1], "x", 1);
  pthread_join(s->thread, NULL);
  close(s->wake[0]);
  close(s->wake[1]);
  close(s->udp);
  close(s->tcp);
  close(s->other);
  for (int i = 0; i < FD_MAXCONN; i++)
    if (s->conn[i] >= 0)
      close(s->conn[i]);
}

#endif
