/* AF_NETLINK: (pid, groups) tuples, and netlink@PROTO[:GROUPS[:PID]] where
 * PROTO names the socket's protocol as systemd's ListenNetlink= does
 * (route, kobject-uevent, ...) or gives its number; the protocol is not in
 * the sockaddr, it is what the socket is created with. */
#include "family/famutil.h"

#include <linux/netlink.h>

/* systemd's names, plus the protocols it has none for. Index = NETLINK_*. */
static const char *const proto_names[MAX_LINKS] = {
    [NETLINK_ROUTE]          = "route",
    [NETLINK_USERSOCK]       = "usersock",
    [NETLINK_FIREWALL]       = "firewall",
    [NETLINK_SOCK_DIAG]      = "inet-diag",
    [NETLINK_NFLOG]          = "nflog",
    [NETLINK_XFRM]           = "xfrm",
    [NETLINK_SELINUX]        = "selinux",
    [NETLINK_ISCSI]          = "iscsi",
    [NETLINK_AUDIT]          = "audit",
    [NETLINK_FIB_LOOKUP]     = "fib-lookup",
    [NETLINK_CONNECTOR]      = "connector",
    [NETLINK_NETFILTER]      = "netfilter",
    [NETLINK_IP6_FW]         = "ip6-fw",
    [NETLINK_DNRTMSG]        = "dnrtmsg",
    [NETLINK_KOBJECT_UEVENT] = "kobject-uevent",
    [NETLINK_GENERIC]        = "generic",
    [NETLINK_SCSITRANSPORT]  = "scsitransport",
    [NETLINK_ECRYPTFS]       = "ecryptfs",
    [NETLINK_RDMA]           = "rdma",
    [NETLINK_CRYPTO]         = "crypto",
    [NETLINK_SMC]            = "smc",
};

static int build(const saddr__ctx *c, uint32_t pid, uint32_t groups,
                 saddr_parsed *out, saddr_addr **ret) {
  struct sockaddr_nl nl;
  memset(&nl, 0, sizeof nl);
  nl.nl_family  = AF_NETLINK;
  nl.nl_pid     = pid;
  nl.nl_groups  = groups;
  saddr_addr *a = saddr__parsed_one(c, out, AF_NETLINK);
  memcpy(a->sa.bytes, &nl, sizeof nl);
  a->len = sizeof nl;
  if (ret != NULL)
    *ret = a;
  return 0;
}

static int netlink_tuple(const saddr__ctx *c, const saddr__tuple *t,
                         saddr_parsed *out) {
  uint32_t pid = 0, groups = 0;
  int      rc = saddr__fam_shape(c, t, "AF_NETLINK", 2, 2, "(pid, groups)");
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[0], "pid", &pid);
  if (rc == 0)
    rc = saddr__fam_u32(c, &t->item[1], "groups", &groups);
  return rc != 0 ? rc : build(c, pid, groups, out, NULL);
}

/* A protocol name or number. A protocol given by the caller as well must
 * agree (0, NETLINK_ROUTE, is also "not given"). */
static int read_proto(const saddr__ctx *c, size_t off, size_t n, int *proto) {
  uint64_t v = 0;
  int      k = saddr__fam_word(c->s + off, n, proto_names, MAX_LINKS);
  if (n == 9 && memcmp(c->s + off, "sock-diag", 9) == 0)
    k = NETLINK_SOCK_DIAG;
  if (k < 0 && n > 0 && c->s[off] >= '0' && c->s[off] <= '9') {
    int rc = saddr__fam_num(c, off, n, MAX_LINKS - 1, "netlink protocol", &v);
    if (rc != 0)
      return rc;
    k = (int)v;
  }
  if (k < 0)
    return saddr__fail(c->err, SADDR_ECONST, off, n,
                       "unknown netlink protocol: expected a name such as "
                       "route, audit or kobject-uevent, or 0-%d",
                       MAX_LINKS - 1);
  if (c->protocol != 0 && c->protocol != k)
    return saddr__fail(c->err, SADDR_ESCHEME, off, n,
                       "netlink protocol %d conflicts with protocol %d given "
                       "by the caller",
                       k, c->protocol);
  *proto = k;
  return 0;
}

static int netlink_compact(const saddr__ctx *c, size_t off, size_t n,
                           saddr_parsed *out) {
  saddr__fam_cur k = saddr__fam_cursor(c, off, n);
  size_t         f, fn;
  uint64_t       groups = 0, pid = 0;
  int            proto = 0;
  saddr__fam_field(&k, &f, &fn);
  int rc = read_proto(c, f, fn, &proto);
  if (rc == 0 && saddr__fam_field(&k, &f, &fn))
    rc = saddr__fam_num(c, f, fn, UINT32_MAX, "groups", &groups);
  if (rc == 0 && saddr__fam_field(&k, &f, &fn))
    rc = saddr__fam_num(c, f, fn, UINT32_MAX, "pid", &pid);
  if (rc == 0)
    rc = saddr__fam_done(c, &k, "netlink@PROTOCOL[:GROUPS[:PID]]");
  saddr_addr *a = NULL;
  if (rc == 0)
    rc = build(c, (uint32_t)pid, (uint32_t)groups, out, &a);
  if (rc == 0)
    a->protocol = proto;
  return rc;
}

static int netlink_format(const saddr__fmt_in *in, int style, saddr__buf *b) {
  struct sockaddr_nl nl;
  int rc = saddr__fam_load(in, &nl, sizeof nl, sizeof nl, "AF_NETLINK");
  if (rc != 0)
    return rc;
  if (style == SADDR_FORMAT_TUPLE) {
    saddr__putc(b, '(');
    saddr__put_u64(b, nl.nl_pid);
    saddr__fam_put_item(b, nl.nl_groups);
    saddr__putc(b, ')');
    return 0;
  }
  if (in->protocol < 0 || in->protocol >= MAX_LINKS)
    return saddr__fail(in->err, SADDR_EINVAL, 0, 0,
                       "netlink protocol %d has no compact form (0-%d)",
                       in->protocol, MAX_LINKS - 1);
  saddr__puts(b, "netlink@");
  if (proto_names[in->protocol] != NULL)
    saddr__puts(b, proto_names[in->protocol]);
  else
    saddr__put_u64(b, (uint64_t)in->protocol);
  if (nl.nl_groups != 0 || nl.nl_pid != 0)
    saddr__fam_put_field(b, nl.nl_groups);
  if (nl.nl_pid != 0)
    saddr__fam_put_field(b, nl.nl_pid);
  return 0;
}

const saddr__family saddr__family_netlink = {.family  = AF_NETLINK,
                                             .tuple   = netlink_tuple,
                                             .compact = netlink_compact,
                                             .format  = netlink_format};
