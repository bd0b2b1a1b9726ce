/* saddr_bind() on specs that need the local databases: service names from a
 * services file, host names from a hosts file, and the errors (with their
 * spans) when either does not know the name. Nothing here reads /etc. */
#include "bind_util.h"

#include <stdio.h>

/* A port nothing listens on right now, for services-file entries. */
static uint16_t free_port(void) {
  saddr_bound *b;
  saddr_error  err;
  uint16_t     port = 0;
  if (bu_bind("127.0.0.1:0", 0, 0, 0, &b, &err) == 0) {
    port = bu_bound_port(&b->sock[0]);
    saddr_bound_free(b);
  }
  return port;
}

typedef struct row {
  const char *spec;
  int         type;
  int         rc;
  size_t      count; /* sockets */
  size_t      err_offset, err_length;
} row;

static const row rows[] = {
    {"127.0.0.1:app", 0, 0, 1, 0, 0},
    {"[::1]:APP", 0, 0, 1, 0, 0},
    {"*:app", 0, 0, 2, 0, 0},
    {"myhost:app", 0, 0, 2, 0, 0},
    {"MyHost.:0", 0, 0, 2, 0, 0},
    {"only4:0", 0, 0, 1, 0, 0},
    {"127.0.0.1:dgram-app", SOCK_DGRAM, 0, 1, 0, 0},
    {"127.0.0.1:dgram-app", 0, SADDR_ESERVICE, 0, 10, 9},
    {"127.0.0.1:nosuch", 0, SADDR_ESERVICE, 0, 10, 6},
    {"myhost:nosuch", 0, SADDR_ESERVICE, 0, 7, 6},
    {"example.test:0", 0, SADDR_ERESOLVE, 0, 0, 12},
    {"[::1]:0", 0, 0, 1, 0, 0},
    {"('only4', 0)", 0, 0, 1, 0, 0},
};

static void run_rows(saddr_bind_opts *o, uint16_t app, uint16_t dgram) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const row   *r   = &rows[i];
    saddr_hints  h   = {0};
    saddr_bound *b   = NULL;
    saddr_error  err = {0};
    h.type           = r->type;
    int rc           = saddr_bind(r->spec, strlen(r->spec), &h, o, &b, &err);
    CHECK_CTX(rc == r->rc, "row %zu (%s): %s, expected %s (%s)", i, r->spec,
              saddr_err_name(rc), saddr_err_name(r->rc), err.message);
    if (rc < 0) {
      CHECK_CTX(err.offset == r->err_offset && err.length == r->err_length,
                "row %zu (%s): span %zu+%zu", i, r->spec, err.offset,
                err.length);
      continue;
    }
    if (rc != 0)
      continue;
    CHECK_CTX(b->count == r->count, "row %zu (%s): %zu sockets", i, r->spec,
              b->count);
    bool     named = strstr(r->spec, "app") != NULL;
    uint16_t want  = strstr(r->spec, "dgram") ? dgram : app;
    for (size_t k = 0; k < b->count; k++) {
      saddr_addr        bound = bu_bound(&b->sock[k]);
      const saddr_addr *a     = &bound;
      CHECK_CTX(!named || bu_port(a) == want, "row %zu sock %zu port %u", i, k,
                bu_port(a));
      CHECK_CTX(bu_port(a) == bu_bound_port(&b->sock[0]),
                "row %zu: one port for all", i);
      CHECK_CTX(a->type == (r->type ? r->type : SOCK_STREAM), "row %zu type",
                i);
    }
    saddr_bound_free(b);
  }
}

/* Host names come with the spec's port and the bind flags stamped on them,
 * and each socket takes loopback clients. */
static void check_hosts_clients(saddr_bind_opts *o) {
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(saddr_bind("myhost:0", 8, NULL, o, &b, &err), 0);
  CHECK_INT(b->count, 2);
  CHECK_INT(bu_bound(&b->sock[0]).family, AF_INET6);
  CHECK_INT(b->sock[0].v6only, 1);
  CHECK_INT(bu_bound(&b->sock[1]).family, AF_INET);
  CHECK(b->sock[0].requested.flags & SADDR_ADDR_V6ONLY);
  CHECK(!(b->sock[1].requested.flags & SADDR_ADDR_V6ONLY));
  uint16_t port = bu_bound_port(&b->sock[0]);
  CHECK_INT(bu_client(SOCK_STREAM, "::1", port), 0);
  CHECK_INT(bu_accept(b->sock[0].fd, SOCK_STREAM), AF_INET6);
  CHECK_INT(bu_client(SOCK_STREAM, "127.0.0.1", port), 0);
  CHECK_INT(bu_accept(b->sock[1].fd, SOCK_STREAM), AF_INET);
  saddr_bound_free(b);
}

