/* Symbolic constants: address families, socket types and IP protocols here;
 * each non-IP family's own names in family/consts.c. */
#include "syntax/syntax.h"

#include <string.h>

#define C(name)                                                                \
  { #name, name }

/* Canonical names come first: the reverse lookups return the first match. */
/* clang-format off */
static const saddr__const common_consts[] = {
    C(AF_UNSPEC),    C(AF_UNIX),      C(AF_INET),      C(AF_AX25),
    C(AF_IPX),       C(AF_APPLETALK), C(AF_NETROM),    C(AF_BRIDGE),
    C(AF_ATMPVC),    C(AF_X25),       C(AF_INET6),     C(AF_ROSE),
    C(AF_DECnet),    C(AF_NETBEUI),   C(AF_SECURITY),  C(AF_KEY),
    C(AF_NETLINK),   C(AF_PACKET),    C(AF_ASH),       C(AF_ECONET),
    C(AF_ATMSVC),    C(AF_RDS),       C(AF_SNA),       C(AF_IRDA),
    C(AF_PPPOX),     C(AF_WANPIPE),   C(AF_LLC),       C(AF_IB),
    C(AF_MPLS),      C(AF_CAN),       C(AF_TIPC),      C(AF_BLUETOOTH),
    C(AF_IUCV),      C(AF_RXRPC),     C(AF_ISDN),      C(AF_PHONET),
    C(AF_IEEE802154), C(AF_CAIF),     C(AF_ALG),       C(AF_NFC),
    C(AF_VSOCK),     C(AF_KCM),       C(AF_QIPCRTR),   C(AF_SMC),
    C(AF_XDP),       C(AF_LOCAL),     C(AF_ROUTE),     C(AF_FILE),
    C(SOCK_STREAM),  C(SOCK_DGRAM),   C(SOCK_RAW),     C(SOCK_RDM),
    C(SOCK_SEQPACKET), C(SOCK_DCCP),  C(SOCK_PACKET),  C(SOCK_NONBLOCK),
    C(SOCK_CLOEXEC), C(IPPROTO_IP),   C(IPPROTO_ICMP), C(IPPROTO_IGMP),
    C(IPPROTO_TCP),  C(IPPROTO_UDP),  C(IPPROTO_IPV6), C(IPPROTO_ICMPV6),
    C(IPPROTO_RAW),  C(IPPROTO_SCTP), C(IPPROTO_UDPLITE), C(IPPROTO_MPTCP),
    C(IPPROTO_DCCP), C(IPPROTO_GRE),  C(IPPROTO_ESP),  C(IPPROTO_AH),
    C(IPPROTO_HOPOPTS), C(IPPROTO_ROUTING), C(IPPROTO_FRAGMENT),
    C(IPPROTO_NONE), C(IPPROTO_DSTOPTS), C(IPPROTO_PIM), C(IPPROTO_EGP),
    C(IPPROTO_PUP),  C(IPPROTO_IDP),  C(IPPROTO_TP),   C(IPPROTO_RSVP),
    C(IPPROTO_IPIP), C(IPPROTO_MTP),  C(IPPROTO_ENCAP), C(IPPROTO_COMP),
    C(IPPROTO_BEETPH), C(IPPROTO_MPLS), C(IPPROTO_ETHERNET),
    C(INADDR_ANY),   C(INADDR_BROADCAST), C(INADDR_LOOPBACK),
    C(INADDR_NONE),  C(INADDR_UNSPEC_GROUP), C(INADDR_ALLHOSTS_GROUP),
    C(INADDR_MAX_LOCAL_GROUP),
};
/* clang-format on */

static const saddr__const *find(const saddr__const *t, size_t n,
                                const char *name, size_t len) {
  for (size_t i = 0; i < n; i++)
    if (strlen(t[i].name) == len && memcmp(t[i].name, name, len) == 0)
      return &t[i];
  return NULL;
}

int saddr__const_lookup(const char *name, size_t len, long long *value) {
  if (memchr(name, '\0', len) != NULL)
    return SADDR_ECONST;
  if (len > 7 && memcmp(name, "socket.", 7) == 0)
    name += 7, len -= 7;
  const saddr__const *c = find(
      common_consts, sizeof common_consts / sizeof *common_consts, name, len);
  if (c == NULL)
    c = find(saddr__family_consts, saddr__family_consts_n, name, len);
  if (c == NULL)
    return SADDR_ECONST;
  *value = c->value;
  return 0;
}

int saddr_constant(const char *name, size_t len, long long *value) {
  if (name == NULL || value == NULL)
    return SADDR_EINVAL;
  return saddr__const_lookup(name, len, value);
}

static const char *reverse(const char *prefix, long long value) {
  size_t plen = strlen(prefix);
  for (size_t i = 0; i < sizeof common_consts / sizeof *common_consts; i++)
    if (common_consts[i].value == value &&
        strncmp(common_consts[i].name, prefix, plen) == 0)
      return common_consts[i].name;
  return NULL;
}

const char *saddr_family_name(int family) { return reverse("AF_", family); }

const char *saddr_type_name(int type) {
  const char *name = reverse("SOCK_", type);
  /* SOCK_NONBLOCK and SOCK_CLOEXEC are flags, not types. */
  return type == SOCK_NONBLOCK || type == SOCK_CLOEXEC ? NULL : name;
}

static const struct {
  const char *name;
  int         type;
} socktypes[] = {{"stream", SOCK_STREAM},
                 {"dgram", SOCK_DGRAM},
                 {"seqpacket", SOCK_SEQPACKET},
                 {"raw", SOCK_RAW},
                 {"rdm", SOCK_RDM},
                 {"dccp", SOCK_DCCP},
                 {"packet", SOCK_PACKET}};

int saddr__socktype_word(const saddr__ctx *c, size_t off, size_t w,
                         bool type_given, int *type) {
  const char *s = c->s + off;
  for (size_t i = 0; i < sizeof socktypes / sizeof *socktypes; i++)
    if (strlen(socktypes[i].name) == w &&
        memcmp(socktypes[i].name, s, w) == 0) {
      if (type_given && c->type != socktypes[i].type)
        return saddr__fail(c->err, SADDR_ESCHEME, off, w,
                           "socket type '%.*s' conflicts with the one given",
                           (int)w, s);
      *type = socktypes[i].type;
      return 1;
    }
  return 0;
}
