/* -f, -t and -p values: a number, a C name (AF_INET6, SOCK_DGRAM,
 * BTPROTO_L2CAP), or the short name people type (inet6, udp, l2cap) in any
 * case. An unknown name is a usage error with the valid names and the
 * closest one. */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct alias {
  const char *name, *constant;
} alias;

/* Short names that are not the C name without its prefix. */
static const alias family_aliases[] = {
    {"ip4", "AF_INET"},   {"ipv4", "AF_INET"},    {"ip6", "AF_INET6"},
    {"ipv6", "AF_INET6"}, {"bt", "AF_BLUETOOTH"}, {"any", "AF_UNSPEC"},
};
static const alias type_aliases[] = {
    {"tcp", "SOCK_STREAM"},
    {"udp", "SOCK_DGRAM"},
};
static const alias proto_aliases[] = {
    {"tcp", "IPPROTO_TCP"},
    {"udp", "IPPROTO_UDP"},
};

static const char *const family_names[] = {
    "unspec",    "inet", "inet6", "unix", "packet",  "netlink", "vsock", "can",
    "bluetooth", "tipc", "alg",   "rds",  "qipcrtr", "ipv4",    "ipv6"};
static const char *const type_names[]  = {"stream", "dgram", "seqpacket", "raw",
                                          "rdm",    "tcp",   "udp"};
static const char *const proto_names[] = {"l2cap", "rfcomm",  "hci",   "sco",
                                          "raw",   "bcm",     "isotp", "j1939",
                                          "route", "generic", "tcp",   "udp"};

typedef struct kind {
  const char        *what;     /* for messages */
  const char        *prefixes; /* C name prefixes, '|'-separated */
  const alias       *aliases;
  size_t             naliases;
  const char *const *names; /* for did-you-mean and the list */
  size_t             nnames;
} kind;

#define COUNT(a) (sizeof(a) / sizeof *(a))
static const kind kinds[] = {
    [CLI_FAMILY] = {"family", "AF_|PF_", family_aliases, COUNT(family_aliases),
                    family_names, COUNT(family_names)},
    [CLI_TYPE]   = {"socket type", "SOCK_", type_aliases, COUNT(type_aliases),
                    type_names, COUNT(type_names)},
    [CLI_PROTO] = {"protocol", "BTPROTO_|CAN_|NETLINK_|IPPROTO_", proto_aliases,
                   COUNT(proto_aliases), proto_names, COUNT(proto_names)},
};

bool cli_number(const char *text, long long *value) {
  if (text[0] >= '0' && text[0] <= '9') {
    char *end;
    errno       = 0;
    long long v = strtoll(text, &end, 0);
    if (errno != 0 || *end != '\0' || v < 0 || v > 0x7fffffff)
      return false;
    *value = v;
    return true;
  }
  return saddr_constant(text, strlen(text), value) == 0;
}

/* A C name of this kind: one of its prefixes, after an optional
 * "socket.". Protocols take any constant. */
static bool has_prefix(const kind *k, const char *name) {
  if (k == &kinds[CLI_PROTO])
    return true;
  if (strncmp(name, "socket.", 7) == 0)
    name += 7;
  for (const char *p = k->prefixes; *p;) {
    size_t n = strcspn(p, "|");
    if (strncmp(name, p, n) == 0)
      return true;
    p += n + (p[n] == '|');
  }
  return false;
}

static bool constant(const char *name, long long *v) {
  return saddr_constant(name, strlen(name), v) == 0;
}

static bool lookup(const kind *k, const char *text, long long *v) {
  if (text[0] >= '0' && text[0] <= '9')
    return cli_number(text, v);
  if (has_prefix(k, text) && constant(text, v))
    return true;
  char   up[64];
  size_t n = strlen(text);
  if (n == 0 || n >= 40)
    return false;
  for (size_t i = 0; i <= n; i++)
    up[i] = (char)toupper((unsigned char)text[i]);
  if (has_prefix(k, up) && constant(up, v))
    return true;
  for (size_t i = 0; i < k->naliases; i++)
    if (strcasecmp(text, k->aliases[i].name) == 0)
      return constant(k->aliases[i].constant, v);
  for (const char *p = k->prefixes; *p;) {
    size_t pn = strcspn(p, "|");
    char   full[64];
    int    w = snprintf(full, sizeof full, "%.*s%s", (int)pn, p, up);
    if (w > 0 && (size_t)w < sizeof full && constant(full, v))
      return true;
    p += pn + (p[pn] == '|');
  }
  return false;
}

int cli_name(int which, const char *opt, const char *text, int *out) {
  const kind *k = &kinds[which];
  long long   v;
  if (text != NULL && lookup(k, text, &v)) {
    *out = (int)v;
    return 0;
  }
  if (text == NULL)
    return cli_usage_error(NULL, "%s needs a %s", opt, k->what);
  /* Compare without a C prefix, so that AF_INTE6 finds inet6. */
  const char *bare = text;
  for (const char *p = k->prefixes; *p;) {
    size_t pn = strcspn(p, "|");
    if (strncasecmp(bare, p, pn) == 0)
      bare += pn;
    p += pn + (p[pn] == '|');
  }
  const char *best = cli_suggest(bare, k->names, k->nnames);
  char        list[256];
  size_t      used = 0;
  for (size_t i = 0; i < k->nnames && used < sizeof list; i++)
    used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                             i ? ", " : "", k->names[i]);
  char extra[400];
  if (best != NULL)
    snprintf(extra, sizeof extra,
             "did you mean '%s'? (%s takes %s, a C name or a number)", best,
             opt, list);
  else
    snprintf(extra, sizeof extra, "%s takes %s, a C name or a number", opt,
             list);
  return cli_usage_error(extra, "unknown %s '%s' for %s", k->what, text, opt);
}
