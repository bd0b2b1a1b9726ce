/* A set of addresses bound as one: every-family wildcards, a shared port
 * for port 0, all or nothing. */
#include "bind/bind.h"
#include "bind/inherit.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* How often a port-0 set is tried again after a later address found the
 * first one's port taken. */
#define PORT_TRIES 32

typedef struct bound_block {
  saddr_bound        head;
  saddr_bound_socket sock[];
} bound_block;

typedef struct pass {
  uint16_t    shared;    /* the port every port-0 IP address takes */
  size_t      owner;     /* the socket that got it from the kernel */
  bool        dual_done; /* an every-family IPv6 socket takes IPv4 too */
  saddr_error skip_err;  /* why an address was skipped, if one was */
  bool        clash;     /* the shared port was taken in a later family */
} pass;

static void close_all(saddr_bound *b, size_t keep) {
  for (size_t i = 0; i < b->count; i++)
    if (b->sock[i].fd >= 0 && i != keep)
      close(b->sock[i].fd);
  b->count = 0;
}

/* A set that fails closes what it created and gives inherited sockets back
 * untouched: they were never its own. */
static void drop_all(saddr_bound *b, size_t keep) {
  for (size_t i = 0; i < b->count; i++)
    if (b->sock[i].fd >= 0 && i != keep &&
        (b->sock[i].requested.flags & SADDR_ADDR_INHERITED)) {
      saddr__listen_release(b->sock[i].fd);
      b->sock[i].fd = -1;
    }
  close_all(b, keep);
}

static bool allfam(const saddr_addr *a, int family) {
  return (a->flags & SADDR_ADDR_ALLFAM) && a->family == family;
}

static int bind_one(const saddr_addr *a, const saddr_bind_opts *opts, pass *p,
                    saddr_bound *b, saddr_error *err) {
  if (p->dual_done && allfam(a, AF_INET))
    return 0;
  saddr_addr copy  = *a;
  bool       ip0   = saddr_addr_port(a) == 0;
  bool       joins = ip0 && p->shared != 0;
  if (joins)
    (void)saddr_addr_set_port(&copy, p->shared);
  saddr_bound_socket *s  = &b->sock[b->count];
  int                 rc = saddr_bind_addr(&copy, opts, s, err);
  if (rc == SADDR_ENOTSUP && err->sys_errno == EAFNOSUPPORT) {
    p->skip_err = *err;
    return 0;
  }
  p->clash = rc == SADDR_EADDRINUSE && joins;
  if (rc < 0)
    return rc;
  if (ip0 && !joins) {
    saddr_addr bound;
    rc = saddr_bound_addr(s, &bound, err);
    if (rc < 0) {
      close(s->fd);
      return rc;
    }
    p->shared = (uint16_t)saddr_addr_port(&bound);
    p->owner  = b->count;
  }
  if (allfam(a, AF_INET6) && s->v6only == 0)
    p->dual_done = true;
  /* An fd@/sd@ socket reports what it is bound to, not the reference. */
  if (a->family != SADDR_AF_INHERIT) {
    unsigned inherited = s->requested.flags & SADDR_ADDR_INHERITED;
    s->requested       = *a;
    s->requested.flags |= inherited;
  }
  b->count++;
  return 0;
}

/* Binds every address once. On a clash (SADDR_EADDRINUSE on the shared
 * port) the socket that owns that port stays open, its fd in *held, so
 * that the kernel does not hand the same port out again on the next pass;
 * *held stays -1 on any other outcome. */
static int bind_pass(const saddr_addr *addrs, size_t n,
                     const saddr_bind_opts *opts, saddr_bound *b, int *held,
                     saddr_error *err) {
  pass p          = {0};
  p.skip_err.code = SADDR_OK;
  for (size_t i = 0; i < n; i++) {
    int rc = bind_one(&addrs[i], opts, &p, b, err);
    if (p.clash) {
      *held = b->sock[p.owner].fd;
      drop_all(b, p.owner);
      return rc;
    }
    if (rc < 0) {
      drop_all(b, SIZE_MAX);
      return rc;
    }
  }
  if (b->count == 0 && p.skip_err.code != SADDR_OK) {
    *err = p.skip_err;
    return err->code;
  }
  return 0;
}

static int bind_set(const saddr_addr *addrs, size_t n,
                    const saddr_bind_opts *opts, saddr_bound *b,
                    saddr_error *err) {
  int held[PORT_TRIES], nheld = 0, rc, fd;
  do {
    fd = -1;
    rc = bind_pass(addrs, n, opts, b, &fd, err);
    if (fd >= 0)
      held[nheld++] = fd;
  } while (fd >= 0 && nheld < PORT_TRIES);
  for (int i = 0; i < nheld; i++)
    close(held[i]);
  if (fd < 0)
    return rc;
  rc             = saddr__fail(err, SADDR_EADDRINUSE, 0, 0,
                               "no port was free in every family after %d tries",
                               PORT_TRIES);
  err->sys_errno = EADDRINUSE;
  return rc;
}

int saddr_bind_addrs(const saddr_addr *addrs, size_t n,
                     const saddr_bind_opts *opts, saddr_bound **out,
                     saddr_error *err) {
  if (!out || !addrs || n == 0 ||
      n > (SIZE_MAX - sizeof(bound_block)) / sizeof(saddr_bound_socket))
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "no addresses or no output");
  bound_block *blk = malloc(sizeof *blk + n * sizeof(saddr_bound_socket));
  if (!blk)
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  blk->head.count   = 0;
  blk->head.sock    = blk->sock;
  saddr_error local = {0};
  int         rc    = bind_set(addrs, n, opts, &blk->head, &local);
  if (rc < 0) {
    free(blk);
    if (err)
      *err = local;
    return rc;
  }
  *out = &blk->head;
  return 0;
}

void saddr_bound_free(saddr_bound *b) {
  if (!b)
    return;
  close_all(b, SIZE_MAX);
  free(b);
}
