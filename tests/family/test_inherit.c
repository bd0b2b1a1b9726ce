/* The fd@/sd@ reference: what parses, what is refused with which error and
 * span, the accessor, and the round trip through both formats. */
#include "harness.h"
#include "saddr.h"

#include <string.h>

typedef struct row {
  const char *text;
  size_t      len;          /* 0: strlen(text) */
  int         family, type; /* hints */
  int         rc;
  size_t      off, errlen; /* for errors */
  int         kind, number, expect_family, out_type;
  const char *name;
  const char *compact; /* the formatted text; NULL: text */
} row;

#define OK(t, k, n, f, ty, nm, c)                                              \
  { t, 0, 0, 0, 0, 0, 0, k, n, f, ty, nm, c }
#define OKH(t, hf, ht, k, n, f, ty, nm, c)                                     \
  { t, 0, hf, ht, 0, 0, 0, k, n, f, ty, nm, c }
#define BAD(t, hf, ht, rc, o, l)                                               \
  { t, 0, hf, ht, rc, o, l, 0, 0, 0, 0, NULL, NULL }

enum {
  FD = SADDR_INHERIT_FD,
  IX = SADDR_INHERIT_SD_INDEX,
  NM = SADDR_INHERIT_SD_NAME
};

static const row rows[] = {
    OK("fd@3", FD, 3, 0, SOCK_STREAM, "", NULL),
    OK("fd@2147483647", FD, 2147483647, 0, SOCK_STREAM, "", NULL),
    OK("sd@0", IX, 0, 0, SOCK_STREAM, "", NULL),
    OK("sd@2147483644", IX, 2147483644, 0, SOCK_STREAM, "", NULL),
    OK("sd@web", NM, -1, 0, SOCK_STREAM, "web", NULL),
    OK("sd@a.b-c_d@e+f", NM, -1, 0, SOCK_STREAM, "a.b-c_d@e+f", NULL),
    OK("sd@0x1", NM, -1, 0, SOCK_STREAM, "0x1", NULL),
    OK("dgram+fd@7", FD, 7, 0, SOCK_DGRAM, "", NULL),
    OK("seqpacket+sd@ctl", NM, -1, 0, SOCK_SEQPACKET, "ctl", NULL),
    OK("AF_INET6+fd@3", FD, 3, AF_INET6, SOCK_STREAM, "", NULL),
    OK("dgram+AF_INET+sd@dns", NM, -1, AF_INET, SOCK_DGRAM, "dns", NULL),
    OK("AF_UNIX+sd@1", IX, 1, AF_UNIX, SOCK_STREAM, "", NULL),
    /* The family of the hints is the family the socket must have. */
    OKH("fd@3", AF_INET, 0, FD, 3, AF_INET, SOCK_STREAM, "", "AF_INET+fd@3"),
    OKH("AF_INET+fd@3", AF_INET, 0, FD, 3, AF_INET, SOCK_STREAM, "", NULL),
    OKH("fd@3", 0, SOCK_DGRAM, FD, 3, 0, SOCK_DGRAM, "", "dgram+fd@3"),
    OKH("fd@3", SADDR_AF_INHERIT, 0, FD, 3, 0, SOCK_STREAM, "", NULL),
    BAD("fd@2", 0, 0, SADDR_ERANGE, 3, 1),
    BAD("fd@1", 0, 0, SADDR_ERANGE, 3, 1),
    BAD("fd@0", 0, 0, SADDR_ERANGE, 3, 1),
    BAD("fd@99999999999", 0, 0, SADDR_ERANGE, 3, 11),
    BAD("fd@2147483648", 0, 0, SADDR_ERANGE, 3, 10),
    BAD("fd@03", 0, 0, SADDR_ESYNTAX, 3, 2),
    BAD("fd@", 0, 0, SADDR_ESYNTAX, 0, 3),
    BAD("fd@+3", 0, 0, SADDR_ESYNTAX, 3, 2),
    BAD("fd@-3", 0, 0, SADDR_ESYNTAX, 3, 2),
    BAD("fd@ 3", 0, 0, SADDR_ESYNTAX, 3, 2),
    BAD("fd@3 ", 0, 0, SADDR_ESYNTAX, 3, 2),
    BAD("fd@0x3", 0, 0, SADDR_ESYNTAX, 3, 3),
    BAD("fd@web", 0, 0, SADDR_ESYNTAX, 3, 3),
    BAD("sd@", 0, 0, SADDR_ESYNTAX, 0, 3),
    BAD("sd@01", 0, 0, SADDR_ESYNTAX, 3, 2),
    BAD("sd@2147483645", 0, 0, SADDR_ERANGE, 3, 10),
    BAD("sd@a:b", 0, 0, SADDR_ESYNTAX, 4, 1),
    BAD("sd@a b", 0, 0, SADDR_ESYNTAX, 4, 1),
    BAD("sd@it's", 0, 0, SADDR_ESYNTAX, 5, 1),
    BAD("sd@\xc3\xa9", 0, 0, SADDR_ESYNTAX, 3, 1),
    BAD("AF_FOO+fd@3", 0, 0, SADDR_ESCHEME, 0, 7),
    BAD("SOCK_DGRAM+fd@3", 0, 0, SADDR_ESCHEME, 0, 11),
    BAD("inet6+fd@3", 0, 0, SADDR_ESCHEME, 0, 6),
    BAD("AF_INET+dgram+fd@3", 0, 0, SADDR_ESCHEME, 8, 6),
    BAD("AF_INET+AF_INET+fd@3", 0, 0, SADDR_ESCHEME, 8, 8),
    BAD("AF_INET6+fd@3", AF_INET, 0, SADDR_EFAMILY, 0, 9),
    BAD("stream+fd@3", 0, SOCK_DGRAM, SADDR_ESCHEME, 0, 6),
    BAD("fd@3", AF_APPLETALK + 200, 0, SADDR_EFAMILY, 0, 4),
};

