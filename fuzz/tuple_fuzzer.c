/* Target 1: the tuple reader (SPEC 1.1) for every family, type and
 * protocol, chosen by the leading header bytes (fuzz_common.h).
 *
 * Invariants: no crash, over-read or leak for any bytes; a failure carries a
 * known code, a span inside the input and a message; a success gives 1-2
 * well-formed addresses (length within the union, family field consistent,
 * zero past the length) or, with SADDR_DEFER, a bounded name to resolve;
 * saddr_parse_addr agrees with saddr_parse. Before the first input, the
 * error table is checked whole. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The error table (SPEC 1.4), once per process: codes run from -1 without
 * gaps, each with its own SADDR_E name and a one-line message; anything
 * past the last is unknown. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  const char *unknown = saddr_err_name(1);
  FZ_CHECK(strcmp(saddr_err_name(SADDR_OK), "SADDR_OK") == 0);
  int last = -1;
  while (strcmp(saddr_err_name(last - 1), unknown) != 0 && last > -1000)
    last--;
  FZ_CHECK(last <= SADDR_EAGAIN);
  for (int code = -1; code >= last; code--) {
    const char *name = saddr_err_name(code), *msg = saddr_strerror(code);
    FZ_CHECK(strncmp(name, "SADDR_E", 7) == 0);
    FZ_CHECK(msg[0] != '\0' && strchr(msg, '\n') == NULL);
    FZ_CHECK(strcmp(msg, saddr_strerror(1)) != 0);
    for (int other = -1; other > code; other--)
      FZ_CHECK(strcmp(name, saddr_err_name(other)) != 0);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_parse_target(data, size, SADDR_SYNTAX_TUPLE);
  return 0;
}
