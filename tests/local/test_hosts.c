/* The hosts-file reader: a table of file texts and lookups with the exact
 * addresses (in order) or error each must give, then re-reading a file that
 * changes, a missing file, and lookups racing reloads from threads. */
#include "harness.h"
#include "saddr.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Addresses as "a b c" (inet_ntop text), in the order the lookup gave. */
static void addrs_text(const saddr_addr *a, size_t n, char *out, size_t cap) {
  size_t k = 0;
  out[0]   = '\0';
  for (size_t i = 0; i < n; i++) {
    char        t[INET6_ADDRSTRLEN];
    const void *src = a[i].family == AF_INET6
                          ? (const void *)&a[i].sa.in6.sin6_addr
                          : (const void *)&a[i].sa.in.sin_addr;
    inet_ntop(a[i].family, src, t, sizeof t);
    k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? " " : "", t);
  }
}

typedef struct row {
  const char *file;
  size_t      file_len; /* 0: strlen(file) */
  const char *name;
  int         family;
  int         rc;
  const char *want; /* addresses in order, for rc 0 */
} row;

#define CRLF_FILE "127.0.0.1 alpha\r\n::1 alpha\r\n10.0.0.1\tbeta  b\r\n"
#define NUL_FILE  "10.0.0.1 pre\n10.0.0.2 ok\0bad\n10.0.0.3 post\n"
#define MIXED_FILE                                                             \
  "192.0.2.1 multi\n2001:db8::1 multi\n192.0.2.2 multi\n"                      \
  "2001:db8::2 multi\n192.0.2.3 multi\n192.0.2.1 multi  # duplicate\n"

