/* Target: the numeric, wildcard and non-IP paths make zero heap
 * allocations. This program replaces glibc's allocator entry points (ELF
 * interposition: the executable's malloc wins over libc's for every caller,
 * libc itself included) with counting wrappers around glibc's own
 * implementation, then parses and formats a table of specs and checks that
 * each one succeeds and allocates nothing. Nothing is warmed up first: a
 * lazy allocation on the first call counts too. */
#include "harness.h"
#include "saddr.h"

#include <stdbool.h>
#include <stddef.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);
void *__libc_memalign(size_t align, size_t n);
void  __libc_free(void *p);

static bool   counting;
static size_t allocations;

static void note(void) {
  if (counting)
    allocations++;
}

void *malloc(size_t n) {
  note();
  return __libc_malloc(n);
}

void *calloc(size_t n, size_t size) {
  note();
  return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n) {
  note();
  return __libc_realloc(p, n);
}

void *memalign(size_t align, size_t n) {
  note();
  return __libc_memalign(align, n);
}

void *aligned_alloc(size_t align, size_t n) {
  note();
  return __libc_memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n) {
  void *p;
  note();
  p = __libc_memalign(align, n);
  if (!p)
    return 12; /* ENOMEM, without dragging errno.h's macros in */
  *out = p;
  return 0;
}

void free(void *p) { __libc_free(p); }

/* Kernel constants for the non-IP tuple forms (linux/can.h,
 * bluetooth/bluetooth.h), spelled out so that no kernel header is needed. */
#define CHECK_CAN_RAW        1
#define CHECK_BTPROTO_RFCOMM 3

struct spec {
  int         family;   /* hints.family */
  int         protocol; /* hints.protocol */
  unsigned    flags;    /* hints.flags */
  const char *text;
  size_t      count; /* addresses expected */
  int         first; /* sa_family of the first */
};

#define TUPLE SADDR_SYNTAX_TUPLE
static const struct spec specs[] = {
    /* Numeric. */
    {AF_UNSPEC, 0, 0, "192.0.2.1:80", 1, AF_INET},
    {AF_UNSPEC, 0, 0, "[2001:db8::1]:443", 1, AF_INET6},
    {AF_UNSPEC, 0, 0, "[::ffff:192.0.2.1]:443", 1, AF_INET6},
    {AF_UNSPEC, 0, 0, "[fe80::1%2]:53", 1, AF_INET6},
    {AF_UNSPEC, 0, 0, "('192.0.2.1', 80)", 1, AF_INET},
    {AF_INET, 0, 0, "('192.0.2.1', 80)", 1, AF_INET},
    {AF_INET6, 0, 0, "('2001:db8::1', 80, 0, 0)", 1, AF_INET6},
    {AF_INET6, 0, 0, "('fe80::1%2', 80)", 1, AF_INET6},
    {AF_INET, 0, 0, "('<broadcast>', 80)", 1, AF_INET},
    /* Wildcards and localhost. */
    {AF_UNSPEC, 0, 0, "*:80", 2, AF_INET6},
    {AF_UNSPEC, 0, 0, ":80", 2, AF_INET6},
    {AF_UNSPEC, 0, 0, "80", 2, AF_INET6},
    {AF_UNSPEC, 0, 0, "0.0.0.0:80", 1, AF_INET},
    {AF_UNSPEC, 0, 0, "[::]:80", 1, AF_INET6},
    {AF_UNSPEC, 0, TUPLE, "('', 80)", 2, AF_INET6},
    {AF_INET, 0, 0, "('', 80)", 1, AF_INET},
    {AF_INET6, 0, 0, "('', 80, 0, 0)", 1, AF_INET6},
    {AF_UNSPEC, 0, 0, "localhost:80", 2, AF_INET6},
    /* Non-IP families. */
    {AF_UNSPEC, 0, 0, "/run/app.sock", 1, AF_UNIX},
    {AF_UNSPEC, 0, 0, "unix:relative/path", 1, AF_UNIX},
    {AF_UNSPEC, 0, 0, "@name", 1, AF_UNIX},
    {AF_UNSPEC, 0, 0, "@na\\x00me", 1, AF_UNIX},
    {AF_UNSPEC, 0, 0, "vsock:3:1234", 1, AF_VSOCK},
    {AF_UNSPEC, 0, 0, "vsock::1234", 1, AF_VSOCK},
    {AF_UNIX, 0, 0, "'/tmp/x'", 1, AF_UNIX},
    {AF_UNIX, 0, 0, "b'\\x00abstract'", 1, AF_UNIX},
    {AF_NETLINK, 0, 0, "(0, 0)", 1, AF_NETLINK},
    {AF_VSOCK, 0, 0, "(VMADDR_CID_ANY, 1234)", 1, AF_VSOCK},
    {AF_PACKET, 0, 0, "('', ETH_P_ALL)", 1, AF_PACKET},
    {AF_CAN, CHECK_CAN_RAW, 0, "('',)", 1, AF_CAN},
    {AF_TIPC, 0, 0, "(TIPC_ADDR_NAME, 1000, 1, 0)", 1, AF_TIPC},
    {AF_ALG, 0, 0, "('hash', 'sha256')", 1, AF_ALG},
    {AF_QIPCRTR, 0, 0, "(1, 2)", 1, AF_QIPCRTR},
    {AF_BLUETOOTH, CHECK_BTPROTO_RFCOMM, 0, "('01:23:45:67:89:AB', 1)", 1,
     AF_BLUETOOTH},
};

/* Parses one spec (saddr_parse, and saddr_parse_addr where it yields one
 * address) and formats every result both ways; returns the allocations. */
static size_t run_spec(const struct spec *sp, int *status) {
  saddr_hints  hints;
  saddr_parsed parsed;
  saddr_addr   one;
  saddr_error  err;
  char         text[SADDR_FORMAT_MAX];
  size_t       len = strlen(sp->text);
  memset(&hints, 0, sizeof hints);
  hints.family   = sp->family;
  hints.protocol = sp->protocol;
  hints.flags    = sp->flags;
  allocations    = 0;
  counting       = true;
  *status        = saddr_parse(sp->text, len, &hints, &parsed, &err);
  if (*status == 0 && sp->count == 1)
    *status = saddr_parse_addr(sp->text, len, &hints, &one, &err);
  for (size_t k = 0; *status == 0 && k < parsed.count; k++)
    for (int style = 0; style < 2; style++)
      if (saddr_format_addr(&parsed.addr[k], style, text, sizeof text, &err) <
          0)
        *status = err.code;
  counting = false;
  if (*status != 0)
    fprintf(stderr, "  %s: %s\n", sp->text, err.message);
  else if (parsed.count != sp->count || parsed.need != 0 ||
           parsed.addr[0].sa.sa.sa_family != sp->first)
    *status = -1000;
  return allocations;
}

int main(void) {
  /* The counter must see allocations at all, or a zero proves nothing.
   * malloc is called through a volatile pointer: clang removes a malloc
   * whose result is only freed, even when it is stored in a volatile. */
  void *(*volatile alloc)(size_t) = malloc;
  void *probe;
  counting    = true;
  allocations = 0;
  probe       = alloc(16);
  counting    = false;
  CHECK_INT(allocations, 1);
  free(probe);

  for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
    int    status;
    size_t n = run_spec(&specs[i], &status);
    CHECK_CTX(status == 0, "%s (family %d): status %d", specs[i].text,
              specs[i].family, status);
    CHECK_CTX(n == 0, "%s (family %d): %zu heap allocations", specs[i].text,
              specs[i].family, n);
  }
  return th_done();
}
