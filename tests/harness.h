/* A small test harness: checks that print both sides and keep going, and a
 * summary that makes the program exit non-zero when any check failed. */
#ifndef SADDR_TEST_HARNESS_H
#define SADDR_TEST_HARNESS_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int th_checks, th_failures;

#define TH_FAIL(...)                                                           \
  do {                                                                         \
    th_failures++;                                                             \
    fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                            \
    fprintf(stderr, __VA_ARGS__);                                              \
    fputc('\n', stderr);                                                       \
  } while (0)

#define CHECK(cond)                                                            \
  do {                                                                         \
    th_checks++;                                                               \
    if (!(cond))                                                               \
      TH_FAIL("CHECK(%s) failed", #cond);                                      \
  } while (0)

#define CHECK_INT(a, b)                                                        \
  do {                                                                         \
    long long th_a = (long long)(a), th_b = (long long)(b);                    \
    th_checks++;                                                               \
    if (th_a != th_b)                                                          \
      TH_FAIL("%s == %lld, expected %s == %lld", #a, th_a, #b, th_b);          \
  } while (0)

#define CHECK_STR(a, b)                                                        \
  do {                                                                         \
    const char *th_a = (a), *th_b = (b);                                       \
    th_checks++;                                                               \
    if (strcmp(th_a, th_b) != 0)                                               \
      TH_FAIL("%s == \"%s\", expected \"%s\"", #a, th_a, th_b);                \
  } while (0)

/* Context for table rows: CHECK_CTX(cond, "row %zu", i). */
#define CHECK_CTX(cond, ...)                                                   \
  do {                                                                         \
    th_checks++;                                                               \
    if (!(cond))                                                               \
      TH_FAIL(__VA_ARGS__);                                                    \
  } while (0)

static inline void th_hex(const void *p, size_t n, char *out) {
  static const char    digits[] = "0123456789abcdef";
  const unsigned char *b        = (const unsigned char *)p;
  for (size_t i = 0; i < n; i++) {
    out[2 * i]     = digits[b[i] >> 4];
    out[2 * i + 1] = digits[b[i] & 15];
  }
  out[2 * n] = '\0';
}

static inline int th_done(void) {
  printf("%d passed, %d failed\n", th_checks - th_failures, th_failures);
  return th_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