static const row rows[] = {
    /* Names, aliases, case and comments. */
    {"127.0.0.1 localhost\n", 0, "localhost", AF_INET, 0, "127.0.0.1"},
    {"10.1.2.3 Web.Example.TEST www alias2\n", 0, "web.example.test", AF_UNSPEC,
     0, "10.1.2.3"},
    {"10.1.2.3 Web.Example.TEST www alias2\n", 0, "WWW", AF_UNSPEC, 0,
     "10.1.2.3"},
    {"10.1.2.3 Web.Example.TEST www alias2\n", 0, "alias2", AF_INET, 0,
     "10.1.2.3"},
    {"# 10.0.0.1 commented\n", 0, "commented", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"10.0.0.1 host # 10.0.0.2 comment\n", 0, "comment", AF_UNSPEC,
     SADDR_ENOTFOUND, ""},
    {"10.0.0.1 host#not-an-alias\n", 0, "host", AF_INET, 0, "10.0.0.1"},
    {"10.0.0.1 host#not-an-alias\n", 0, "not-an-alias", AF_INET,
     SADDR_ENOTFOUND, ""},
    {"   \t10.0.0.9   spaced\t\tout   \n", 0, "out", AF_INET, 0, "10.0.0.9"},
    /* One trailing dot, in the file or in the query, is ignored. */
    {"10.0.0.1 dotted.test.\n", 0, "dotted.test", AF_INET, 0, "10.0.0.1"},
    {"10.0.0.1 dotted.test\n", 0, "dotted.test.", AF_INET, 0, "10.0.0.1"},
    /* Families, ordering and duplicates. */
    {MIXED_FILE, 0, "multi", AF_UNSPEC, 0,
     "2001:db8::1 192.0.2.1 2001:db8::2 192.0.2.2 192.0.2.3"},
    {MIXED_FILE, 0, "multi", AF_INET, 0, "192.0.2.1 192.0.2.2 192.0.2.3"},
    {MIXED_FILE, 0, "multi", AF_INET6, 0, "2001:db8::1 2001:db8::2"},
    {"::1 only6\n", 0, "only6", AF_INET, SADDR_ENODATA, ""},
    {"127.0.0.1 only4\n", 0, "only4", AF_INET6, SADDR_ENODATA, ""},
    {"::ffff:192.0.2.1 mapped\n", 0, "mapped", AF_UNSPEC, 0,
     "::ffff:192.0.2.1"},
    {"127.0.0.1 x\n", 0, "y", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    /* CRLF and tabs. */
    {CRLF_FILE, 0, "alpha", AF_UNSPEC, 0, "::1 127.0.0.1"},
    {CRLF_FILE, 0, "b", AF_INET, 0, "10.0.0.1"},
    /* Bad lines are skipped whole; the lines around them still count. */
    {"127.1 legacy\n10.0.0.1 good\n", 0, "legacy", AF_UNSPEC, SADDR_ENOTFOUND,
     ""},
    {"010.0.0.1 octal\n", 0, "octal", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"0x7f.0.0.1 hex\n", 0, "hex", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"2130706433 decimal\n", 0, "decimal", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"256.0.0.1 big\n", 0, "big", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"fe80::1%eth0 zoned\n", 0, "zoned", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"1::2::3 twocolons\n", 0, "twocolons", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"host 10.0.0.1\n", 0, "host", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"10.0.0.1\n10.0.0.2 after\n", 0, "after", AF_INET, 0, "10.0.0.2"},
    {"10.0.0.1 good bad\x01name\n", 0, "good", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"10.0.0.1 . dot\n", 0, "dot", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {"127.1 legacy\n10.0.0.1 good\n", 0, "good", AF_INET, 0, "10.0.0.1"},
    /* NUL bytes make their line bad, not the file. */
    {NUL_FILE, sizeof NUL_FILE - 1, "ok", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    {NUL_FILE, sizeof NUL_FILE - 1, "post", AF_INET, 0, "10.0.0.3"},
    {NUL_FILE, sizeof NUL_FILE - 1, "pre", AF_INET, 0, "10.0.0.1"},
    /* No newline at the end; an empty file. */
    {"10.0.0.7 last", 0, "last", AF_INET, 0, "10.0.0.7"},
    {"", 0, "any", AF_UNSPEC, SADDR_ENOTFOUND, ""},
    /* Arguments. */
    {"10.0.0.1 a\n", 0, "", AF_UNSPEC, SADDR_EINVAL, ""},
    {"10.0.0.1 a\n", 0, ".", AF_UNSPEC, SADDR_EINVAL, ""},
    {"10.0.0.1 a\n", 0, "a", AF_UNIX, SADDR_EFAMILY, ""},
};

static void run_rows(void) {
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const row   *r    = &rows[i];
    size_t       flen = r->file_len ? r->file_len : strlen(r->file);
    saddr_hosts *h    = NULL;
    saddr_error  err  = {0};
    CHECK_CTX(saddr_hosts_parse(r->file, flen, &h, &err) == 0, "row %zu parse",
              i);
    if (!h)
      continue;
    saddr_addr out[SADDR_HOSTS_ADDRS_MAX];
    size_t     n = 99;
    int  rc = saddr_hosts_lookup(h, r->name, strlen(r->name), r->family, out,
                                 SADDR_HOSTS_ADDRS_MAX, &n, &err);
    char got[1024];
    addrs_text(out, rc == 0 ? n : 0, got, sizeof got);
    CHECK_CTX(rc == r->rc, "row %zu (%s): rc %s, expected %s (%s)", i, r->name,
              saddr_err_name(rc), saddr_err_name(r->rc), err.message);
    CHECK_CTX(strcmp(got, r->want) == 0,
              "row %zu (%s): got '%s', expected '%s'", i, r->name, got,
              r->want);
    saddr_hosts_close(h);
  }
}

/* Every address comes back fully formed: port 0, SOCK_STREAM, the right
 * length, and nothing but the address in the sockaddr. */
static void check_shape(void) {
  static const char file[] = "::1 shape\n127.0.0.1 shape\n";
  saddr_hosts      *h;
  saddr_error       err;
  CHECK_INT(saddr_hosts_parse(file, sizeof file - 1, &h, &err), 0);
  saddr_addr out[2];
  size_t     n;
  memset(out, 0xa5, sizeof out);
  CHECK_INT(saddr_hosts_lookup(h, "shape", 5, AF_UNSPEC, out, 2, &n, &err), 0);
  CHECK_INT(n, 2);
  char hex[2 * sizeof out[0].sa + 1];
  th_hex(out[0].sa.bytes, out[0].len, hex);
  CHECK_STR(hex, "0a000000000000000000000000000000000000000000000100000000");
  th_hex(out[1].sa.bytes, out[1].len, hex);
  CHECK_STR(hex, "020000007f0000010000000000000000");
  CHECK_INT(out[0].len, sizeof(struct sockaddr_in6));
  CHECK_INT(out[1].family, AF_INET);
  CHECK_INT(out[1].type, SOCK_STREAM);
  CHECK_INT(out[1].protocol, 0);
  CHECK_INT(out[1].flags, 0);
  unsigned char zero[sizeof out[0].sa] = {0};
  CHECK(memcmp(out[1].sa.bytes + out[1].len, zero,
               sizeof out[1].sa - out[1].len) == 0);
  saddr_hosts_close(h);
}

/* A small cap gives the first addresses, the total count and ENOSPACE; a
 * name keeps at most SADDR_HOSTS_ADDRS_MAX addresses. */
static void check_capacity(void) {
  char   file[200 * 24];
  size_t k = 0;
  for (int i = 0; i < 200; i++)
    k += (size_t)snprintf(file + k, sizeof file - k, "10.0.%d.%d many\n",
                          i / 100, i % 100);
  saddr_hosts *h;
  saddr_error  err;
  CHECK_INT(saddr_hosts_parse(file, k, &h, &err), 0);
  saddr_addr out[SADDR_HOSTS_ADDRS_MAX];
  size_t     n;
  CHECK_INT(saddr_hosts_lookup(h, "many", 4, AF_INET, out, 3, &n, &err),
            SADDR_ENOSPACE);
  CHECK_INT(n, SADDR_HOSTS_ADDRS_MAX);
  char got[256];
  addrs_text(out, 3, got, sizeof got);
  CHECK_STR(got, "10.0.0.0 10.0.0.1 10.0.0.2");
  CHECK_INT(saddr_hosts_lookup(h, "many", 4, AF_INET, NULL, 0, &n, &err),
            SADDR_ENOSPACE);
  CHECK_INT(n, SADDR_HOSTS_ADDRS_MAX);
  CHECK_INT(saddr_hosts_lookup(h, "many", 4, AF_INET, out,
                               SADDR_HOSTS_ADDRS_MAX, &n, &err),
            0);
  addrs_text(&out[SADDR_HOSTS_ADDRS_MAX - 1], 1, got, sizeof got);
  CHECK_STR(got, "10.0.0.63");
  saddr_hosts_close(h);
}

static void put(char *file, size_t *k, const char *s) {
  memcpy(file + *k, s, strlen(s));
  *k += strlen(s);
}

static void pad_to(char *file, size_t *k, size_t upto) {
  memset(file + *k, ' ', upto - *k);
  *k = upto;
}

/* Lines up to the limit count; a longer one is skipped whole, even when a
 * valid-looking entry fits in its first 4096 bytes. */
static void check_long_lines(void) {
  size_t cap = 20000, k = 0;
  char  *file = malloc(cap);
  put(file, &k, "10.0.0.1 huge");
  pad_to(file, &k, 5000);
  put(file, &k, "tail\n");
  size_t start = k;
  put(file, &k, "10.0.0.2 fits");
  pad_to(file, &k, start + 4096 - 4);
  put(file, &k, "edge\n");
  saddr_hosts *h;
  saddr_error  err;
  CHECK_INT(saddr_hosts_parse(file, k, &h, &err), 0);
  saddr_addr out[4];
  size_t     n;
  CHECK_INT(saddr_hosts_lookup(h, "huge", 4, AF_INET, out, 4, &n, &err),
            SADDR_ENOTFOUND);
  CHECK_INT(saddr_hosts_lookup(h, "tail", 4, AF_INET, out, 4, &n, &err),
            SADDR_ENOTFOUND);
  CHECK_INT(saddr_hosts_lookup(h, "edge", 4, AF_INET, out, 4, &n, &err), 0);
  CHECK_INT(saddr_hosts_lookup(h, "fits", 4, AF_INET, out, 4, &n, &err), 0);
  saddr_hosts_close(h);
  /* A 253-byte name is a name; 254 bytes (without a trailing dot) is not. */
  char name[300];
  memset(name, 'a', sizeof name);
  k = (size_t)snprintf(file, cap, "10.0.0.3 %.253s\n10.0.0.4 %.254s\n", name,
                       name);
  CHECK_INT(saddr_hosts_parse(file, k, &h, &err), 0);
  CHECK_INT(saddr_hosts_lookup(h, name, 253, AF_INET, out, 4, &n, &err), 0);
  CHECK_INT(n, 1);
  CHECK_INT(saddr_hosts_lookup(h, name, 254, AF_INET, out, 4, &n, &err),
            SADDR_ENOTFOUND);
  saddr_hosts_close(h);
  free(file);
}

static void write_file(const char *path, const char *text) {
  char tmp[512];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  FILE *f = fopen(tmp, "w");
  fputs(text, f);
  fclose(f);
  rename(tmp, path);
}

static int lookup4(saddr_hosts *h, const char *name, char *got) {
  saddr_addr  out[4];
  size_t      n   = 0;
  saddr_error err = {0};
  int rc = saddr_hosts_lookup(h, name, strlen(name), AF_INET, out, 4, &n, &err);
  addrs_text(out, rc == 0 ? n : 0, got, 256);
  return rc;
}

/* A handle opened by path sees every change: replaced, rewritten in place
 * with the same size, removed, and created again. */
static void check_reread(const char *dir) {
  char path[256], got[256];
  snprintf(path, sizeof path, "%s/hosts", dir);
  saddr_hosts *h = saddr_hosts_open(path);
  CHECK(h != NULL);
  CHECK_INT(lookup4(h, "a", got), SADDR_ENOTFOUND);
  saddr_error err;
  size_t      n;
  saddr_hosts_lookup(h, "a", 1, AF_INET, NULL, 0, &n, &err);
  CHECK(strstr(err.message, "does not exist") != NULL);
  write_file(path, "10.0.0.1 a\n");
  CHECK_INT(lookup4(h, "a", got), 0);
  CHECK_STR(got, "10.0.0.1");
  write_file(path, "10.0.0.2 a\n");
  CHECK_INT(lookup4(h, "a", got), 0);
  CHECK_STR(got, "10.0.0.2");
  /* In place, same size, same inode: mtime/ctime tell. */
  FILE *f = fopen(path, "r+");
  fputs("10.0.0.3 a\n", f);
  fclose(f);
  CHECK_INT(lookup4(h, "a", got), 0);
  CHECK_STR(got, "10.0.0.3");
  unlink(path);
  CHECK_INT(lookup4(h, "a", got), SADDR_ENOTFOUND);
  write_file(path, "10.0.0.4 b\n");
  CHECK_INT(lookup4(h, "b", got), 0);
  CHECK_STR(got, "10.0.0.4");
  saddr_hosts_close(h);
  unlink(path);
}

/* A path that cannot be read is an error that says so, not an empty file. */
static void check_unreadable(const char *dir) {
  saddr_hosts *h = saddr_hosts_open(dir);
  saddr_addr   out[1];
  size_t       n;
  saddr_error  err = {0};
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_INET, out, 1, &n, &err),
            SADDR_EINVAL);
  CHECK(strstr(err.message, "not a file") != NULL);
  saddr_hosts_close(h);
}

