/* The address model: the one result initialiser of the non-IP families
 * (the address initialiser itself is inline in family.h), and the port of
 * an IP address. */
#include "family/family.h"

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

saddr_addr *saddr__parsed_one(const saddr__ctx *c, saddr_parsed *out,
                              int family) {
  out->count       = 1;
  out->need        = 0;
  out->host[0]     = '\0';
  out->service[0]  = '\0';
  out->family      = 0;
  out->type        = 0;
  out->protocol    = 0;
  out->port        = 0;
  out->flags       = 0;
  out->host_offset = out->host_length = 0;
  out->service_offset = out->service_length = 0;
  saddr__addr_init(&out->addr[0], family, c->type, c->protocol, 0, 0);
  return &out->addr[0];
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
