/* Target 2: the compact reader (SPEC 1.2) for every family, type and
 * protocol, chosen by the leading header bytes (fuzz_common.h).
 *
 * Invariants: no crash, over-read or leak for any bytes; a failure carries a
 * known code, a span inside the input and a message; a success gives 1-2
 * well-formed addresses (length within the union, family field consistent,
 * zero past the length) or, with SADDR_DEFER, a bounded name to resolve;
 * saddr_parse_addr agrees with saddr_parse. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_parse_target(data, size, SADDR_SYNTAX_COMPACT);
  return 0;
}