typedef struct race {
  saddr_hosts *h;
  int          bad;
} race;

static void *race_lookups(void *arg) {
  race *r = arg;
  char  got[256];
  for (int i = 0; i < 2000; i++) {
    int rc = lookup4(r->h, "r", got);
    if (rc != 0 ||
        (strcmp(got, "10.0.0.1") != 0 && strcmp(got, "10.0.0.2") != 0))
      r->bad++;
  }
  return NULL;
}

/* Lookups from threads on one handle while the file keeps changing: every
 * answer is one of the file's versions, never a torn one (TSan in CI). */
static void check_threads(const char *dir) {
  char path[256];
  snprintf(path, sizeof path, "%s/race", dir);
  write_file(path, "10.0.0.1 r\n");
  saddr_hosts *h = saddr_hosts_open(path);
  race         r[4];
  pthread_t    t[4];
  for (int i = 0; i < 4; i++) {
    r[i].h   = h;
    r[i].bad = 0;
    pthread_create(&t[i], NULL, race_lookups, &r[i]);
  }
  for (int i = 0; i < 200; i++)
    write_file(path, i % 2 ? "10.0.0.1 r\n" : "10.0.0.2 r\n");
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], NULL);
    CHECK_INT(r[i].bad, 0);
  }
  saddr_hosts_close(h);
  unlink(path);
}

