/* libFuzzer target for the hosts-file reader: the input's first line is a
 * name, the rest a hosts file. The file is parsed from bytes and the name
 * (and a fixed one) looked up in every family. Built and run by
 * .ci/local.sh. */
#include "saddr.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char  *s    = (const char *)data;
  const char  *nl   = memchr(s, '\n', size);
  size_t       name = nl ? (size_t)(nl - s) : 0;
  size_t       skip = nl ? name + 1 : 0;
  saddr_hosts *h;
  saddr_error  err;
  if (saddr_hosts_parse(s + skip, size - skip, &h, &err) != 0)
    return 0;
  static const int families[] = {AF_UNSPEC, AF_INET, AF_INET6};
  saddr_addr       out[4];
  size_t           n;
  for (size_t i = 0; i < 3; i++) {
    saddr_hosts_lookup(h, s, name, families[i], out, 4, &n, &err);
    saddr_hosts_lookup(h, "localhost", 9, families[i], out, 4, &n, &err);
  }
  saddr_hosts_close(h);
  return 0;
}
