/* Errors for people: the message, the input with a caret line under the
 * offending bytes, and hints for the mistakes people make; or, with --json,
 * the one-line JSON object scripts read. */
#include "cli.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What cli_args saw: the output mode and the text error offsets count in. */
static bool        out_json;
static const char *out_spec;

void cli_set_output(bool json, const char *spec) {
  out_json = json;
  out_spec = spec;
}

/* ---- Did you mean ------------------------------------------------------ */

/* Optimal string alignment distance, case-insensitive, for short words
 * (longer ones count as far apart). */
static size_t distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > 31 || m > 31)
    return 99;
  size_t d[32][32];
  for (size_t i = 0; i <= n; i++)
    d[i][0] = i;
  for (size_t j = 0; j <= m; j++)
    d[0][j] = j;
  for (size_t i = 1; i <= n; i++)
    for (size_t j = 1; j <= m; j++) {
      size_t cost =
          tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
      size_t best = d[i - 1][j - 1] + cost;
      if (d[i - 1][j] + 1 < best)
        best = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < best)
        best = d[i][j - 1] + 1;
      if (i > 1 && j > 1 &&
          tolower((unsigned char)a[i - 1]) ==
              tolower((unsigned char)b[j - 2]) &&
          tolower((unsigned char)a[i - 2]) ==
              tolower((unsigned char)b[j - 1]) &&
          d[i - 2][j - 2] + 1 < best)
        best = d[i - 2][j - 2] + 1;
      d[i][j] = best;
    }
  return d[n][m];
}

const char *cli_suggest(const char *word, const char *const *cands, size_t n) {
  const char *best  = NULL;
  size_t      bestd = strlen(word) <= 3 ? 1 : 2;
  for (size_t i = 0; i < n; i++) {
    size_t d = distance(word, cands[i]);
    /* The word itself is no suggestion: it was refused as it is. */
    if (d > 0 && d <= bestd && (best == NULL || d < bestd)) {
      best  = cands[i];
      bestd = d;
    }
  }
  return best;
}

/* ---- The input with a caret line ---------------------------------------- */

/* How byte ch is shown: itself when printable ASCII, else an escape. */
static size_t shown(unsigned char ch, char out[5]) {
  if (ch >= 0x20 && ch < 0x7f) {
    out[0] = (char)ch;
    return 1;
  }
  const char *esc = ch == '\t' ? "\\t" : ch == '\n' ? "\\n" : NULL;
  if (ch == '\r')
    esc = "\\r";
  if (esc != NULL) {
    memcpy(out, esc, 2);
    return 2;
  }
  snprintf(out, 5, "\\x%02x", ch);
  return 4;
}

enum { SHOW_WIDTH = 72, SHOW_BEFORE = 24 };

/* Prints text (n bytes) indented, then carets under [off, off+len): long
 * input is cut around the span and the cuts shown as "...". */
static void show_span(FILE *f, const char *text, size_t n, size_t off,
                      size_t len) {
  size_t *col = malloc((n + 1) * sizeof *col);
  if (col == NULL)
    return;
  char   tmp[5];
  size_t c = 0;
  for (size_t i = 0; i < n; i++) {
    col[i] = c;
    c += shown((unsigned char)text[i], tmp);
  }
  col[n] = c;
  if (off > n)
    off = n;
  if (len > n - off)
    len = n - off;
  size_t lo = 0, hi = n;
  if (col[n] > SHOW_WIDTH) {
    while (lo < off && col[off] - col[lo] > SHOW_BEFORE)
      lo++;
    while (hi > lo && col[hi] - col[lo] > SHOW_WIDTH)
      hi--;
  }
  fputs("  ", f);
  size_t pad = 2;
  if (lo > 0) {
    fputs("...", f);
    pad += 3;
  }
  for (size_t i = lo; i < hi; i++)
    fwrite(tmp, 1, shown((unsigned char)text[i], tmp), f);
  fputs(hi < n ? "...\n" : "\n", f);
  size_t start = col[off] - col[lo], end = col[off + len] - col[lo];
  if (off + len > hi)
    end = col[hi] - col[lo];
  fprintf(f, "%*s^", (int)(pad + start), "");
  for (size_t i = start + 1; i < end; i++)
    fputc('~', f);
  fputc('\n', f);
  free(col);
}

/* ---- Hints for the mistakes people make --------------------------------- */

/* The prefixes of the compact syntax and the socket types before '+'. */
static const char *const prefixes[] = {
    "ip",    "ip4",    "ip6",   "tcp",   "tcp4",  "tcp6",    "udp",
    "udp4",  "udp6",   "rds",   "unix",  "vsock", "netlink", "packet",
    "can",   "bcm",    "isotp", "j1939", "tipc",  "alg",     "qipcrtr",
    "l2cap", "rfcomm", "hci",   "sco",   "fd",    "sd"};
static const char *const socktypes[] = {"stream", "dgram", "seqpacket", "raw",
                                        "rdm",    "dccp",  "packet"};
#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Whether this library reads "name@" ("name+" for a socket type): the list
 * above may name prefixes a build does not have. */
static bool known_prefix(const char *name, char sep) {
  char         text[40];
  int          n = snprintf(text, sizeof text, "%s%c", name, sep);
  saddr_parsed p;
  saddr_error  err;
  return saddr_parse(text, (size_t)n, NULL, &p, &err) == 0 ||
         !(err.code == SADDR_ESCHEME && err.offset == 0);
}

