/* libFuzzer target for the services-file reader: the input's first line is
 * a service name, the rest a services file. The file is parsed from bytes
 * and the name (and a fixed one) looked up for every socket type. Built and
 * run by .ci/local.sh. */
#include "saddr.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char     *s    = (const char *)data;
  const char     *nl   = memchr(s, '\n', size);
  size_t          name = nl ? (size_t)(nl - s) : 0;
  size_t          skip = nl ? name + 1 : 0;
  saddr_services *db;
  saddr_error     err;
  if (saddr_services_parse(s + skip, size - skip, &db, &err) != 0)
    return 0;
  static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET,
                              SOCK_DCCP, SOCK_RAW};
  uint16_t         port;
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    saddr_services_lookup(db, s, name, types[i], &port, &err);
    saddr_services_lookup(db, "http", 4, types[i], &port, &err);
  }
  saddr_services_close(db);
  return 0;
}
