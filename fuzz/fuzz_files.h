/* A small, independent reading of hosts(5) and services(5) lines for the
 * file-reader targets: just enough to know which names a file mentions,
 * which lines any reader must accept ("clean" lines) and which line an
 * answer can have come from. It is deliberately simpler than the reader
 * under test (docs/local-databases.md): where it is unsure, the targets
 * check less, never more. */
#ifndef SADDR_FUZZ_FILES_H
#define SADDR_FUZZ_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* A line the readers accept has at most 4096 bytes, so at most 2048
 * fields. */
#define FZ_FIELDS_MAX 2049

typedef struct fz_span {
  const char *p;
  size_t      n;
} fz_span;

/* One line: its fields before any '#', and whether it has bytes a reader
 * must refuse or that this model does not handle (NUL, other control
 * bytes, more fields than it keeps, 4000 bytes or more). */
typedef struct fz_line {
  fz_span f[FZ_FIELDS_MAX];
  size_t  nf;
  bool    odd;
} fz_line;

static inline bool fz_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads the line starting at *pos of [s, s+n) and moves *pos past it. */
static inline void fz_next_line(const char *s, size_t n, size_t *pos,
                                fz_line *l) {
  size_t start = *pos, end = start;
  while (end < n && s[end] != '\n')
    end++;
  *pos         = end < n ? end + 1 : end;
  l->nf        = 0;
  l->odd       = end - start >= 4000;
  bool comment = false;
  for (size_t i = start; i < end; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '#')
      comment = true;
    if (c == 0 || ((c < 0x20 || c == 0x7f) && !fz_blank((char)c)))
      l->odd = true;
    if (comment || fz_blank((char)c))
      continue;
    if (i == start || fz_blank(s[i - 1])) {
      if (l->nf == FZ_FIELDS_MAX) {
        l->odd  = true;
        comment = true;
        continue;
      }
      l->f[l->nf].p = s + i;
      l->f[l->nf].n = 0;
      l->nf++;
    }
    l->f[l->nf - 1].n++;
  }
}

static inline char fz_lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Names compare case-insensitively in ASCII, one trailing dot ignored on
 * either side. */
static inline bool fz_same_name(fz_span a, fz_span b) {
  if (a.n > 0 && a.p[a.n - 1] == '.')
    a.n--;
  if (b.n > 0 && b.p[b.n - 1] == '.')
    b.n--;
  if (a.n != b.n)
    return false;
  for (size_t i = 0; i < a.n; i++)
    if (fz_lower(a.p[i]) != fz_lower(b.p[i]))
      return false;
  return true;
}

static inline bool fz_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* A name every reader takes: dot-separated labels of 1-63 letters and
 * digits, at most 253 bytes, the last label holding a letter (so that it
 * never reads as a number). */
static inline bool fz_clean_hostname(fz_span s) {
  if (s.n == 0 || s.n > 253)
    return false;
  size_t label  = 0;
  bool   letter = false;
  for (size_t i = 0; i < s.n; i++) {
    char c = s.p[i];
    if (c == '.') {
      if (label == 0)
        return false;
      label  = 0;
      letter = false;
      continue;
    }
    if (!fz_alnum(c) || ++label > 63)
      return false;
    letter = letter || !(c >= '0' && c <= '9');
  }
  return label > 0 && letter;
}

/* A strict decimal port as specs write it: 0-65535, no sign, no leading
 * zero. */
static inline bool fz_port(const char *p, size_t n, unsigned *port) {
  if (n == 0 || n > 5 || (n > 1 && p[0] == '0'))
    return false;
  unsigned v = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9')
      return false;
    v = v * 10 + (unsigned)(p[i] - '0');
  }
  *port = v;
  return v <= 65535;
}

/* The same bytes as a file, for the readers' open-by-path side (reading,
 * re-reading on change): a memfd named through /proc/self/fd, so that
 * nothing is left on disk. */
typedef struct fz_file {
  int  fd; /* -1: no memfd on this system */
  char path[64];
} fz_file;

static inline fz_file *fz_file_get(void) {
  static fz_file f = {-2, ""};
  if (f.fd == -2) {
    f.fd = memfd_create("saddr-fuzz", MFD_CLOEXEC);
    snprintf(f.path, sizeof f.path, "/proc/self/fd/%d", f.fd);
  }
  return f.fd >= 0 ? &f : NULL;
}

/* Makes the file hold exactly [s, s+n). */
static inline bool fz_file_set(fz_file *f, const char *s, size_t n) {
  return ftruncate(f->fd, 0) == 0 && pwrite(f->fd, s, n, 0) == (ssize_t)n;
}

/* Adds a line at the end (after a newline, in case the last line had
 * none): a change the readers must notice. */
static inline bool fz_file_append(fz_file *f, size_t at, const char *line) {
  size_t n = strlen(line);
  return pwrite(f->fd, "\n", 1, (off_t)at) == 1 &&
         pwrite(f->fd, line, n, (off_t)at + 1) == (ssize_t)n;
}

#endif
