/* Small accessors on saddr_addr: the port of an IP address. */
#include "internal.h"

#include <arpa/inet.h>
#include <string.h>

/* The byte offset of the 16-bit port field, or 0 when the family has none.
 * AF_RDS carries a sockaddr_in. */
static size_t port_field(const saddr_addr *a) {
  int sf = a->sa.sa.sa_family;
  if (sf == AF_INET && a->len >= sizeof(struct sockaddr_in))
    return offsetof(struct sockaddr_in, sin_port);
  if (sf == AF_INET6 && a->len >= sizeof(struct sockaddr_in6))
    return offsetof(struct sockaddr_in6, sin6_port);
  return 0;
}

int saddr_addr_port(const saddr_addr *addr) {
  if (addr == NULL)
    return SADDR_EINVAL;
  size_t at = port_field(addr);
  if (at == 0)
    return SADDR_EFAMILY;
  uint16_t port;
  memcpy(&port, addr->sa.bytes + at, sizeof port);
  return ntohs(port);
}

int saddr_addr_set_port(saddr_addr *addr, uint16_t port) {
  if (addr == NULL)
    return SADDR_EINVAL;
  size_t at = port_field(addr);
  if (at == 0)
    return SADDR_EFAMILY;
  uint16_t net = htons(port);
  memcpy(addr->sa.bytes + at, &net, sizeof net);
  return 0;
}
