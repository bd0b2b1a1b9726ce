/* The skeleton both databases share: files read whole, snapshots swapped
 * under a mutex when the file changes, lines split and stripped of their
 * comments, names stored. Only each line's grammar is the kind's. */
#include "local/local.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void *saddr__vec_push(saddr__vec *v, size_t elem) {
  if (v->n == v->cap) {
    size_t cap = v->cap ? v->cap * 2 : 16;
    if (cap < v->cap || cap > SIZE_MAX / elem)
      return NULL;
    void *p = realloc(v->p, cap * elem);
    if (!p)
      return NULL;
    v->p   = p;
    v->cap = cap;
  }
  unsigned char *e = (unsigned char *)v->p + v->n * elem;
  memset(e, 0, elem);
  v->n++;
  return e;
}

/* ---- Lines and fields --------------------------------------------------- */

static bool is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

bool saddr__lines_next(saddr__lines *it, saddr__line *line) {
  if (it->pos >= it->len)
    return false;
  const char *start = it->s + it->pos;
  size_t      rest  = it->len - it->pos;
  const char *nl    = memchr(start, '\n', rest);
  size_t      n     = nl ? (size_t)(nl - start) : rest;
  line->s           = start;
  line->off         = it->pos;
  line->bad         = n > SADDR__DB_LINE_MAX || memchr(start, '\0', n) != NULL;
  const char *hash  = memchr(start, '#', n);
  line->len         = hash ? (size_t)(hash - start) : n;
  it->pos += nl ? n + 1 : n;
  return true;
}

bool saddr__field_next(const saddr__line *line, size_t *pos, const char **f,
                       size_t *n) {
  size_t i = *pos;
  while (i < line->len && is_blank((unsigned char)line->s[i]))
    i++;
  if (i == line->len) {
    *pos = i;
    return false;
  }
  size_t start = i;
  while (i < line->len && !is_blank((unsigned char)line->s[i]))
    i++;
  *f   = line->s + start;
  *n   = i - start;
  *pos = i;
  return true;
}

bool saddr__field_is_name(const char *f, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)f[i];
    if (c < 0x20 || c == 0x7f)
      return false;
  }
  return true;
}

void saddr__excerpt(const char *s, size_t n, char out[SADDR__EXCERPT_MAX]) {
  size_t k = n > 64 ? 61 : n, i;
  for (i = 0; i < k; i++) {
    unsigned char c = (unsigned char)s[i];
    out[i]          = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
  }
  if (k < n) {
    memcpy(out + i, "...", 3);
    i += 3;
  }
  out[i] = '\0';
}

/* ---- Snapshots ---------------------------------------------------------- */

uint32_t saddr__db_name_add(saddr__db_snap *s, const char *f, size_t n) {
  uint32_t at = (uint32_t)s->names_n;
  for (size_t i = 0; i < n; i++)
    s->names[s->names_n++] = (char)saddr__lower((unsigned char)f[i]);
  return at;
}

static void snap_free(saddr__db_snap *s) {
  if (!s)
    return;
  free(s->names);
  free(s->recs.p);
  free(s->addrs.p);
  free(s);
}

/* Parses a whole text with the kind's line grammar. Errors span
 * [at, at + at_len) of the caller's text (0, 0 for a text given to parse). */
static int snap_parse(const saddr__db_kind *kind, const char *text, size_t len,
                      size_t at, size_t at_len, saddr__db_snap **out,
                      saddr_error *err) {
  if (len > SADDR__DB_FILE_MAX)
    return saddr__fail(err, SADDR_ETOOLONG, at, at_len,
                       "%s file is larger than %zu bytes", kind->what,
                       SADDR__DB_FILE_MAX);
  saddr__db_snap *s  = calloc(1, sizeof *s);
  int             rc = 0;
  if (!s || !(s->names = malloc(len + 1)))
    rc = SADDR_ENOMEM;
  saddr__lines it = {text, len, 0};
  saddr__line  line;
  while (rc == 0 && saddr__lines_next(&it, &line))
    if (!line.bad)
      rc = kind->add_line(s, &line);
  if (rc < 0) {
    snap_free(s);
    return saddr__fail(err, rc, at, at_len, "out of memory reading a %s file",
                       kind->what);
  }
  if (s->recs.n > 0)
    qsort_r(s->recs.p, s->recs.n, kind->rec_size, kind->cmp, s->names);
  if (kind->finish)
    kind->finish(s);
  *out = s;
  return 0;
}

/* ---- Databases ---------------------------------------------------------- */

void *saddr__db_open(const saddr__db_kind *kind, const char *path,
                     size_t size) {
  saddr__db *db = calloc(1, size);
  if (!db)
    return NULL;
  db->kind = kind;
  db->path = strdup(path ? path : kind->default_path);
  if (!db->path || pthread_mutex_init(&db->mu, NULL) != 0) {
    free(db->path);
    free(db);
    return NULL;
  }
  return db;
}

int saddr__db_parse(const saddr__db_kind *kind, const char *text, size_t len,
                    size_t size, void **out, saddr_error *err) {
  saddr__db_snap *snap = NULL;
  if (!out || (!text && len))
    return saddr__fail(err, SADDR_EINVAL, 0, 0, "no text or no output");
  int rc = snap_parse(kind, text, len, 0, 0, &snap, err);
  if (rc < 0)
    return rc;
  saddr__db *db = calloc(1, size);
  if (!db || pthread_mutex_init(&db->mu, NULL) != 0) {
    free(db);
    snap_free(snap);
    return saddr__fail(err, SADDR_ENOMEM, 0, 0, "out of memory");
  }
  db->kind = kind;
  db->snap = snap;
  *out     = db;
  return 0;
}

