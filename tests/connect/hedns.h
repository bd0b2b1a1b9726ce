/* Test helper: a DNS server on 127.0.0.1 (UDP, a free port), in a thread of
 * the test, that answers A with 127.0.0.1 and AAAA with ::1, each after
 * the delay the first label of the name gives:
 *   aN-qM.test   A after N ms, AAAA after M ms; "x" instead of a number
 *                drops that query (no answer at all)
 * so a test controls which family answers first, and when. Other names get
 * NXDOMAIN. */
#ifndef SADDR_TEST_HEDNS_H
#define SADDR_TEST_HEDNS_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HD_MAXDELAY 32

typedef struct hd_reply {
  uint64_t           at; /* ms, CLOCK_MONOTONIC */
  size_t             n;
  unsigned char      b[512];
  struct sockaddr_in to;
} hd_reply;

typedef struct hd_server {
  int       fd;
  int       port;
  int       stop[2];
  pthread_t thread;
  char      addr[32]; /* "127.0.0.1:PORT" */
  hd_reply  queue[HD_MAXDELAY];
  size_t    nqueue;
  unsigned  queries;   /* queries seen */
  uint64_t  a_sent_us; /* when the last A answer left (CLOCK_MONOTONIC) */
} hd_server;

static uint64_t hd_now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint64_t hd_now_ms(void) { return hd_now_us() / 1000u; }

/* "a<N|x>-q<M|x>": the delay of qtype's answer, -1 to drop, -2 when the
 * name is not one of ours. */
static long hd_delay(const char *label, int qtype) {
  long a = -2, q = -2;
  char sa[8], sq[8];
  if (sscanf(label, "a%7[0-9x]-q%7[0-9x]", sa, sq) != 2)
    return -2;
  a = sa[0] == 'x' ? -1 : atol(sa);
  q = sq[0] == 'x' ? -1 : atol(sq);
  return qtype == 28 ? q : a;
}

/* Builds the reply to query q (n bytes) in out; returns its length, 0 to
 * ignore the query, and the delay in *delay. */
static size_t hd_answer(const unsigned char *q, size_t n, unsigned char *out,
                        long *delay) {
  if (n < 17 || n > 512)
    return 0;
  char   label[64];
  size_t at = 12, first = q[12];
  if (first == 0 || first >= sizeof(label) || 13 + first > n)
    return 0;
  memcpy(label, q + 13, first);
  label[first] = '\0';
  while (at < n && q[at] != 0)
    at += (size_t)q[at] + 1;
  if (at + 5 > n)
    return 0;
  int    qtype = q[at + 1] << 8 | q[at + 2];
  size_t qend  = at + 5;
  memcpy(out, q, qend);
  out[2] = 0x84 | (q[2] & 0x01); /* QR, AA, keep RD */
  out[3] = 0x80;                 /* RA */
  out[6] = out[7] = out[8] = out[9] = out[10] = out[11] = 0;
  *delay = hd_delay(label, qtype);
  if (*delay == -2) {
    out[3] |= 3; /* NXDOMAIN */
    *delay = 0;
    return qend;
  }
  if (qtype != 1 && qtype != 28)
    return qend;
  static const unsigned char v4[4]  = {127, 0, 0, 1};
  static const unsigned char v6[16] = {0, 0, 0, 0, 0, 0, 0, 0,
                                       0, 0, 0, 0, 0, 0, 0, 1};
  size_t                     rdlen  = qtype == 1 ? 4 : 16;
  unsigned char rr[12] = {0xc0, 0x0c, 0, (unsigned char)qtype, 0, 1, 0, 0,
                          0,    60,   0, (unsigned char)rdlen};
  memcpy(out + qend, rr, sizeof(rr));
  memcpy(out + qend + sizeof(rr), qtype == 1 ? v4 : v6, rdlen);
  out[7] = 1;
  return qend + sizeof(rr) + rdlen;
}

static void hd_flush(hd_server *s) {
  uint64_t now = hd_now_ms();
  for (size_t i = 0; i < s->nqueue;) {
    if (s->queue[i].at <= now) {
      const unsigned char *b = s->queue[i].b;
      size_t               n = s->queue[i].n;
      if (b[7] == 1 && n > 17 && b[n - 5] == 4) /* one A record */
        __atomic_store_n(&s->a_sent_us, hd_now_us(), __ATOMIC_RELEASE);
      sendto(s->fd, s->queue[i].b, s->queue[i].n, 0,
             (struct sockaddr *)&s->queue[i].to, sizeof(s->queue[i].to));
      s->queue[i] = s->queue[--s->nqueue];
    } else {
      i++;
    }
  }
}

static void hd_receive(hd_server *s) {
  unsigned char      q[512];
  struct sockaddr_in from;
  socklen_t          fl = sizeof(from);
  ssize_t n = recvfrom(s->fd, q, sizeof(q), 0, (struct sockaddr *)&from, &fl);
  if (n <= 0 || s->nqueue == HD_MAXDELAY)
    return;
  s->queries++;
  hd_reply *r = &s->queue[s->nqueue];
  long      delay;
  r->n = hd_answer(q, (size_t)n, r->b, &delay);
  if (r->n == 0 || delay < 0)
    return;
  r->at = hd_now_ms() + (uint64_t)delay;
  r->to = from;
  s->nqueue++;
}

static void *hd_main(void *arg) {
  hd_server *s = arg;
  for (;;) {
    struct pollfd p[2] = {{.fd = s->fd, .events = POLLIN},
                          {.fd = s->stop[0], .events = POLLIN}};
    int           wait = s->nqueue ? 1 : 100;
    if (poll(p, 2, wait) < 0 || p[1].revents)
      break;
    if (p[0].revents & POLLIN)
      hd_receive(s);
    hd_flush(s);
  }
  return NULL;
}

static int hd_start(hd_server *s) {
  memset(s, 0, sizeof(*s));
  struct sockaddr_in a   = {.sin_family      = AF_INET,
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  socklen_t          len = sizeof(a);
  s->fd                  = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&a, sizeof(a)) != 0 ||
      getsockname(s->fd, (struct sockaddr *)&a, &len) != 0 ||
      pipe(s->stop) != 0)
    return -1;
  s->port = ntohs(a.sin_port);
  snprintf(s->addr, sizeof(s->addr), "127.0.0.1:%d", s->port);
  return pthread_create(&s->thread, NULL, hd_main, s) == 0 ? 0 : -1;
}

static void hd_stop(hd_server *s) {
  if (write(s->stop[1], "x", 1) == 1)
    pthread_join(s->thread, NULL);
  close(s->stop[0]);
  close(s->stop[1]);
  close(s->fd);
}

#endif
