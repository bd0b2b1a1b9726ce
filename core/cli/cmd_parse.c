/* saddr parse: a spec to sockaddrs, with no network I/O and no files. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: saddr parse [-f FAMILY] [-t TYPE] [-p PROTO] [--port N]\n"
    "                   [--syntax tuple|compact] [--json] SPEC\n"
    "\n"
    "Parses SPEC (tuple syntax like \"('::1', 80, 0, 0)\" or compact syntax\n"
    "like \"[::1]:80\", \"*:80\", \"@name\", \"vsock:2:1024\") and prints "
    "each\n"
    "resulting address. FAMILY, TYPE and PROTO are C names (AF_INET6,\n"
    "SOCK_DGRAM, BTPROTO_L2CAP), short names in any case (inet6, udp,\n"
    "l2cap) or numbers; the type defaults to the family's natural one\n"
    "(SOCK_RAW for packet, SOCK_SEQPACKET for tipc, ...). Host names other\n"
    "than localhost need 'saddr resolve'.\n";

int cmd_parse(int argc, char **argv) {
  cli_common c;
  int        rc = cli_args(argc, argv, usage, NULL, NULL, &c);
  if (rc != 0)
    return rc > 0 ? 0 : 2;
  saddr_parsed p;
  saddr_error  err;
  if (saddr_parse(c.spec, strlen(c.spec), &c.hints, &p, &err) < 0)
    return cli_fail(&err);
  if (!c.json)
    printf("%-12s %-14s %-5s %-4s %-28s %s\n", "FAMILY", "TYPE", "PROTO", "LEN",
           "COMPACT", "TUPLE");
  for (size_t i = 0; i < p.count; i++)
    cli_emit(&c, &p.addr[i], NULL);
  return 0;
}
