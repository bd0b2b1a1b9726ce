/* The families and the compact prefixes. Adding a family is one module and
 * a row in each table here. */
#include "family/family.h"

#include <string.h>

extern const saddr__family saddr__family_inet6, saddr__family_rds;
extern const saddr__family saddr__family_unix, saddr__family_packet,
    saddr__family_netlink, saddr__family_bluetooth, saddr__family_vsock,
    saddr__family_can, saddr__family_tipc, saddr__family_alg,
    saddr__family_qipcrtr;
extern const saddr__family saddr__family_inherit;

static const saddr__family *const families[] = {
    &saddr__family_inet,      &saddr__family_inet6,  &saddr__family_rds,
    &saddr__family_unix,      &saddr__family_packet, &saddr__family_netlink,
    &saddr__family_bluetooth, &saddr__family_vsock,  &saddr__family_can,
    &saddr__family_tipc,      &saddr__family_alg,    &saddr__family_qipcrtr,
    &saddr__family_inherit,
};

static const saddr__scheme schemes[] = {
    {"ip", '@', AF_UNSPEC, -1, 0},
    {"ip4", '@', AF_INET, -1, 0},
    {"ip6", '@', AF_INET6, -1, 0},
    {"tcp", '@', AF_UNSPEC, -1, SOCK_STREAM},
    {"tcp4", '@', AF_INET, -1, SOCK_STREAM},
    {"tcp6", '@', AF_INET6, -1, SOCK_STREAM},
    {"udp", '@', AF_UNSPEC, -1, SOCK_DGRAM},
    {"udp4", '@', AF_INET, -1, SOCK_DGRAM},
    {"udp6", '@', AF_INET6, -1, SOCK_DGRAM},
    {"rds", '@', AF_RDS, -1, 0},
    /* The non-IP families (docs/families.md). Their type is the family's
     * natural one (saddr_default_type) unless the caller or a socket-type
     * prefix gives another, so that text formatted from an address of any
     * type reads back to it. */
    {"unix", '@', AF_UNIX, -1, 0},
    {"unix", ':', AF_UNIX, -1, 0},
    {"vsock", '@', AF_VSOCK, -1, 0},
    {"vsock", ':', AF_VSOCK, -1, 0},
    {"netlink", '@', AF_NETLINK, -1, 0},
    {"packet", '@', AF_PACKET, -1, 0},
    {"can", '@', AF_CAN, 1 /* CAN_RAW */, 0},
    {"bcm", '@', AF_CAN, 2 /* CAN_BCM */, 0},
    {"isotp", '@', AF_CAN, 6 /* CAN_ISOTP */, 0},
    {"j1939", '@', AF_CAN, 7 /* CAN_J1939 */, 0},
    {"tipc", '@', AF_TIPC, -1, 0},
    {"alg", '@', AF_ALG, -1, 0},
    {"qipcrtr", '@', AF_QIPCRTR, -1, 0},
    {"l2cap", '@', AF_BLUETOOTH, SADDR__BTPROTO_L2CAP, 0},
    {"rfcomm", '@', AF_BLUETOOTH, SADDR__BTPROTO_RFCOMM, 0},
    {"hci", '@', AF_BLUETOOTH, SADDR__BTPROTO_HCI, 0},
    {"sco", '@', AF_BLUETOOTH, SADDR__BTPROTO_SCO, 0},
};

const saddr__family *saddr__family_find(int family) {
  for (size_t i = 0; i < sizeof families / sizeof *families; i++)
    if (families[i]->family == family)
      return families[i];
  return NULL;
}

const saddr__family *saddr__family_reader(int family) {
  return family == AF_UNSPEC ? &saddr__family_inet : saddr__family_find(family);
}

int saddr_default_type(int family, int protocol) {
  return saddr__default_type(family, protocol);
}

#define T(t) (1u << (t))
static unsigned types_of(int family, int protocol) {
  unsigned ip = T(SOCK_STREAM) | T(SOCK_DGRAM) | T(SOCK_RAW) |
                T(SOCK_SEQPACKET) | T(SOCK_DCCP);
  switch (family) {
  case AF_INET:
  case AF_INET6:
    return ip;
  case AF_UNIX:
  case AF_VSOCK:
    return T(SOCK_STREAM) | T(SOCK_DGRAM) | T(SOCK_SEQPACKET);
  case AF_PACKET:
  case AF_NETLINK:
    return T(SOCK_RAW) | T(SOCK_DGRAM);
  case AF_TIPC:
    return T(SOCK_RDM) | T(SOCK_SEQPACKET) | T(SOCK_STREAM) | T(SOCK_DGRAM);
  case AF_CAN:
  case AF_BLUETOOTH:
    if (family == AF_BLUETOOTH && protocol == SADDR__BTPROTO_L2CAP)
      return T(SOCK_SEQPACKET) | T(SOCK_STREAM) | T(SOCK_DGRAM);
    if (family == AF_BLUETOOTH && protocol == SADDR__BTPROTO_RFCOMM)
      return T(SOCK_STREAM) | T(SOCK_RAW);
    return T(saddr_default_type(family, protocol));
  case AF_ALG:
  case AF_RDS:
    return T(SOCK_SEQPACKET);
  case AF_QIPCRTR:
    return T(SOCK_DGRAM);
  default:
    return ~0u; /* the kernel decides */
  }
}
#undef T

bool saddr__type_ok(int family, int protocol, int type) {
  return type > 0 && type < 32 && (types_of(family, protocol) >> type & 1u);
}

const saddr__scheme *saddr__scheme_find(const char *s, size_t n, char sep) {
  for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
    if (schemes[i].sep == sep && strncmp(schemes[i].name, s, n) == 0 &&
        schemes[i].name[n] == '\0')
      return &schemes[i];
  return NULL;
}
