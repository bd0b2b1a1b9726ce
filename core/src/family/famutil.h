/* Helpers shared by the non-IP family modules (famutil.c). */
#ifndef SADDR_FAMILY_FAMUTIL_H
#define SADDR_FAMILY_FAMUTIL_H

#include "family/family.h"

/* ---- Tuple forms ----------------------------------------------------------
 * saddr__fam_shape: t is a real tuple of min..max items; usage is the form
 * as messages show it, "(pid, groups)". The integer readers take INT, BOOL
 * and constants up to max. */
int saddr__fam_shape(const saddr__ctx *c, const saddr__tuple *t,
                     const char *fam, size_t min, size_t max,
                     const char *usage);
int saddr__fam_uint(const saddr__ctx *c, const saddr__item *it, uint64_t max,
                    const char *what, uint64_t *v);
int saddr__fam_u32(const saddr__ctx *c, const saddr__item *it, const char *what,
                   uint32_t *v);
/* A NAME item spelling name, with or without "socket.". */
bool saddr__fam_is_name(const saddr__ctx *c, const saddr__item *it,
                        const char *name);

/* ---- Interfaces -----------------------------------------------------------
 * In a tuple: a name ('' is index 0) or an integer index; accept and
 * escmode as for saddr__item_text. In compact text: empty is 0, digits an
 * index, anything else a name. Formatted: '' for 0, the name, or the
 * number. */
int  saddr__fam_if_item(const saddr__ctx *c, const saddr__item *it,
                        unsigned accept, unsigned escmode, int *index);
int  saddr__fam_if_text(const saddr__ctx *c, size_t off, size_t n, int *index);
void saddr__fam_put_if(saddr__buf *b, int index, int style);

/* ---- Compact bodies -------------------------------------------------------
 * A cursor over [i, end) of a compact body whose fields are ':'-separated:
 * _field takes the next field, _rest everything left (':' included), _need
 * a required field, _done fails on leftovers. */
typedef struct saddr__fam_cur {
  const char *s;
  size_t      i, end;
  bool        more; /* a field remains (possibly empty, after a ':') */
} saddr__fam_cur;

saddr__fam_cur saddr__fam_cursor(const saddr__ctx *c, size_t off, size_t n);
bool           saddr__fam_field(saddr__fam_cur *k, size_t *off, size_t *n);
bool           saddr__fam_rest(saddr__fam_cur *k, size_t *off, size_t *n);
int saddr__fam_need(const saddr__ctx *c, saddr__fam_cur *k, const char *what,
                    size_t *off, size_t *n);
int saddr__fam_done(const saddr__ctx *c, const saddr__fam_cur *k,
                    const char *form);
/* Decimal without sign or leading zeros, or 0x and 1-16 hex digits. */
int saddr__fam_num(const saddr__ctx *c, size_t off, size_t n, uint64_t max,
                   const char *what, uint64_t *v);
/* Index of [s, s+n) in names[0..count), or -1. */
int saddr__fam_word(const char *s, size_t n, const char *const *names,
                    int count);
/* Escaped compact text (a @name, a unix@ path, an AF_ALG name): the bytes
 * literal escapes, bytes >= 0x80 as they are, no raw NUL. *outlen is the
 * decoded length even past cap (SADDR_ETOOLONG). */
int saddr__fam_unescape(const saddr__ctx *c, size_t off, size_t n,
                        unsigned char *out, size_t cap, size_t *outlen);

/* ---- Formatting -----------------------------------------------------------
 * _load copies the sockaddr into a zeroed struct of size bytes and refuses
 * one shorter than need; _put_hexw writes 0x and at least width digits;
 * _put_item ", N" (tuple) and _put_field ":N" (compact). */
int  saddr__fam_load(const saddr__fmt_in *in, void *dst, size_t size,
                     size_t need, const char *fam);
void saddr__fam_put_hexw(saddr__buf *b, uint64_t v, int width);
void saddr__fam_put_item(saddr__buf *b, uint64_t v);
void saddr__fam_put_field(saddr__buf *b, uint64_t v);

#endif