/* Missing arguments: refused before anything is read or written. */
static void check_missing_args(void) {
  const char  *text = "192.0.2.1 a\n";
  saddr_hosts *h    = NULL;
  saddr_error  e;
  CHECK_INT(saddr_hosts_parse(text, strlen(text), &h, &e), 0);
  saddr_addr out[2];
  size_t     count = 7;
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_UNSPEC, out, 2, NULL, &e),
            SADDR_EINVAL);
  CHECK_STR(e.message, "missing argument");
  CHECK_INT(e.offset, 0);
  CHECK_INT(e.length, 0);
  CHECK_INT(saddr_hosts_lookup(NULL, "a", 1, AF_UNSPEC, out, 2, &count, &e),
            SADDR_EINVAL);
  CHECK_INT(saddr_hosts_lookup(h, NULL, 1, AF_UNSPEC, out, 2, &count, &e),
            SADDR_EINVAL);
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_UNSPEC, NULL, 2, &count, &e),
            SADDR_EINVAL);
  CHECK_INT(count, 7);
  /* No name of length 0 and no room are arguments, not missing ones. */
  CHECK_INT(saddr_hosts_lookup(h, NULL, 0, AF_UNSPEC, out, 2, &count, &e),
            SADDR_EINVAL);
  CHECK_STR(e.message, "empty host name");
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_UNSPEC, NULL, 0, &count, &e),
            SADDR_ENOSPACE);
  CHECK_INT(count, 1);
  saddr_hosts_close(h);
}

