/* Internals of the bind helper (core/src/bind). Files call downward only:
 * set.c and spec.c use the public saddr_bind_addr(s) of bind.c and set.c,
 * bind.c uses unix.c and inherit.c, and both bind.c and unix.c report
 * failed system calls through fail.c, which calls nothing here. */
#ifndef SADDR_BIND_H
#define SADDR_BIND_H

#include "family/family.h"

/* ---- Failures (fail.c) ------------------------------------------------ */

/* Fills err for a failed system call on the address a: the message reads
 * "<doing> <compact address>: <strerror>", sys_errno is e. */
int saddr__bind_fail(saddr_error *err, int code, int e, const saddr_addr *a,
                     const char *doing);

/* A failed bind(2) to a with errno e: SADDR_EADDRINUSE when the address
 * is taken, else SADDR_ESYS, with the message of saddr__bind_fail. The
 * call itself stays with the caller, so that success costs no call here. */
int saddr__bind_failed(saddr_error *err, int e, const saddr_addr *a);

/* ---- AF_UNIX paths (unix.c) ------------------------------------------- */

/* Binds fd to the AF_UNIX path address a, applying the existing-file and
 * stale-socket policy (SADDR_BIND_REPLACE_STALE in flags). */
int saddr__bind_unix_path(int fd, const saddr_addr *a, unsigned flags,
                          saddr_error *err);

#endif