static void check_row(size_t i, const row *r) {
  saddr_hints h = {
      .family = r->family, .type = r->type, .flags = SADDR_SYNTAX_COMPACT};
  saddr_parsed p;
  saddr_error  err;
  memset(&err, 0, sizeof err);
  size_t len = r->len ? r->len : strlen(r->text);
  int    rc  = saddr_parse(r->text, len, &h, &p, &err);
  CHECK_CTX(rc == r->rc, "row %zu '%s': rc %d (%s), expected %d", i, r->text,
            rc, err.message, r->rc);
  if (rc < 0) {
    CHECK_CTX(err.offset == r->off && err.length == r->errlen,
              "row %zu '%s': span %zu+%zu, expected %zu+%zu (%s)", i, r->text,
              err.offset, err.length, r->off, r->errlen, err.message);
    return;
  }
  if (rc != 0)
    return;
  const saddr_addr *a = &p.addr[0];
  saddr_inherit     ref;
  CHECK_INT(p.count, 1);
  CHECK_INT(p.need, 0);
  CHECK_INT(a->family, SADDR_AF_INHERIT);
  CHECK_INT(a->sa.sa.sa_family, SADDR_AF_INHERIT);
  CHECK_INT(a->type, r->out_type);
  CHECK_CTX(saddr_inherit_get(a, &ref) == 0, "row %zu: not a reference", i);
  CHECK_CTX(ref.kind == r->kind && ref.number == r->number &&
                ref.family == r->expect_family &&
                strcmp(ref.name, r->name) == 0,
            "row %zu '%s': kind %d number %d family %d name '%s'", i, r->text,
            ref.kind, ref.number, ref.family, ref.name);
  /* Every byte past len is zero. */
  for (size_t k = a->len; k < sizeof a->sa; k++)
    CHECK_CTX(a->sa.bytes[k] == 0, "row %zu: byte %zu", i, k);
  char text[SADDR_FORMAT_MAX];
  CHECK_CTX(
      saddr_format_addr(a, SADDR_FORMAT_COMPACT, text, sizeof text, &err) > 0,
      "row %zu: format: %s", i, err.message);
  CHECK_STR(text, r->compact ? r->compact : r->text);
  /* Compact text reads back to the same bytes without any hints. */
  saddr_parsed back;
  CHECK_CTX(saddr_parse(text, strlen(text), NULL, &back, &err) == 0 &&
                back.addr[0].len == a->len &&
                memcmp(&back.addr[0].sa, &a->sa, a->len) == 0,
            "row %zu: compact '%s' does not read back", i, text);
  /* The tuple form is the same text as a str, read with SADDR_AF_INHERIT. */
  CHECK_CTX(saddr_format_addr(a, SADDR_FORMAT_TUPLE, text, sizeof text, &err) >
                0,
            "row %zu: tuple format: %s", i, err.message);
  saddr_hints th = {.family = SADDR_AF_INHERIT, .type = a->type};
  CHECK_CTX(saddr_parse(text, strlen(text), &th, &back, &err) == 0 &&
                back.addr[0].len == a->len &&
                memcmp(&back.addr[0].sa, &a->sa, a->len) == 0,
            "row %zu: tuple %s does not read back: %s", i, text, err.message);
}

