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
 *   garbage    UDP: 48 bytes of noise
 *   badans     the right header and question, then a cut-off answer
 *   wrongid    a reply with another query id only
 *   wrongidok  that, then the right reply
 *   wrongport  the right reply, sent from another port only
 *   wrongportok that, then the right reply from the right port
 *   big        100 A records over UDP (about 1.6 KB, no TC)
 *   huge       600 A records over UDP (about 9.6 KB, no TC)
 * Anything else gets NXDOMAIN. Over TCP every name gets one A record:
 * 192.0.2.2 for tc, big and huge (so tests see which path answered),
 * 192.0.2.1 otherwise. */
#ifndef SADDR_TEST_FAKEDNS_H
#define SADDR_TEST_FAKEDNS_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define FD_SLOW_MS  150
#define FD_MAXCONN  8
#define FD_MAXDELAY 64
#define FD_BUF      16384

typedef struct fd_delayed {
  uint64_t           due;
  struct sockaddr_in to;
  size_t             len;
  unsigned char      buf[512];
} fd_delayed;

typedef struct fd_server {
  int         udp, tcp, other; /* other: a second UDP socket, another port */
  int         port;
  int         wake[2];
  int         conn[FD_MAXCONN];
  pthread_t   thread;
  atomic_int  queries;
  fd_delayed  delayed[FD_MAXDELAY];
  size_t      ndelayed;
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
    static const unsigned char rr[] = {0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4,
                                       192,  0,  2};
    memcpy(out + n, rr, sizeof(rr));
    n += sizeof(rr);
    out[n++] = (unsigned char)(base + k % 250);
  }
  return n;
}

static void fd_send(int fd, const unsigned char *b, size_t n,
                    const struct sockaddr_in *to) {
  if (n > 0)
    (void)sendto(fd, b, n, 0, (const struct sockaddr *)to, sizeof(*to));
}

static void fd_delay(fd_server *s, const unsigned char *b, size_t n,
                     const struct sockaddr_in *to) {
  if (s->ndelayed >= FD_MAXDELAY || n > sizeof(s->delayed[0].buf))
    return;
  fd_delayed *d = &s->delayed[s->ndelayed++];
  d->due = fd_now_ms() + FD_SLOW_MS;
  d->to = *to;
  d->len = n;
  memcpy(d->buf, b, n);
}

static void fd_udp(fd_server *s) {
  unsigned char q[512], out[FD_BUF];
  struct sockaddr_in from;
  socklen_t fl = sizeof(from);
  ssize_t got = recvfrom(s->udp, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
  char label[64];
  int qtype = 0;
  size_t qend = got > 0 ? fd_question(q, (size_t)got, label, &qtype) : 0;
  if (qend == 0)
    return;
  atomic_fetch_add(&s->queries, 1);
  size_t n = fd_reply(q, qend, out, sizeof(out), 0, 0, qtype, 1, 1);
  if (strcmp(label, "silent") == 0) {
    return;
  } else if (strcmp(label, "slow") == 0) {
    fd_delay(s, out, n, &from);
    return;
  } else if (strcmp(label, "servfail") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 2, 0, qtype, 0, 0);
  } else if (strcmp(label, "refused") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 5, 0, qtype, 0, 0);
  } else if (strcmp(label, "tc") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 0, 1, qtype, 0, 0);
  } else if (strcmp(label, "garbage") == 0) {
    for (size_t i = 0; i < 48; i++)
      out[i] = (unsigned char)(i * 37u + 11u);
    n = 48;
  } else if (strcmp(label, "badans") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 0, 0, qtype, 1, 1);
    n = qend + 3;
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
  } else if (strcmp(label, "big") == 0 || strcmp(label, "huge") == 0) {
    n = fd_reply(q, qend, out, sizeof(out), 0, 0, qtype,
                 label[0] == 'b' ? 100 : 600, 1);
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
  char label[64];
  int qtype = 0;
  size_t qend = fd_question(q, n, label, &qtype);
  if (qend == 0)
    return -1;
  atomic_fetch_add(&s->queries, 1);
  /* Answers that had to come over TCP carry 192.0.2.2. */
  bool moved = strcmp(label, "tc") == 0 || strcmp(label, "big") == 0 ||
               strcmp(label, "huge") == 0;
  size_t m = fd_reply(q, qend, out + 2, FD_BUF, 0, 0, qtype, 1, moved ? 2 : 1);
  out[0] = (unsigned char)(m >> 8), out[1] = (unsigned char)m;
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
    int np = 0, timeout = s->ndelayed ? 10 : -1;
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
  struct sockaddr_in a = {.sin_family = AF_INET,
                          .sin_port = htons((uint16_t)port),
                          .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  int fd = socket(AF_INET, type, 0);
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
  socklen_t l = sizeof(a);
  return getsockname(fd, (struct sockaddr *)&a, &l) == 0 ? ntohs(a.sin_port)
                                                          : -1;
}

/* Starts the server; returns 0 and sets s->port, or -1. */
static int fd_start(fd_server *s) {
  memset(s, 0, sizeof(*s));
  for (int i = 0; i < FD_MAXCONN; i++)
    s->conn[i] = -1;
  for (int attempt = 0; attempt < 20; attempt++) {
    s->udp = fd_bind(SOCK_DGRAM, 0);
    s->port = s->udp >= 0 ? fd_port_of(s->udp) : -1;
    s->tcp = s->port > 0 ? fd_bind(SOCK_STREAM, s->port) : -1;
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
