/* saddr__service_complete(), the service completion bind and the resolver
 * share: the socket type it looks the name up for, the ports it sets, and
 * where its errors stand in the parsed text (the service name, from the
 * start: no caller moves the offset). */
#include "harness.h"
#include "local/local.h"

#include <string.h>

#define SERVICES "app 4242/tcp\ndg 5000/udp\n"

static saddr_services *services(void) {
  saddr_services *s  = NULL;
  saddr_error     e  = {0};
  int             rc = saddr_services_parse(SERVICES, strlen(SERVICES), &s, &e);
  CHECK_INT(rc, 0);
  return s;
}

/* Parses text deferred, with the given socket type. */
static int deferred(const char *text, int type, saddr_parsed *p) {
  saddr_hints h = {.type = type, .flags = SADDR_DEFER};
  saddr_error e;
  return saddr_parse(text, strlen(text), &h, p, &e);
}

typedef struct row {
  const char *text;
  int         type;
  int         rc;
  int         port;   /* p->port and every address's, on success */
  size_t      offset; /* on failure */
  size_t      length;
} row;

static const row rows[] = {
    /* A literal: the type is on its address. */
    {"127.0.0.1:app", SOCK_STREAM, 0, 4242, 0, 0},
    {"[::1]:dg", SOCK_DGRAM, 0, 5000, 0, 0},
    {"127.0.0.1:dg", SOCK_STREAM, SADDR_ESERVICE, 0, 10, 2},
    {"127.0.0.1:nosuch", SOCK_STREAM, SADDR_ESERVICE, 0, 10, 6},
    /* Every address of an every-family wildcard gets the port. */
    {"*:app", SOCK_STREAM, 0, 4242, 0, 0},
    /* A name: no addresses yet, the type is the parse's. */
    {"example.test:dg", SOCK_DGRAM, 0, 5000, 0, 0},
    {"example.test:app", SOCK_DGRAM, SADDR_ESERVICE, 0, 13, 3},
    {"[2001:db8::1]:nosuch", SOCK_STREAM, SADDR_ESERVICE, 0, 14, 6},
};

static void check_rows(void) {
  saddr_services *s = services();
  for (size_t i = 0; s && i < sizeof rows / sizeof rows[0]; i++) {
    const row   *r = &rows[i];
    saddr_parsed p;
    saddr_error  e = {0};
    if (deferred(r->text, r->type, &p) != 0 || !(p.need & SADDR_NEED_SERVICE)) {
      CHECK_CTX(false, "%s: parses with its service deferred", r->text);
      continue;
    }
    int rc = saddr__service_complete(s, &p, &e);
    CHECK_CTX(rc == r->rc, "%s: %s", r->text, saddr_err_name(rc));
    if (rc == 0) {
      CHECK_CTX(p.port == r->port, "%s: port %u", r->text, p.port);
      for (size_t k = 0; k < p.count; k++)
        CHECK_CTX(saddr_addr_port(&p.addr[k]) == r->port, "%s: address %zu",
                  r->text, k);
    } else {
      CHECK_CTX(e.offset == r->offset && e.length == r->length,
                "%s: error at %zu+%zu", r->text, e.offset, e.length);
    }
  }
  saddr_services_close(s);
}

/* A services file that cannot be read (a directory): the completion's
 * error spans the service name, the public lookup's nothing. */
static void check_unreadable(void) {
  saddr_services *s = saddr_services_open("/");
  CHECK(s != NULL);
  saddr_parsed p;
  saddr_error  e = {0};
  CHECK_INT(deferred("127.0.0.1:app", SOCK_STREAM, &p), 0);
  CHECK_INT(saddr__service_complete(s, &p, &e), SADDR_EINVAL);
  CHECK_INT(e.offset, 10);
  CHECK_INT(e.length, 3);
  uint16_t port = 0;
  e.offset      = 99;
  CHECK_INT(saddr_services_lookup_proto(s, "app", 3, SOCK_STREAM, 0, &port, &e),
            SADDR_EINVAL);
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 0);
  /* saddr_bind() completes through the same function. */
  saddr_bind_opts o = {.services = s};
  saddr_bound    *b = NULL;
  CHECK_INT(saddr_bind("127.0.0.1:app", 13, NULL, &o, &b, &e), SADDR_EINVAL);
  CHECK_INT(e.offset, 10);
  CHECK_INT(e.length, 3);
  CHECK(b == NULL);
  saddr_services_close(s);
}

int main(void) {
  check_rows();
  check_unreadable();
  return th_done();
}
