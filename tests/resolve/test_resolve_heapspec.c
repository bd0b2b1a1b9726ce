/* Specs as a resolver gets them from a program: in heap blocks of exactly
 * their length, parsed with SADDR_DEFER. Run plainly it checks the parse;
 * run under valgrind (valgrind_supp.test.sh) it shows that the parser's
 * page-checked reads past the text are covered by core/saddr.supp. */
#include "harness.h"

#include "saddr.h"

#include <arpa/inet.h>
#include <stdlib.h>

static const struct {
  const char *text;
  unsigned    need; /* SADDR_NEED_HOST or 0 */
  uint16_t    port;
} rows[] = {
    {"a.example:80", SADDR_NEED_HOST, 80},
    {"h:65535", SADDR_NEED_HOST, 65535},
    {"localhost:8080", 0, 8080},
    {"192.0.2.1:443", 0, 443},
    {"[::1]:53", 0, 53},
    {"[2001:db8::1:2:3:4]:1", 0, 1},
    {"www.example.org:5", SADDR_NEED_HOST, 5},
    {"('192.0.2.7', 8)", 0, 8},
    {"(\"2001:db8::7\", 9)", 0, 9},
    {"[::ffff:192.0.2.1]:10", 0, 10},
    {"[fe80::1%2]:11", 0, 11},
};

int main(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    size_t n = strlen(rows[i].text);
    char  *p = malloc(n);
    if (p == NULL)
      return 1;
    memcpy(p, rows[i].text, n);
    saddr_hints  h = {.flags = SADDR_DEFER};
    saddr_parsed out;
    saddr_error  err;
    int          rc = saddr_parse(p, n, &h, &out, &err);
    CHECK_CTX(rc == 0, "%s: %s", rows[i].text, err.message);
    CHECK_CTX((out.need & SADDR_NEED_HOST) == rows[i].need, "%s: need %u",
              rows[i].text, out.need);
    uint16_t port = out.port;
    if (!(out.need & SADDR_NEED_HOST) && out.count > 0)
      port = ntohs(out.addr[0].sa.sa.sa_family == AF_INET
                       ? out.addr[0].sa.in.sin_port
                       : out.addr[0].sa.in6.sin6_port);
    CHECK_CTX(port == rows[i].port, "%s: port %u", rows[i].text,
              (unsigned)port);
    /* The one-address entry, whose fast path is compiled apart. */
    if (rows[i].need == 0 && out.count == 1) {
      saddr_addr a;
      rc = saddr_parse_addr(p, n, NULL, &a, &err);
      CHECK_CTX(rc == 0 && memcmp(&a, &out.addr[0], sizeof a) == 0,
                "%s: saddr_parse_addr %d", rows[i].text, rc);
    }
    free(p);
  }
  return th_done();
}
