/* A batch front end to the library for the randomized CPython differential
 * (cpython_differential.py): one request a line on stdin, one answer a line
 * on stdout, so that thousands of cases need no process each.
 *
 *   P FAMILY PROTO HEX   parse the tuple text whose bytes are HEX
 *   F FAMILY PROTO HEX   format the sockaddr bytes HEX in tuple style
 *
 * FAMILY and PROTO are constant names or numbers ("-" for protocol 0).
 * Answers: "ok LEN HEX" (parse: the sockaddr), "ok HEX" (format: the tuple
 * text's bytes), or "err CODE" (the error's name without SADDR_). A parse
 * that yields other than one address is "err COUNT". */
#include "saddr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(int c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

static long unhex(const char *h, unsigned char *out, size_t cap) {
  size_t n = strlen(h);
  if (n % 2 != 0 || n / 2 > cap)
    return -1;
  for (size_t i = 0; i < n / 2; i++) {
    int a = hexval(h[2 * i]), b = hexval(h[2 * i + 1]);
    if (a < 0 || b < 0)
      return -1;
    out[i] = (unsigned char)(a << 4 | b);
  }
  return (long)(n / 2);
}

static void put_hex(const void *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    printf("%02x", ((const unsigned char *)p)[i]);
}

static int constant(const char *s) {
  if (strcmp(s, "-") == 0)
    return 0;
  char     *end;
  long long v = strtoll(s, &end, 0);
  if (*end != '\0' && saddr_constant(s, strlen(s), &v) != 0)
    return -1;
  return (int)v;
}

static const char *code(int rc) {
  const char *n = saddr_err_name(rc);
  return n && strncmp(n, "SADDR_", 6) == 0 ? n + 6 : "UNKNOWN";
}

int main(void) {
  static char          line[65536];
  static unsigned char buf[32768];
  while (fgets(line, sizeof line, stdin) != NULL) {
    char op[4], fam[64], proto[64], hex[sizeof line];
    line[strcspn(line, "\n")] = '\0';
    if (sscanf(line, "%3s %63s %63s %s", op, fam, proto, hex) != 4) {
      /* An empty text has no hex field. */
      hex[0] = '\0';
      if (sscanf(line, "%3s %63s %63s", op, fam, proto) != 3) {
        puts("err REQUEST");
        continue;
      }
    }
    saddr_hints h;
    memset(&h, 0, sizeof h);
    h.family   = constant(fam);
    h.protocol = constant(proto);
    long n     = unhex(hex, buf, sizeof buf);
    if (h.family < 0 || h.protocol < 0 || n < 0) {
      puts("err REQUEST");
      continue;
    }
    saddr_error e;
    if (op[0] == 'P') {
      saddr_parsed p;
      h.flags = SADDR_SYNTAX_TUPLE;
      int rc  = saddr_parse((const char *)buf, (size_t)n, &h, &p, &e);
      if (rc != 0)
        printf("err %s\n", code(rc));
      else if (p.count != 1)
        printf("err COUNT%zu\n", p.count);
      else {
        printf("ok %u ", (unsigned)p.addr[0].len);
        put_hex(&p.addr[0].sa, p.addr[0].len);
        putchar('\n');
      }
    } else {
      char text[SADDR_FORMAT_MAX];
      int  rc = saddr_format(buf, (size_t)n, &h, SADDR_FORMAT_TUPLE, text,
                             sizeof text, &e);
      if (rc < 0)
        printf("err %s\n", code(rc));
      else {
        fputs("ok ", stdout);
        put_hex(text, (size_t)rc);
        putchar('\n');
      }
    }
    fflush(stdout);
  }
  return 0;
}
