/* Uses only the installed public header and library: parses a spec,
 * formats it back and checks that the header and the library agree on the
 * version. Exits non-zero on any mismatch, so the packaging CI fails when
 * an installed copy is unusable. */
#include <saddr.h>

#include <stdio.h>
#include <string.h>

static int check_version(void) {
  char expect[32];
  snprintf(expect, sizeof expect, "%d.%d.%d", SADDR_VERSION_MAJOR,
           SADDR_VERSION_MINOR, SADDR_VERSION_PATCH);
  if (strcmp(saddr_version(), expect) != 0) {
    fprintf(stderr, "header %s, library %s\n", expect, saddr_version());
    return 1;
  }
  return 0;
}

static int check_roundtrip(const char *spec, const char *expect) {
  saddr_addr  addr;
  saddr_error err;
  char        text[SADDR_FORMAT_MAX];

  if (saddr_parse_addr(spec, strlen(spec), NULL, &addr, &err) != 0) {
    fprintf(stderr, "%s: %s (%s)\n", spec, err.message,
            saddr_err_name(err.code));
    return 1;
  }
  if (saddr_format_addr(&addr, SADDR_FORMAT_COMPACT, text, sizeof text, &err) <
      0) {
    fprintf(stderr, "%s: format: %s\n", spec, err.message);
    return 1;
  }
  if (strcmp(text, expect) != 0) {
    fprintf(stderr, "%s formats as %s, expected %s\n", spec, text, expect);
    return 1;
  }
  return 0;
}

static int check_error(void) {
  saddr_addr  addr;
  saddr_error err;
  int         rc = saddr_parse_addr("1.2.3.4:99999", 13, NULL, &addr, &err);

  if (rc != SADDR_EPORT || strcmp(saddr_err_name(rc), "SADDR_EPORT") != 0) {
    fprintf(stderr, "1.2.3.4:99999 gave %d (%s)\n", rc, saddr_err_name(rc));
    return 1;
  }
  return 0;
}

int main(void) {
  int failures = check_version();

  failures += check_roundtrip("192.0.2.1:80", "192.0.2.1:80");
  failures += check_roundtrip("[2001:db8::1]:443", "[2001:db8::1]:443");
  failures += check_error();
  if (failures == 0)
    printf("saddr %s: consumer ok\n", saddr_version());
  return failures == 0 ? 0 : 1;
}