/* The error for a name the hosts file lacks says that bind does no DNS. */
static void check_messages(saddr_bind_opts *o) {
  saddr_bound *b;
  saddr_error  err;
  CHECK_INT(saddr_bind("example.test:80", 15, NULL, o, &b, &err),
            SADDR_ERESOLVE);
  CHECK_STR(err.message, "'example.test' is not in (bytes), and bind does no "
                         "DNS: resolve the name, then bind its addresses");
  CHECK_INT(
      saddr_bind("only4:0", 7, &(saddr_hints){.family = AF_INET6}, o, &b, &err),
      SADDR_ENODATA);
  CHECK_INT(err.offset, 0);
  CHECK_INT(err.length, 5);
  CHECK_INT(saddr_bind("127.0.0.1:nosuch", 16, NULL, o, &b, &err),
            SADDR_ESERVICE);
  CHECK_STR(err.message,
            "unknown service 'nosuch' for tcp in services file (bytes)");
  /* Parse errors pass through with their own spans. */
  CHECK_INT(saddr_bind("127.0.0.1:99999", 15, NULL, o, &b, &err), SADDR_EPORT);
  CHECK_INT(err.offset, 10);
  CHECK_INT(saddr_bind("", 0, NULL, o, &b, &err), SADDR_EEMPTY);
  CHECK_INT(saddr_bind("x", 1, NULL, o, NULL, &err), SADDR_EINVAL);
  /* A success leaves the caller's error as it was. */
  saddr_error keep = {.code = 12345, .offset = 7};
  CHECK_INT(saddr_bind("127.0.0.1:0", 11, NULL, o, &b, &keep), 0);
  CHECK_INT(keep.code, 12345);
  CHECK_INT(keep.offset, 7);
  saddr_bound_free(b);
  /* A socket option the family refuses (SO_REUSEPORT on AF_UNIX) is
   * SADDR_ENOTSUP with the kernel's errno, not a generic system error. */
  saddr_bind_opts reuse = *o;
  reuse.flags |= SADDR_BIND_REUSEPORT;
  int rc = saddr_bind("@saddr-test-reuseport", 21, NULL, &reuse, &b, &err);
  if (rc == 0) {
    printf("SKIP SO_REUSEPORT on AF_UNIX: this kernel accepts it\n");
    saddr_bound_free(b);
  } else {
    CHECK_INT(rc, SADDR_ENOTSUP);
    CHECK(err.sys_errno == EOPNOTSUPP || err.sys_errno == ENOPROTOOPT);
  }
}

/* Default files are opened per call when no handle is given: point them at
 * files of our own through handles opened by path. */
static void check_paths(uint16_t app) {
  char dir[] = "/tmp/saddr-bindspec-XXXXXX", hosts[128], services[128];
  CHECK(mkdtemp(dir) != NULL);
  snprintf(hosts, sizeof hosts, "%s/hosts", dir);
  snprintf(services, sizeof services, "%s/services", dir);
  FILE *f = fopen(hosts, "w");
  fputs("127.0.0.1 filehost\n", f);
  fclose(f);
  f = fopen(services, "w");
  fprintf(f, "fileapp %u/tcp\n", app);
  fclose(f);
  saddr_bind_opts o = {0, 0, saddr_hosts_open(hosts),
                       saddr_services_open(services)};
  saddr_bound    *b;
  saddr_error     err;
  CHECK_INT(saddr_bind("filehost:fileapp", 16, NULL, &o, &b, &err), 0);
  if (b) {
    CHECK_INT(b->count, 1);
    CHECK_INT(bu_bound_port(&b->sock[0]), app);
    saddr_bound_free(b);
  }
  saddr_hosts_close(o.hosts);
  saddr_services_close(o.services);
  unlink(hosts);
  unlink(services);
  rmdir(dir);
}

int main(void) {
  uint16_t app = free_port(), dgram = free_port();
  char     services[128];
  snprintf(services, sizeof services, "app %u/tcp\ndgram-app %u/udp\n", app,
           dgram);
  static const char hosts[] = "::1 myhost\n127.0.0.1 MYHOST only4\n";
  saddr_bind_opts   o       = {0};
  saddr_error       err;
  CHECK_INT(saddr_hosts_parse(hosts, sizeof hosts - 1, &o.hosts, &err), 0);
  CHECK_INT(saddr_services_parse(services, strlen(services), &o.services, &err),
            0);
  run_rows(&o, app, dgram);
  check_hosts_clients(&o);
  check_messages(&o);
  check_paths(app);
  saddr_hosts_close(o.hosts);
  saddr_services_close(o.services);
  return th_done();
}
