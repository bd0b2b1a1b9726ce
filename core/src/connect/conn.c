/* Layer 1 of the connect helper, the bottom: the connect record itself.
 * Its memory (a new record, an inline array outgrowing its storage, the
 * release that keeps one record for the next connect), the clock and the
 * spec's name in messages. It calls nothing else in connect/; every other
 * file here builds on it. */
#include "connect/connect.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t saddr__now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

const char *saddr__what(const saddr__conn *c, char *buf) {
  size_t n = 0;
  for (; n < c->text_len && n < sizeof(c->text); n++)
    buf[n] = c->text[n] >= 0x20 && c->text[n] < 0x7f ? c->text[n] : '?';
  if (n < c->text_len) {
    memcpy(buf + n, "...", 3);
    n += 3;
  }
  buf[n] = '\0';
  return buf;
}

bool saddr__grow(void **p, size_t *cap, size_t size, void *inl) {
  size_t n = *cap ? *cap * 2 : 8;
  void  *q = *p == inl ? malloc(n * size) : realloc(*p, n * size);
  if (q == NULL)
    return false;
  if (*p == inl)
    memcpy(q, inl, *cap * size);
  *p   = q;
  *cap = n;
  return true;
}

saddr__conn *saddr__conn_new(saddr__hub *h) {
  saddr__conn *c = h->spare;
  h->spare       = NULL;
  /* The inline arrays are written before they are read. */
  if (c != NULL)
    memset(c, 0, offsetof(saddr__conn, text));
  else if ((c = calloc(1, sizeof(*c))) == NULL)
    return NULL;
  c->hub      = h;
  c->cand     = c->cand_inline;
  c->capcand  = SADDR_PARSED_MAX;
  c->tries    = c->tries_inline;
  c->captries = SADDR_PARSED_MAX;
  return c;
}

void saddr__conn_free(saddr__conn *c) {
  if (c->cand != c->cand_inline)
    free(c->cand);
  if (c->tries != c->tries_inline)
    free(c->tries);
  free(c);
}

void saddr__conn_release(saddr__hub *h, saddr__conn *c) {
  if (h->spare != NULL || c->cand != c->cand_inline ||
      c->tries != c->tries_inline) {
    saddr__conn_free(c);
    return;
  }
  h->spare = c;
}