static bool tuple_like(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return *s == '(' || *s == '\'' || *s == '"' ||
         ((*s == 'b' || *s == 'r') && (s[1] == '\'' || s[1] == '"'));
}

static void hint(FILE *f, const char *fmt, ...) {
  va_list ap;
  fputs("hint: ", f);
  va_start(ap, fmt);
  vfprintf(f, fmt, ap);
  fputc('\n', f);
  va_end(ap);
}

static bool is_word(const char *s, size_t n, const char *w) {
  return strlen(w) == n && strncmp(s, w, n) == 0;
}

/* scheme://host[:port][/path] */
static bool url_hint(FILE *f, const char *spec) {
  const char *sep = strstr(spec, "://");
  if (sep == NULL)
    return false;
  size_t      sn   = (size_t)(sep - spec);
  const char *host = sep + 3;
  size_t      hn   = strcspn(host, "/?#");
  for (size_t i = 0; i < COUNT(prefixes); i++)
    if (is_word(spec, sn, prefixes[i])) {
      hint(f, "saddr reads no URLs: write '%.*s@%.*s'", (int)sn, spec, (int)hn,
           host);
      return true;
    }
  const char *close = host[0] == '[' ? memchr(host, ']', hn) : NULL;
  bool has_port     = close != NULL ? close + 1 < host + hn && close[1] == ':'
                                    : memchr(host, ':', hn) != NULL;
  const char *port  = is_word(spec, sn, "https")  ? "443"
                      : is_word(spec, sn, "http") ? "80"
                                                  : "PORT";
  if (has_port)
    hint(f, "saddr reads no URLs: write HOST:PORT, here '%.*s'", (int)hn, host);
  else
    hint(f, "saddr reads no URLs: write HOST:PORT, here '%.*s:%s'", (int)hn,
         host, port);
  return true;
}

/* "udp:1.2.3.4:53" for "udp@1.2.3.4:53". unix: and vsock: are valid. */
static bool colon_prefix_hint(FILE *f, const char *spec) {
  size_t w = strcspn(spec, ":@+[/");
  if (spec[w] != ':' || is_word(spec, w, "unix") || is_word(spec, w, "vsock"))
    return false;
  for (size_t i = 0; i < COUNT(prefixes); i++)
    if (is_word(spec, w, prefixes[i])) {
      hint(f, "prefixes end in '@': write '%.*s@%s'", (int)w, spec,
           spec + w + 1);
      return true;
    }
  return false;
}

static bool prefix_hint(FILE *f, const saddr_error *err, const char *spec) {
  if (err->code != SADDR_ESCHEME || err->offset >= strlen(spec))
    return false;
  const char *w = spec + err->offset;
  size_t      n = strcspn(w, "@+:");
  if (n == 0 || n > 31)
    return false;
  char word[32];
  memcpy(word, w, n);
  word[n]                 = '\0';
  bool               plus = w[n] == '+';
  const char *const *all  = plus ? socktypes : prefixes;
  size_t             nall = plus ? COUNT(socktypes) : COUNT(prefixes);
  const char        *known[COUNT(prefixes)];
  size_t             nknown = 0;
  for (size_t i = 0; i < nall; i++)
    if (known_prefix(all[i], plus ? '+' : '@'))
      known[nknown++] = all[i];
  const char *best = cli_suggest(word, known, nknown);
  if (plus && best == NULL && (strcmp(word, "tcp") == 0))
    best = "stream";
  if (plus && best == NULL && (strcmp(word, "udp") == 0))
    best = "dgram";
  if (best == NULL)
    return false;
  hint(f, "did you mean '%s%c'?", best, plus ? '+' : '@');
  return true;
}

static void spec_hints(FILE *f, const saddr_error *err, const char *spec) {
  if (url_hint(f, spec) || colon_prefix_hint(f, spec) ||
      prefix_hint(f, err, spec))
    return;
  size_t n = strlen(spec);
  if (tuple_like(spec))
    return;
  if (n > 0 && (isspace((unsigned char)spec[n - 1]) ||
                isspace((unsigned char)spec[0]))) {
    hint(f, "the spec has a blank at its start or end: check the quoting");
    return;
  }
  const char *comma = strchr(spec, ',');
  if (comma != NULL)
    hint(f,
         "one spec at a time: '%.*s' and '%s' are two runs of saddr ('*:PORT' "
         "is every family's wildcard)",
         (int)(comma - spec), spec, comma + 1);
}

/* ---- Entry points ------------------------------------------------------- */

static int print_json(const saddr_error *err) {
  fprintf(stderr,
          "{\"error\":\"%s\",\"offset\":%zu,\"length\":%zu,"
          "\"message\":",
          saddr_err_name(err->code), err->offset, err->length);
  cli_json_string(stderr, err->message);
  fputs("}\n", stderr);
  return 1;
}

int cli_fail_hint(const saddr_error *err, const char *text, const char *extra) {
  if (out_json)
    return print_json(err);
  fprintf(stderr, "saddr: error: %s\n", err->message);
  if (text != NULL)
    show_span(stderr, text, strlen(text), err->offset, err->length);
  if (extra != NULL)
    hint(stderr, "%s", extra);
  else if (text != NULL && text == out_spec)
    spec_hints(stderr, err, text);
  return 1;
}

int cli_fail(const saddr_error *err) {
  return cli_fail_hint(err, out_spec, NULL);
}

int cli_usage_error(const char *extra, const char *fmt, ...) {
  va_list ap;
  fputs("saddr: error: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  if (extra != NULL)
    hint(stderr, "%s", extra);
  return -1;
}
