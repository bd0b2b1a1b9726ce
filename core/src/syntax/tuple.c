/* The tuple reader: the subset of Python literal syntax that socket
 * addresses are written in, read into typed items with source spans. */
#include "syntax/syntax.h"

#include <string.h>

typedef struct lexer {
  const char  *s;
  size_t       n, i;
  saddr_error *err;
} lexer;

static bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_ident0(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool is_ident(char c) { return is_ident0(c) || is_digit(c); }

static void skip_blank(lexer *lx) {
  while (lx->i < lx->n && is_blank(lx->s[lx->i]))
    lx->i++;
}

static int unexpected(lexer *lx, const char *expected) {
  if (lx->i >= lx->n)
    return saddr__fail(lx->err, SADDR_ETUPLE, lx->n, 0,
                       "unexpected end of input: expected %s", expected);
  if (lx->s[lx->i] == '\0')
    return saddr__fail(lx->err, SADDR_ENUL, lx->i, 1, "NUL byte in tuple text");
  return saddr__fail(lx->err, SADDR_ETUPLE, lx->i, 1, "expected %s", expected);
}

/* String prefix letters: any order of at most one r and one b (u alone). */
static size_t string_prefix(const lexer *lx, bool *raw, bool *bytes) {
  size_t k = lx->i;
  *raw = *bytes = false;
  bool u        = false;
  while (k < lx->n && k - lx->i < 2) {
    char c = (char)(lx->s[k] | 0x20);
    if (c == 'r' && !*raw)
      *raw = true;
    else if (c == 'b' && !*bytes && !u)
      *bytes = true;
    else if (c == 'u' && k == lx->i)
      u = true;
    else
      break;
    k++;
  }
  if (k < lx->n && (lx->s[k] == '\'' || lx->s[k] == '"') &&
      !(u && (*raw || *bytes)))
    return k - lx->i;
  return SIZE_MAX;
}

static int lex_string(lexer *lx, size_t plen, bool raw, bool bytes,
                      saddr__item *it) {
  size_t start = lx->i;
  char   q     = lx->s[start + plen];
  size_t k     = start + plen + 1;
  it->kind     = bytes ? SADDR__BYTES : SADDR__STR;
  it->raw      = raw;
  it->escapes  = false;
  it->body_off = k;
  while (k < lx->n && lx->s[k] != q) {
    char c = lx->s[k];
    if (c == '\n' || c == '\r')
      break;
    if (c == '\0')
      return saddr__fail(lx->err, SADDR_ENUL, k, 1,
                         "NUL byte in a string literal: write \\x00");
    if (c == '\\') {
      it->escapes = true;
      if (k + 1 < lx->n && lx->s[k + 1] != '\r')
        k++;
    }
    k++;
  }
  if (k >= lx->n || lx->s[k] != q)
    return saddr__fail(lx->err, SADDR_ESTRING, start, k - start,
                       "unterminated string literal");
  it->body_len = k - it->body_off;
  it->off      = start;
  it->len      = k + 1 - start;
  lx->i        = k + 1;
  return 0;
}

static int digit_value(char c, unsigned base) {
  int v = saddr__hexval((unsigned char)c);
  return v >= 0 && (unsigned)v < base ? v : -1;
}

/* Digits with single '_' separators between them (after a radix prefix a
 * leading '_' is allowed, as in Python). */
static int lex_digits(lexer *lx, unsigned base, bool lead_us, saddr__item *it) {
  size_t start      = lx->i;
  bool   want_digit = true, any = false;
  if (lead_us && lx->i < lx->n && lx->s[lx->i] == '_')
    lx->i++;
  for (; lx->i < lx->n; lx->i++) {
    char c = lx->s[lx->i];
    if (c == '_' && !want_digit) {
      want_digit = true;
      continue;
    }
    int d = digit_value(c, base);
    if (d < 0)
      break;
    if (it->mag > (UINT64_MAX - (uint64_t)d) / base)
      it->big = true;
    it->mag    = it->mag * base + (uint64_t)d;
    want_digit = false;
    any        = true;
  }
  if (!any || want_digit ||
      (lx->i < lx->n && (is_ident(lx->s[lx->i]) || lx->s[lx->i] == '.')))
    return saddr__fail(lx->err, SADDR_ESYNTAX, start,
                       lx->i - start + (lx->i < lx->n),
                       "invalid integer literal");
  return 0;
}

static int lex_int(lexer *lx, saddr__item *it) {
  size_t start  = lx->i;
  it->kind      = SADDR__INT;
  unsigned base = 10;
  if (lx->s[lx->i] == '0' && lx->i + 1 < lx->n) {
    char p = (char)(lx->s[lx->i + 1] | 0x20);
    base   = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
  }
  if (base != 10) {
    lx->i += 2;
    return lex_digits(lx, base, true, it);
  }
  int rc = lex_digits(lx, 10, false, it);
  if (rc == 0 && lx->s[start] == '0' && it->mag != 0)
    return saddr__fail(lx->err, SADDR_ESYNTAX, start, lx->i - start,
                       "leading zeros in a decimal integer: write 0o for "
                       "octal");
  if (rc == 0 && lx->s[start] == '0')
    for (size_t k = start; k < lx->i; k++)
      if (lx->s[k] != '0' && lx->s[k] != '_')
        return saddr__fail(lx->err, SADDR_ESYNTAX, start, lx->i - start,
                           "invalid integer literal");
  return rc;
}

static int lex_name(lexer *lx, saddr__item *it) {
  size_t start = lx->i;
  while (lx->i < lx->n && is_ident(lx->s[lx->i]))
    lx->i++;
  if (lx->i + 1 < lx->n && lx->s[lx->i] == '.' && is_ident0(lx->s[lx->i + 1])) {
    lx->i++;
    while (lx->i < lx->n && is_ident(lx->s[lx->i]))
      lx->i++;
  }
  size_t      n = lx->i - start;
  const char *w = lx->s + start;
  it->kind      = SADDR__NAME;
  it->body_off  = start;
  it->body_len  = n;
  if (n == 4 && memcmp(w, "True", 4) == 0)
    it->kind = SADDR__BOOL, it->mag = 1;
  else if (n == 5 && memcmp(w, "False", 5) == 0)
    it->kind = SADDR__BOOL, it->mag = 0;
  else if (n == 4 && memcmp(w, "None", 4) == 0)
    it->kind = SADDR__NONE;
  return 0;
}

static int lex_element(lexer *lx, saddr__item *it, unsigned depth);

/* A unary sign applies to what Python would negate without complaint: an
 * integer, True/False, a constant, or any of them in grouping parentheses
 * ("-(0)", "+True"). The result is an integer. */
static int lex_signed(lexer *lx, saddr__item *it, // NOLINT(misc-no-recursion)
                      size_t start, bool neg, unsigned depth) {
  int    rc;
  bool   raw, bytes;
  size_t plen = string_prefix(lx, &raw, &bytes);
  if (lx->s[lx->i] == '(')
    rc = lex_element(lx, it, depth);
  else if (is_digit(lx->s[lx->i]))
    rc = lex_int(lx, it);
  else if (plen != SIZE_MAX)
    rc = lex_string(lx, plen, raw, bytes, it);
  else if (is_ident0(lx->s[lx->i]))
    rc = lex_name(lx, it);
  else
    return unexpected(lx, "an integer after a sign");
  if (rc != 0)
    return rc;
  if (it->kind != SADDR__INT && it->kind != SADDR__BOOL &&
      it->kind != SADDR__NAME)
    return saddr__fail(lx->err, SADDR_ETYPE, start, lx->i - start,
                       "a sign applies to integers only");
  if (it->kind == SADDR__BOOL)
    it->kind = SADDR__INT;
  it->neg ^= neg;
  it->off = start;
  it->len = lx->i - start;
  return 0;
}

/* Recursion through lex_signed is bounded by SADDR__MAX_DEPTH. */
static int lex_scalar(lexer *lx, saddr__item *it, // NOLINT(misc-no-recursion)
                      unsigned depth) {
  memset(it, 0, sizeof *it);
  size_t start = lx->i;
  bool   neg = false, sign = false;
  while (lx->i < lx->n && (lx->s[lx->i] == '-' || lx->s[lx->i] == '+')) {
    neg ^= lx->s[lx->i] == '-';
    sign = true;
    lx->i++;
    skip_blank(lx);
  }
  if (lx->i >= lx->n)
    return unexpected(lx, "a value");
  if (sign)
    return lex_signed(lx, it, start, neg, depth);
  char   c = lx->s[lx->i];
  int    rc;
  bool   raw, bytes;
  size_t plen = string_prefix(lx, &raw, &bytes);
  if (is_digit(c))
    rc = lex_int(lx, it);
  else if (plen != SIZE_MAX)
    return lex_string(lx, plen, raw, bytes, it);
  else if (is_ident0(c))
    rc = lex_name(lx, it);
  else
    return unexpected(lx, "a value (string, integer or name)");
  it->off = start;
  it->len = lx->i - start;
  return rc;
}

/* Parentheses are only grouping here: "(80)" is 80, "(80,)" would be a
 * nested tuple, which no address form has. */
#define SADDR__MAX_DEPTH 32

/* Recursion depth is bounded by SADDR__MAX_DEPTH. */
static int lex_element(lexer *lx, saddr__item *it, // NOLINT(misc-no-recursion)
                       unsigned depth) {
  skip_blank(lx);
  if (lx->i >= lx->n || lx->s[lx->i] != '(')
    return lex_scalar(lx, it, depth);
  size_t open = lx->i++;
  if (depth == SADDR__MAX_DEPTH)
    return saddr__fail(lx->err, SADDR_ETUPLE, open, 1, "nested too deeply");
  int rc = lex_element(lx, it, depth + 1);
  if (rc != 0)
    return rc;
  skip_blank(lx);
  if (lx->i < lx->n && lx->s[lx->i] == ')') {
    lx->i++;
    return 0;
  }
  if (lx->i < lx->n && lx->s[lx->i] == ',')
    return saddr__fail(lx->err, SADDR_ETUPLE, open, lx->i + 1 - open,
                       "nested tuples are not allowed here");
  return unexpected(lx, "')'");
}

/* The rest of a tuple after its first item and comma. */
static int lex_rest(lexer *lx, saddr__tuple *t) {
  for (;;) {
    skip_blank(lx);
    if (lx->i < lx->n && lx->s[lx->i] == ')')
      return 0;
    if (t->n == SADDR__TUPLE_MAX)
      return saddr__fail(lx->err, SADDR_EARITY, lx->i, lx->n - lx->i,
                         "too many tuple items (at most %d)", SADDR__TUPLE_MAX);
    int rc = lex_element(lx, &t->item[t->n], 0);
    if (rc != 0)
      return rc;
    t->n++;
    skip_blank(lx);
    if (lx->i < lx->n && lx->s[lx->i] == ',') {
      lx->i++;
      continue;
    }
    if (lx->i < lx->n && lx->s[lx->i] == ')')
      return 0;
    return unexpected(lx, "',' or ')'");
  }
}

/* A value: a scalar, "()" , a tuple, or any of them in grouping
 * parentheses ("((x, y))" is (x, y)). */
static int lex_value(lexer *lx, saddr__tuple *t, // NOLINT(misc-no-recursion)
                     unsigned depth) {
  skip_blank(lx);
  if (lx->i >= lx->n || lx->s[lx->i] != '(') {
    t->n = 1;
    return lex_scalar(lx, &t->item[0], depth);
  }
  size_t open = lx->i++;
  if (depth == SADDR__MAX_DEPTH)
    return saddr__fail(lx->err, SADDR_ETUPLE, open, 1, "nested too deeply");
  skip_blank(lx);
  if (lx->i < lx->n && lx->s[lx->i] == ')') {
    lx->i++;
    t->n        = 0;
    t->is_tuple = true;
    return 0;
  }
  int rc = lex_value(lx, t, depth + 1);
  if (rc != 0)
    return rc;
  skip_blank(lx);
  if (lx->i >= lx->n)
    return saddr__fail(lx->err, SADDR_ETUPLE, open, 1, "unclosed '('");
  if (lx->s[lx->i] == ')') {
    lx->i++;
    return 0;
  }
  if (lx->s[lx->i] != ',')
    return unexpected(lx, "',' or ')'");
  if (t->is_tuple)
    return saddr__fail(lx->err, SADDR_ETUPLE, open, lx->i + 1 - open,
                       "nested tuples are not allowed here");
  lx->i++;
  t->is_tuple = true;
  rc          = lex_rest(lx, t);
  if (rc == 0 && lx->i >= lx->n)
    rc = saddr__fail(lx->err, SADDR_ETUPLE, open, 1, "unclosed '('");
  if (rc == 0)
    lx->i++;
  return rc;
}

int saddr__tuple_read(const char *s, size_t len, saddr__tuple *t,
                      saddr_error *err) {
  lexer lx    = {s, len, 0, err};
  t->n        = 0;
  t->is_tuple = false;
  skip_blank(&lx);
  t->off = lx.i;
  if (lx.i >= lx.n)
    return saddr__fail(err, SADDR_EEMPTY, 0, len, "empty address");
  int rc = lex_value(&lx, t, 0);
  if (rc != 0)
    return rc;
  t->len = lx.i - t->off;
  skip_blank(&lx);
  if (lx.i < lx.n)
    return unexpected(&lx, "end of input");
  return 0;
}

const char *saddr__kind_name(int kind) {
  static const char *const names[] = {"int",  "str",      "bytes",
                                      "bool", "NoneType", "name"};
  return kind >= 0 && kind <= SADDR__NAME ? names[kind] : "?";
}

/* The signed value of an integer-like item, or an error. */
static int item_value(const char *s, const saddr__item *it, const char *what,
                      bool *neg, uint64_t *mag, saddr_error *err) {
  long long v;
  switch (it->kind) {
  case SADDR__INT:
  case SADDR__BOOL:
    *neg = it->neg && it->mag != 0;
    *mag = it->mag;
    return it->big ? 1 : 0;
  case SADDR__NAME:
    if (saddr__const_lookup(s + it->body_off, it->body_len, &v) != 0)
      return saddr__fail(err, SADDR_ECONST, it->off, it->len,
                         "unknown constant '%.*s'", (int)it->body_len,
                         s + it->body_off);
    *mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    *neg = (v < 0) != it->neg && *mag != 0;
    return 0;
  default:
    return saddr__fail(err, SADDR_ETYPE, it->off, it->len,
                       "%s must be an integer, not %s", what,
                       saddr__kind_name(it->kind));
  }
}

int saddr__item_uint(const char *s, const saddr__item *it, uint64_t max,
                     const char *what, uint64_t *v, saddr_error *err) {
  bool     neg = false;
  uint64_t mag = 0;
  int      rc  = item_value(s, it, what, &neg, &mag, err);
  if (rc < 0)
    return rc;
  if (rc > 0 || neg || mag > max)
    return saddr__fail(err, SADDR_ERANGE, it->off, it->len, "%s must be 0-%llu",
                       what, (unsigned long long)max);
  *v = mag;
  return 0;
}

int saddr__item_text(const char *s, const saddr__item *it, unsigned accept,
                     unsigned escmode, const char *what, unsigned char *out,
                     size_t cap, size_t *outlen, saddr_error *err) {
  if (it->kind > SADDR__NAME || !(accept & (1u << it->kind))) {
    const char *want = accept == SADDR__ACCEPT_STR     ? "str"
                       : accept == SADDR__ACCEPT_BYTES ? "bytes"
                                                       : "str or bytes";
    return saddr__fail(err, SADDR_ETYPE, it->off, it->len,
                       "%s must be %s, not %s", what, want,
                       saddr__kind_name(it->kind));
  }
  unsigned mode =
      it->kind == SADDR__BYTES
          ? SADDR__ESC_BYTES
          : (escmode & ~(unsigned)SADDR__ESC_BYTES) | SADDR__ESC_STR;
  int rc = saddr__unescape(s + it->body_off, it->body_len, it->body_off, mode,
                           it->raw, out, cap, outlen, err);
  if (rc == SADDR_ETOOLONG)
    return saddr__fail(err, SADDR_ETOOLONG, it->off, it->len,
                       "%s is %zu bytes, at most %zu allowed", what, *outlen,
                       cap);
  return rc;
}
