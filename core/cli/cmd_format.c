/* saddr format: sockaddr bytes (hex) to tuple and compact text. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: saddr format -f FAMILY [-t TYPE] [-p PROTO] [--json] HEX\n"
    "\n"
    "HEX is the sockaddr's bytes, family field included, as hexadecimal;\n"
    "their count is the address length. Prints the tuple text (as Python\n"
    "prints the address) and the compact text.\n";

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (char)(c | 0x20);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int decode(const char *hex, saddr_addr *a, saddr_error *err) {
  size_t n = strlen(hex);
  for (size_t i = 0; i < n; i++)
    if (hexval(hex[i]) < 0) {
      err->code = SADDR_EHEX, err->offset = i, err->length = 1;
      snprintf(err->message, sizeof err->message,
               "expected a hexadecimal digit");
      return -1;
    }
  if (n % 2 != 0 || n / 2 > sizeof a->sa) {
    err->code   = n % 2 ? SADDR_EHEX : SADDR_ELENGTH;
    err->offset = n % 2 ? n - 1 : 0, err->length = n % 2 ? 1 : n;
    snprintf(err->message, sizeof err->message,
             n % 2 ? "odd number of hex digits"
                   : "address longer than %zu bytes",
             sizeof a->sa);
    return -1;
  }
  for (size_t i = 0; i < n / 2; i++)
    a->sa.bytes[i] =
        (unsigned char)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
  a->len = (socklen_t)(n / 2);
  return 0;
}

int cmd_format(int argc, char **argv) {
  cli_common c;
  int        rc = cli_args(argc, argv, usage, NULL, NULL, &c);
  if (rc != 0)
    return rc > 0 ? 0 : 2;
  if (!c.family_given) {
    cli_usage_error(
        "for example: saddr format -f inet 02000050c00002010000000000000000",
        "saddr format needs -f FAMILY");
    return 2;
  }
  saddr_addr a;
  memset(&a, 0, sizeof a);
  saddr_error err;
  if (decode(c.spec, &a, &err) < 0)
    return cli_fail(&err);
  a.family   = c.hints.family;
  a.protocol = c.hints.protocol;
  a.type =
      c.hints.type ? c.hints.type : saddr_default_type(a.family, a.protocol);
  char text[SADDR_FORMAT_MAX];
  if (saddr_format_addr(&a, SADDR_FORMAT_TUPLE, text, sizeof text, &err) < 0)
    return cli_fail(&err);
  if (!c.json)
    printf("%-12s %-14s %-5s %-4s %-28s %s\n", "FAMILY", "TYPE", "PROTO", "LEN",
           "COMPACT", "TUPLE");
  cli_emit(&c, &a, NULL);
  return 0;
}
