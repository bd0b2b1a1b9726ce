/* Inherited sockets (core/src/bind): the reference that `fd@N` and `sd@NAME`
 * parse to, systemd's LISTEN_FDS state, and adoption. */
#ifndef SADDR_BIND_INHERIT_H
#define SADDR_BIND_INHERIT_H

#include "internal.h"

/* The private bytes of a reference, in saddr_addr.sa. It begins with an
 * AF_UNSPEC family field so that code that looks at sa_family alone sees no
 * real address; len covers the name's bytes only. */
typedef struct saddr__ref {
  sa_family_t af;      /* AF_UNSPEC */
  uint8_t     kind;    /* SADDR_INHERIT_* */
  uint8_t     namelen; /* SD_NAME */
  int32_t     number;  /* FD, SD_INDEX; -1 for SD_NAME */
  int32_t     family;  /* expected; AF_UNSPEC: any */
  char        name[SADDR_INHERIT_NAME_MAX];
} saddr__ref;

/* True when text [0, n) starts with "fd@" or "sd@". */
bool saddr__inherit_prefix(const char *s, size_t n);

/* Reads `fd@N`, `sd@NAME` or `sd@INDEX` at [off, c->len) into out->addr[0]. */
int saddr__inherit_compact(const saddr__ctx *c, size_t off, saddr_parsed *out);

/* Copies the reference out of a (false when a is none). */
bool saddr__ref_get(const saddr_addr *a, saddr__ref *r);

/* ---- systemd's variables (listenfds.c) -------------------------------- */

/* Finds a passed socket by index (name NULL) or name and takes it: returns
 * its descriptor, or SADDR_ENOINHERIT (with the message) when it is not
 * there or was taken before. what is the reference's text for messages. */
int saddr__listen_take(const char *name, size_t namelen, int index,
                       const char *what, saddr_error *err);

/* Calls fn on each passed socket not yet taken until it returns non-zero;
 * when it returns 1 the socket is taken and its descriptor (3 or more)
 * returned. Returns 0 when none was chosen, or fn's negative status, or the
 * state's error. */
int saddr__listen_each(int (*fn)(void *data, int fd), void *data,
                       saddr_error *err);

/* Gives a socket taken by a set that failed back to the pool; a descriptor
 * that is not a passed one is ignored. */
void saddr__listen_release(int fd);

/* Marks fd taken if it is a passed socket (an `fd@N` adoption), once the
 * variables have been read; false when it was taken already. */
bool saddr__listen_claim(int fd);

/* ---- Adoption (inherit.c) --------------------------------------------- */

/* Adopts the socket a reference names. */
int saddr__inherit_adopt(const saddr_addr *ref, unsigned flags,
                         saddr_bound_socket *out, saddr_error *err);

/* With SADDR_BIND_INHERIT: adopts a passed socket bound to a's address.
 * Returns 1 (out filled), 0 (none: bind a new one) or a negative status. */
int saddr__inherit_match(const saddr_addr *a, unsigned flags,
                         saddr_bound_socket *out, saddr_error *err);

#endif
