/* The one exception to "formatted text parses back": an AF_UNIX path that
 * fills all 108 bytes of sun_path without a NUL, which only the kernel
 * reports. It formats (tuple and compact), and its text is refused with
 * SADDR_ETOOLONG like every path over 107 bytes; 107 bytes round-trip. */
#include "harness.h"
#include "internal.h"

#include <stddef.h>
#include <sys/un.h>

static void check_len(size_t n, bool parses_back) {
  struct sockaddr_un sun;
  memset(&sun, 0, sizeof sun);
  sun.sun_family  = AF_UNIX;
  sun.sun_path[0] = '/';
  memset(sun.sun_path + 1, 'p', n - 1);
  /* The kernel's length for a path without a NUL: 2 + n. */
  size_t salen = offsetof(struct sockaddr_un, sun_path) + n;
  for (int style = 0; style < 2; style++) {
    char        text[SADDR_FORMAT_MAX];
    saddr_error e;
    int rc = saddr_format(&sun, salen, NULL, style, text, sizeof text, &e);
    CHECK_CTX(rc > 0, "n=%zu style %d: format %s", n, style,
              saddr_err_name(rc));
    if (rc <= 0)
      continue;
    /* tuple: '/ppp…' (quotes); compact: /ppp… */
    CHECK_INT((size_t)rc, n + (style == SADDR_FORMAT_TUPLE ? 2 : 0));
    saddr_hints h = {.family = AF_UNIX,
                     .flags  = style == SADDR_FORMAT_TUPLE
                                   ? SADDR_SYNTAX_TUPLE
                                   : SADDR_SYNTAX_COMPACT};
    saddr_addr  a;
    int         back = saddr_parse_addr(text, (size_t)rc, &h, &a, &e);
    if (parses_back) {
      CHECK_CTX(back == 0 && a.len == salen + 1 &&
                    memcmp(a.sa.un.sun_path, sun.sun_path, n) == 0 &&
                    a.sa.un.sun_path[n] == '\0',
                "n=%zu style %d: '%s' does not parse back: %s", n, style, text,
                saddr_err_name(back));
    } else {
      CHECK_CTX(back == SADDR_ETOOLONG, "n=%zu style %d: %s", n, style,
                saddr_err_name(back));
      CHECK_INT(e.offset, style == SADDR_FORMAT_TUPLE ? 1u : 0u);
      CHECK_INT(e.length, n);
    }
  }
}

int main(void) {
  check_len(1, true);
  check_len(106, true);
  check_len(107, true);
  check_len(108, false);
  return th_done();
}