/* The longest name fits; one byte more is too long. NUL bytes are refused
 * where they stand. */
static void check_lengths(void) {
  char text[4 + SADDR_INHERIT_NAME_MAX + 2] = "sd@";
  memset(text + 3, 'n', SADDR_INHERIT_NAME_MAX + 1);
  saddr_parsed p;
  saddr_error  err;
  CHECK_INT(saddr_parse(text, 3 + SADDR_INHERIT_NAME_MAX, NULL, &p, &err), 0);
  CHECK_INT(saddr_parse(text, 4 + SADDR_INHERIT_NAME_MAX, NULL, &p, &err),
            SADDR_ETOOLONG);
  CHECK_INT(err.offset, 3);
  CHECK_INT(err.length, SADDR_INHERIT_NAME_MAX + 1);
  CHECK_INT(saddr_parse("sd@a\0b", 6, NULL, &p, &err), SADDR_ENUL);
  CHECK_INT(err.offset, 4);
  CHECK_INT(saddr_parse("fd@3\0", 5, NULL, &p, &err), SADDR_ESYNTAX);
}

/* Texts that only look alike keep their old meaning, and saddr_parse_addr
 * gives the same reference as saddr_parse. */
static void check_neighbours(void) {
  saddr_parsed p;
  saddr_addr   a;
  saddr_error  err;
  CHECK_INT(saddr_parse("unix:fd@3", 9, NULL, &p, &err), 0);
  CHECK_INT(p.addr[0].family, AF_UNIX);
  CHECK_STR(p.addr[0].sa.un.sun_path, "fd@3");
  CHECK_INT(saddr_parse("/run/fd@3", 9, NULL, &p, &err), 0);
  CHECK_INT(p.addr[0].family, AF_UNIX);
  CHECK_INT(saddr_parse("'fd@3'", 6, NULL, &p, &err), 0);
  CHECK_INT(p.addr[0].family, AF_UNIX);
  CHECK_INT(saddr_parse("xd@3", 4, NULL, &p, &err), SADDR_ESCHEME);
  CHECK_INT(saddr_parse_addr("sd@web", 6, NULL, &a, &err), 0);
  CHECK_INT(saddr_parse("sd@web", 6, NULL, &p, &err), 0);
  CHECK(a.len == p.addr[0].len && memcmp(&a.sa, &p.addr[0].sa, a.len) == 0);
  /* A tuple that is not a plain str is refused for SADDR_AF_INHERIT. */
  saddr_hints h = {.family = SADDR_AF_INHERIT};
  CHECK_INT(saddr_parse("('fd@3', 1)", 11, &h, &p, &err), SADDR_ETYPE);
  CHECK_INT(saddr_parse("'fd\\x403'", 9, &h, &p, &err), SADDR_ETYPE);
  CHECK_INT(saddr_parse("'1.2.3.4'", 9, &h, &p, &err), SADDR_ESYNTAX);
  CHECK_INT(saddr_parse("1.2.3.4:80", 10, &h, &p, &err), SADDR_EFAMILY);
}

/* The accessor refuses what is not a reference, and the formatter refuses
 * bytes the parser would never produce. */
static void check_invalid(void) {
  saddr_inherit ref;
  saddr_addr    a;
  saddr_error   err;
  CHECK_INT(saddr_parse_addr("127.0.0.1:80", 12, NULL, &a, &err), 0);
  CHECK_INT(saddr_inherit_get(&a, &ref), SADDR_EINVAL);
  CHECK_INT(saddr_inherit_get(NULL, &ref), SADDR_EINVAL);
  CHECK_INT(saddr_parse_addr("fd@3", 4, NULL, &a, &err), 0);
  saddr_addr bad  = a;
  bad.sa.bytes[4] = 2; /* descriptor 2 */
  CHECK_INT(saddr_inherit_get(&bad, &ref), SADDR_EINVAL);
  char text[SADDR_FORMAT_MAX];
  CHECK_INT(
      saddr_format_addr(&bad, SADDR_FORMAT_COMPACT, text, sizeof text, &err),
      SADDR_EINVAL);
  bad     = a;
  bad.len = 11;
  CHECK_INT(saddr_inherit_get(&bad, &ref), SADDR_EINVAL);
  /* Formatting from the bytes alone recognises a reference. */
  CHECK(saddr_format(&a.sa, a.len, NULL, SADDR_FORMAT_COMPACT, text,
                     sizeof text, &err) == 4);
  CHECK_STR(text, "fd@3");
}

int main(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    check_row(i, &rows[i]);
  check_lengths();
  check_neighbours();
  check_invalid();
  return th_done();
}
