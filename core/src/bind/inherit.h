/* Inherited sockets (core/src/bind): systemd's LISTEN_FDS state and
 * adoption. The reference that `fd@N` and `sd@NAME` parse to is
 * family/inherit.h's. */
#ifndef SADDR_BIND_INHERIT_H
#define SADDR_BIND_INHERIT_H

#include "family/inherit.h"

/* ---- systemd's variables (listenfds.c) -------------------------------- */

/* Finds a passed socket by index (name NULL) or name and takes it: returns
 * its descriptor, or SADDR_ENOINHERIT (with the message) when it is not
 * there or was taken before. what is the reference's text for messages. */
int saddr__listen_take(const char *name, size_t namelen, int index,
                       const char *what, saddr_error *err);

/* Calls fn on each passed socket not yet taken until it sets *take or
 * returns a negative status; a socket fn takes is marked taken and its
 * descriptor (3 or more) returned. Returns 0 when none was taken, or fn's
 * negative status, or the state's error. */
int saddr__listen_each(int (*fn)(void *data, int fd, bool *take), void *data,
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
 * Returns 0 or a negative status; on 0, *adopted says whether out was
 * filled (false: none matched, bind a new socket). */
int saddr__inherit_match(const saddr_addr *a, unsigned flags,
                         saddr_bound_socket *out, bool *adopted,
                         saddr_error *err);

#endif
