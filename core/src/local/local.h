/* Shared machinery of the hosts and services readers (core/src/local).
 *
 * A database is a file that is read whole and parsed into an immutable
 * snapshot. A database opened by path is loaded on first use and re-read
 * when stat(2) shows that the file changed; one parsed from bytes never
 * changes. A mutex serialises lookups against reloads, so one handle may be
 * shared by threads. dbfile.c is that skeleton; hosts.c and services.c
 * each add only their line grammar and their lookup. */
#ifndef SADDR_LOCAL_H
#define SADDR_LOCAL_H

#include "family/family.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* Files larger than this are refused rather than read into memory. */
#define SADDR__DB_FILE_MAX ((size_t)32 << 20)
/* Lines longer than this are ignored whole, never truncated. */
#define SADDR__DB_LINE_MAX 4096

/* ---- Lines and fields ------------------------------------------------------
 * A cursor over the lines of a text. Each line has its comment (from '#')
 * removed; a line that holds a NUL byte or is longer than SADDR__DB_LINE_MAX
 * comes back with `bad` set so that the parser skips it. */
typedef struct saddr__lines {
  const char *s;
  size_t      len;
  size_t      pos;
} saddr__lines;

typedef struct saddr__line {
  const char *s; /* the line without its comment and newline */
  size_t      len;
  size_t      off; /* where it starts in the text */
  bool        bad;
} saddr__line;

bool saddr__lines_next(saddr__lines *it, saddr__line *line);
/* The next blank-separated field of a line at or after *pos; false at the
 * end. Blanks are space, tab, CR, VT and FF. */
bool saddr__field_next(const saddr__line *line, size_t *pos, const char **f,
                       size_t *n);
/* A field is usable as a name when it holds no control byte. */
bool saddr__field_is_name(const char *f, size_t n);

/* A printable excerpt of untrusted bytes for messages: at most 64 bytes,
 * anything outside printable ASCII shown as '?'. */
#define SADDR__EXCERPT_MAX 68
void saddr__excerpt(const char *s, size_t n, char out[SADDR__EXCERPT_MAX]);

/* ASCII case folding: other bytes are left alone. */
static inline unsigned char saddr__lower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c | 0x20) : c;
}

/* ---- Growable arrays -------------------------------------------------- */
typedef struct saddr__vec {
  void  *p;
  size_t n;   /* elements in use */
  size_t cap; /* elements allocated */
} saddr__vec;

/* Returns a pointer to a new zeroed element at the end, or NULL when memory
 * or the size computation runs out. */
void *saddr__vec_push(saddr__vec *v, size_t elem);

/* ---- Databases -------------------------------------------------------- */

/* A parsed database: names and records, both kinds alike. */
typedef struct saddr__db_snap {
  char      *names; /* lower-cased names, back to back */
  size_t     names_n;
  saddr__vec recs;  /* the kind's records, sorted by its cmp */
  saddr__vec addrs; /* the hosts file's addresses; services have none */
} saddr__db_snap;

/* What one database has of its own: its line grammar and record order. */
typedef struct saddr__db_kind {
  const char *what;         /* "hosts" or "services", for messages */
  const char *default_path; /* used when the caller passes NULL */
  size_t      rec_size;     /* the size of one element of recs */
  /* Adds the records of one line (never a bad one) to s: 0, or
   * SADDR_ENOMEM. A line that does not follow the grammar adds nothing. */
  int (*add_line)(saddr__db_snap *s, const saddr__line *line);
  /* The order of recs, for qsort_r with s->names as its argument. */
  int (*cmp)(const void *a, const void *b, void *names);
  /* Runs once the records are sorted; may be NULL. */
  void (*finish)(saddr__db_snap *s);
} saddr__db_kind;

/* What stat(2) said about the file when it was read. */
typedef struct saddr__db_stamp {
  bool            present;
  dev_t           dev;
  ino_t           ino;
  off_t           size;
  struct timespec mtime;
  struct timespec ctime;
} saddr__db_stamp;

typedef struct saddr__db {
  pthread_mutex_t       mu;
  const saddr__db_kind *kind;
  char                 *path; /* NULL for a database parsed from bytes */
  saddr__db_snap       *snap; /* the current snapshot; NULL until loaded */
  saddr__db_stamp       stamp;
} saddr__db;

/* Opening copies the path; the file is read by the first acquire. size is
 * the public handle's (saddr_hosts, saddr_services: a struct whose first
 * and only member is a saddr__db). */
void *saddr__db_open(const saddr__db_kind *kind, const char *path, size_t size);
int   saddr__db_parse(const saddr__db_kind *kind, const char *text, size_t len,
                      size_t size, void **out, saddr_error *err);
void  saddr__db_close(saddr__db *db);

/* Locks db and brings its snapshot up to date. On success the lock is held
 * until saddr__db_release and *snap is valid until then; on failure the
 * lock is not held and the error spans [at, at + at_len) of the caller's
 * text: the name looked up, or 0, 0 when the caller's text is only that
 * name. A missing file reads as an empty database. */
int  saddr__db_acquire(saddr__db *db, size_t at, size_t at_len,
                       const saddr__db_snap **snap, saddr_error *err);
void saddr__db_release(saddr__db *db);
/* The path for messages ("(bytes)" for a database parsed from bytes). */
const char *saddr__db_name(const saddr__db *db);
/* Whether the file was absent when last looked at. */
bool saddr__db_missing(const saddr__db *db);

/* Appends the name f (n bytes), lower-cased, to s->names and returns where
 * it starts. The buffer is as long as the text, so it has room. */
uint32_t saddr__db_name_add(saddr__db_snap *s, const char *f, size_t n);

/* ---- The two databases ------------------------------------------------ */

/* The file name of a hosts handle, for messages. */
const char *saddr__hosts_name(const saddr_hosts *h);
/* saddr_hosts_lookup for a name that stands at [at, at+at_len) of a
 * caller's input (a spec's host, perhaps after IDNA): every error about
 * the name or the file is reported there. */
int saddr__hosts_find(saddr_hosts *h, const char *name, size_t len, size_t at,
                      size_t at_len, int family, saddr_addr *out, size_t cap,
                      size_t *count, saddr_error *err);

/* The one service completion that bind and the resolver share: a parse
 * deferred on a service name (SADDR_NEED_SERVICE) gets its port from s,
 * looked up for the socket type and protocol of its addresses (of the parse
 * itself when it has none); the port goes into p->port and into every IP
 * address in p->addr. Every failure spans the service name in the parsed
 * text. */
int saddr__service_complete(saddr_services *s, saddr_parsed *p,
                            saddr_error *err);

#endif