/* The lookup's messages, whole, with code and span. */
static void check_messages(const char *dir) {
  const char  *text = "192.0.2.1 a\n192.0.2.2 a\n";
  saddr_hosts *h    = NULL;
  saddr_error  e;
  CHECK_INT(saddr_hosts_parse(text, strlen(text), &h, &e), 0);
  saddr_addr out[2];
  size_t     count = 0;
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_INET6, out, 2, &count, &e),
            SADDR_ENODATA);
  CHECK_STR(e.message, "hosts file (bytes) has no IPv6 address for 'a'");
  CHECK_INT(e.length, 1);
  CHECK_INT(saddr_hosts_lookup(h, "bb", 2, AF_UNSPEC, out, 2, &count, &e),
            SADDR_ENOTFOUND);
  CHECK_STR(e.message, "no host 'bb' in hosts file (bytes)");
  CHECK_INT(e.length, 2);
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_UNIX, out, 2, &count, &e),
            SADDR_EFAMILY);
  CHECK_STR(e.message, "hosts files hold only AF_INET and AF_INET6 addresses");
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_INET, out, 1, &count, &e),
            SADDR_ENOSPACE);
  CHECK_STR(e.message, "2 addresses found, room for 1");
  CHECK_INT(count, 2);
  saddr_hosts_close(h);
  /* A file that is not there: said so. */
  char path[128];
  snprintf(path, sizeof path, "%s/no-such-hosts", dir);
  h = saddr_hosts_open(path);
  CHECK(h != NULL);
  if (h == NULL)
    return;
  CHECK_INT(saddr_hosts_lookup(h, "a", 1, AF_UNSPEC, out, 2, &count, &e),
            SADDR_ENOTFOUND);
  char want[256];
  snprintf(want, sizeof want,
           "no host 'a' in hosts file %s (the file does not exist)", path);
  CHECK_STR(e.message, want);
  saddr_hosts_close(h);
}

int main(void) {
  check_missing_args();
  run_rows();
  check_shape();
  check_capacity();
  check_long_lines();
  char dir[] = "/tmp/saddr-hosts-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  check_messages(dir);
  check_reread(dir);
  check_unreadable(dir);
  check_threads(dir);
  rmdir(dir);
  return th_done();
}
