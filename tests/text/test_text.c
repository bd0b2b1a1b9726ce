/* The text layer's shared rules (core/src/text/text.h): the hex digit, the
 * decimal interface index, spans and the offsets their errors report, the
 * zone reader, the interface lookup and the port tail. */
#include "harness.h"
#include "text/text.h"

#include <string.h>

static void test_hexval(void) {
  for (int c = 0; c < 256; c++) {
    int want = c >= '0' && c <= '9'   ? c - '0'
               : c >= 'a' && c <= 'f' ? c - 'a' + 10
               : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                      : -1;
    CHECK_CTX(saddr__hexval((unsigned char)c) == want,
              "hexval(0x%02x) = %d, expected %d", c,
              saddr__hexval((unsigned char)c), want);
  }
}

/* The decimal index of zones and compact interfaces: which text fails with
 * which code, and where. */
static const struct {
  const char *text;
  int         rc;
  size_t      bad; /* SADDR_EZONE: the offending byte */
  uint32_t    value;
} numbers[] = {
    {"", SADDR_EZONE, 0, 0},
    {"0", 0, 0, 0},
    {"7", 0, 0, 7},
    {"01", SADDR_EZONE, 1, 0},
    {"0x1", SADDR_EZONE, 1, 0},
    {"12a", SADDR_EZONE, 2, 0},
    {"4294967295", 0, 0, 4294967295u},
    {"4294967296", SADDR_ERANGE, 0, 0},
    {"429496729x", SADDR_EZONE, 9, 0},
    {"1234567890x", SADDR_EZONE, 10, 0},
    {"12345678901", SADDR_ERANGE, 0, 0},
    {"99999999999", SADDR_ERANGE, 0, 0},
    {"123456789012x", SADDR_ERANGE, 0, 0},
};

static void test_index_number(void) {
  for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
    uint32_t v   = 0xdeadbeef;
    size_t   bad = 99;
    int      rc =
        saddr__index_number(numbers[i].text, strlen(numbers[i].text), &v, &bad);
    CHECK_CTX(rc == numbers[i].rc, "'%s': %s, expected %s", numbers[i].text,
              saddr_err_name(rc), saddr_err_name(numbers[i].rc));
    if (rc == 0)
      CHECK_CTX(v == numbers[i].value, "'%s': %u", numbers[i].text, v);
    if (rc == SADDR_EZONE)
      CHECK_CTX(bad == numbers[i].bad, "'%s': bad at %zu, expected %zu",
                numbers[i].text, bad, numbers[i].bad);
  }
}

/* An exact span reports where in the input; a decoded one, the token. */
static void test_spans(void) {
  const char *input = "('fe80::1%\\x31x', 1)";
  saddr__span exact = saddr__span_of(input, 2, 13);
  saddr__span sub   = saddr__span_sub(&exact, 8, 5);
  saddr_error e;
  CHECK(sub.exact && sub.off == 10 && sub.len == 5 && sub.s == input + 10);
  CHECK_INT(saddr__span_fail(&e, SADDR_EZONE, &sub, 2, 1, "x"), SADDR_EZONE);
  CHECK_INT(e.offset, 12);
  CHECK_INT(e.length, 1);

  saddr__span decoded = {"fe80::1%1x", 10, 1, 15, false};
  sub                 = saddr__span_sub(&decoded, 8, 2);
  CHECK(!sub.exact && sub.off == 1 && sub.len == 15 && sub.n == 2);
  CHECK_INT(saddr__span_fail(&e, SADDR_EZONE, &sub, 1, 1, "x"), SADDR_EZONE);
  CHECK_INT(e.offset, 1);
  CHECK_INT(e.length, 15);
  CHECK_INT(saddr__span_fail(NULL, SADDR_EZONE, &sub, 1, 1, "x"), SADDR_EZONE);
}

/* The zone reader through spans: offsets come out right without the
 * caller touching them. */
static void test_zone(void) {
  const char *input = "[fe80::1%12x]:80";
  saddr__span z     = saddr__span_of(input, 9, 3);
  saddr_error e;
  unsigned    index = 0;
  CHECK_INT(saddr__zone(&z, &e, &index), SADDR_EZONE);
  CHECK_INT(e.offset, 11);
  CHECK_INT(e.length, 1);
  z = saddr__span_of(input, 9, 2);
  CHECK_INT(saddr__zone(&z, &e, &index), 0);
  CHECK_INT(index, 12);
  z = saddr__span_of(input, 9, 0);
  CHECK_INT(saddr__zone(&z, &e, &index), SADDR_EZONE);
  CHECK_INT(e.offset, 9);

  const char *named = "[fe80::1%nosuchif0]:80";
  z                 = saddr__span_of(named, 9, 9);
  CHECK_INT(saddr__zone(&z, &e, &index), SADDR_ENOIFACE);
  CHECK_INT(e.offset, 9);
  CHECK_INT(e.length, 9);
  z = saddr__span_of("%abcdefghijklmnopq", 1, 17);
  CHECK_INT(saddr__zone(&z, &e, &index), SADDR_ETOOLONG);
}

static void test_if_index(void) {
  unsigned index = 0;
  size_t   bad   = 0;
  CHECK_INT(saddr__if_index("lo", 2, &index, &bad), 0);
  CHECK(index != 0);
  CHECK_INT(saddr__if_index("l\0o", 3, &index, &bad), SADDR_ENUL);
  CHECK_INT(bad, 1);
  CHECK_INT(saddr__if_index("nosuchif0", 9, &index, &bad), SADDR_ENOIFACE);
  CHECK_INT(saddr__if_index("abcdefghijklmnop", 16, &index, &bad),
            SADDR_ETOOLONG);
}

static const struct {
  const char *text;
  int         status;
  size_t      colon;
  uint16_t    port;
} tails[] = {
    {"[::1]:80", 0, 5, 80},
    {"a:65535", 0, 1, 65535},
    {"[2001:db8::1]:443", 0, 13, 443},
    {":80", SADDR_ENOPORT, 0, 0},
    {"a:65536", SADDR_ENOPORT, 0, 0},
    {"a:080", SADDR_ENOPORT, 0, 0},
    {"abcdefgh:0", 0, 8, 0},
    {"abcdefgh", SADDR_ENOPORT, 0, 0},
};

static void test_port_tail(void) {
  for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
    saddr__port_at r = saddr__port_tail(tails[i].text, strlen(tails[i].text));
    CHECK_CTX(r.status == tails[i].status &&
                  (r.status != 0 ||
                   (r.colon == tails[i].colon && r.port == tails[i].port)),
              "'%s': %d/%zu/%u, expected %d/%zu/%u", tails[i].text, r.status,
              r.colon, r.port, tails[i].status, tails[i].colon, tails[i].port);
  }
}

int main(void) {
  test_hexval();
  test_index_number();
  test_spans();
  test_zone();
  test_if_index();
  test_port_tail();
  return th_done();
}
