/* The families and the compact prefixes. Adding a family is one module and
 * a row in each table here. */
#include "internal.h"

#include <string.h>

extern const saddr__family saddr__family_inet, saddr__family_inet6,
    saddr__family_rds;

static const saddr__family *const families[] = {
    &saddr__family_inet,
    &saddr__family_inet6,
    &saddr__family_rds,
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
};

const saddr__family *saddr__family_find(int family) {
  for (size_t i = 0; i < sizeof families / sizeof *families; i++)
    if (families[i]->family == family)
      return families[i];
  return NULL;
}

const saddr__scheme *saddr__scheme_find(const char *s, size_t n, char sep) {
  for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
    if (schemes[i].sep == sep && strncmp(schemes[i].name, s, n) == 0 &&
        schemes[i].name[n] == '\0')
      return &schemes[i];
  return NULL;
}
