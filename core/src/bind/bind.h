/* Internals of the bind helper (core/src/bind). */
#ifndef SADDR_BIND_H
#define SADDR_BIND_H

#include "family/family.h"

/* Fills err for a failed system call on the address a: the message reads
 * "<doing> <compact address>: <strerror>", sys_errno is e. */
int saddr__bind_fail(saddr_error *err, int code, int e, const saddr_addr *a,
                     const char *doing);

/* Binds fd to the AF_UNIX path address a, applying the existing-file and
 * stale-socket policy (SADDR_BIND_REPLACE_STALE in flags). */
int saddr__bind_unix_path(int fd, const saddr_addr *a, unsigned flags,
                          saddr_error *err);

/* The port of an AF_INET/AF_INET6 (or AF_RDS) address, and whether it has
 * one. */
bool     saddr__bind_is_ip(const saddr_addr *a);
uint16_t saddr__bind_port(const saddr_addr *a);
void     saddr__bind_set_port(saddr_addr *a, uint16_t port);

#endif