void saddr__db_close(saddr__db *db) {
  if (!db)
    return;
  snap_free(db->snap);
  free(db->path);
  pthread_mutex_destroy(&db->mu);
  free(db);
}

const char *saddr__db_name(const saddr__db *db) {
  return db->path ? db->path : "(bytes)";
}

bool saddr__db_missing(const saddr__db *db) {
  return db->path && !db->stamp.present;
}

static saddr__db_stamp stamp_of(const struct stat *st) {
  saddr__db_stamp s = {true,        st->st_dev,  st->st_ino,
                       st->st_size, st->st_mtim, st->st_ctim};
  return s;
}

static bool ts_eq(struct timespec a, struct timespec b) {
  return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static bool stamp_eq(const saddr__db_stamp *a, const saddr__db_stamp *b) {
  if (a->present != b->present)
    return false;
  if (!a->present)
    return true;
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         ts_eq(a->mtime, b->mtime) && ts_eq(a->ctime, b->ctime);
}

/* One acquire's reading of the file: its errors span [at, at + at_len) of
 * the text of the lookup that asked. */
typedef struct load {
  saddr__db   *db;
  size_t       at, at_len;
  saddr_error *err;
} load;

static int sys_fail(const load *l, int e, const char *doing) {
  int rc = saddr__fail(l->err, SADDR_ESYS, l->at, l->at_len,
                       "cannot %s %s file %s: %s", doing, l->db->kind->what,
                       l->db->path, strerror(e));
  if (l->err)
    l->err->sys_errno = e;
  return rc;
}

/* Reads the whole regular file behind fd into a new buffer. */
static int read_all(const load *l, int fd, const struct stat *st, char **buf,
                    size_t *len) {
  const saddr__db *db = l->db;
  if (!S_ISREG(st->st_mode))
    return saddr__fail(l->err, SADDR_EINVAL, l->at, l->at_len,
                       "%s file %s is not a file", db->kind->what, db->path);
  if ((uintmax_t)st->st_size > SADDR__DB_FILE_MAX)
    return saddr__fail(l->err, SADDR_ETOOLONG, l->at, l->at_len,
                       "%s file %s is larger than %zu bytes", db->kind->what,
                       db->path, SADDR__DB_FILE_MAX);
  size_t size = (size_t)st->st_size, n = 0;
  char  *p = malloc(size + 1);
  if (!p)
    return saddr__fail(l->err, SADDR_ENOMEM, l->at, l->at_len, "out of memory");
  while (n < size) {
    ssize_t r = read(fd, p + n, size - n);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      int e = errno;
      free(p);
      return sys_fail(l, e, "read");
    }
    if (r == 0)
      break;
    n += (size_t)r;
  }
  *buf = p;
  *len = n;
  return 0;
}

/* Reads and parses the file; replaces the snapshot only on success, so a
 * failed reload leaves the previous contents in force and is retried. */
static int reload(const load *l) {
  saddr__db      *db    = l->db;
  saddr__db_snap *snap  = NULL;
  saddr__db_stamp stamp = {0};
  int fd = open(db->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0 && errno != ENOENT)
    return sys_fail(l, errno, "open");
  if (fd < 0) {
    int rc = snap_parse(db->kind, "", 0, l->at, l->at_len, &snap, l->err);
    if (rc < 0)
      return rc;
  } else {
    struct stat st;
    char       *buf = NULL;
    size_t      len = 0;
    int         rc  = fstat(fd, &st) < 0 ? sys_fail(l, errno, "stat")
                                         : read_all(l, fd, &st, &buf, &len);
    close(fd);
    if (rc < 0)
      return rc;
    rc = snap_parse(db->kind, buf, len, l->at, l->at_len, &snap, l->err);
    free(buf);
    if (rc < 0)
      return rc;
    stamp = stamp_of(&st);
  }
  snap_free(db->snap);
  db->snap  = snap;
  db->stamp = stamp;
  return 0;
}

static int refresh(const load *l) {
  struct stat     st;
  saddr__db_stamp now = {0};
  if (stat(l->db->path, &st) == 0)
    now = stamp_of(&st);
  else if (errno != ENOENT)
    return sys_fail(l, errno, "stat");
  if (l->db->snap && stamp_eq(&now, &l->db->stamp))
    return 0;
  return reload(l);
}

int saddr__db_acquire(saddr__db *db, size_t at, size_t at_len,
                      const saddr__db_snap **snap, saddr_error *err) {
  if (pthread_mutex_lock(&db->mu) != 0)
    return saddr__fail(err, SADDR_ESYS, at, at_len,
                       "cannot lock the %s database", db->kind->what);
  load l  = {db, at, at_len, err};
  int  rc = db->path ? refresh(&l) : 0;
  if (rc < 0) {
    pthread_mutex_unlock(&db->mu);
    return rc;
  }
  *snap = db->snap;
  return 0;
}

void saddr__db_release(saddr__db *db) { pthread_mutex_unlock(&db->mu); }
