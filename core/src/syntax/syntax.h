/* The syntax layer: the Python-tuple reader and its field readers
 * (tuple.c), symbolic constants and socket-type words (const.c), and the
 * parse context every family reader gets. parse.c, the entry point, sits on
 * top of the family table (family/family.h). */
#ifndef SADDR_SYNTAX_SYNTAX_H
#define SADDR_SYNTAX_SYNTAX_H

#include "text/text.h"

/* ---- The tuple reader (tuple.c) ------------------------------------------ */
enum saddr__kind {
  SADDR__INT,
  SADDR__STR,
  SADDR__BYTES,
  SADDR__BOOL,
  SADDR__NONE,
  SADDR__NAME /* a symbolic constant, looked up by the field reader */
};

typedef struct saddr__item {
  uint8_t  kind;
  bool     neg;                /* INT, NAME: a unary minus applies */
  bool     big;                /* INT: the magnitude does not fit in 64 bits */
  bool     raw;                /* STR/BYTES: r prefix */
  bool     escapes;            /* STR/BYTES: the body holds a backslash */
  size_t   off, len;           /* the whole token in the input */
  size_t   body_off, body_len; /* STR/BYTES between the quotes; NAME text */
  uint64_t mag;                /* INT magnitude, BOOL 0/1 */
} saddr__item;

#define SADDR__TUPLE_MAX 8
typedef struct saddr__tuple {
  size_t      n;
  bool        is_tuple; /* (a, ...) or (); false for a bare value */
  size_t      off, len; /* the whole literal */
  saddr__item item[SADDR__TUPLE_MAX];
} saddr__tuple;

int saddr__tuple_read(const char *s, size_t len, saddr__tuple *t,
                      saddr_error *err);

/* Field readers. `what` names the field in messages ("port", "flowinfo").
 * Integers accept INT, BOOL and NAME (constants), signed or not; every
 * integer field of every family is unsigned, so the value must lie in
 * [0, max] or the error is SADDR_ERANGE with "<what> must be 0-<max>". */
int saddr__item_uint(const char *s, const saddr__item *it, uint64_t max,
                     const char *what, uint64_t *v, saddr_error *err);
/* Text fields: accept is a mask of (1u << SADDR__STR) | (1u << SADDR__BYTES).
 * The decoded value goes to out (cap bytes); longer is SADDR_ETOOLONG. */
#define SADDR__ACCEPT_STR   (1u << SADDR__STR)
#define SADDR__ACCEPT_BYTES (1u << SADDR__BYTES)
int saddr__item_text(const char *s, const saddr__item *it, unsigned accept,
                     unsigned escmode, const char *what, unsigned char *out,
                     size_t cap, size_t *outlen, saddr_error *err);
const char *saddr__kind_name(int kind);

/* ---- The parse context ----------------------------------------------------
 * What every family reader gets: the whole input (offsets in errors are
 * into it), the caller's hints with defaults applied, and the error slot. */
typedef struct saddr__ctx {
  const char  *s;
  size_t       len;
  int          family; /* AF_UNSPEC or forced by hints or a prefix */
  int          type;   /* never 0 */
  int          protocol;
  unsigned     flags; /* saddr_hints.flags */
  uint16_t     default_port;
  saddr_error *err;
} saddr__ctx;

/* An internal hints flag: skip the fast path (tests compare both paths). */
#define SADDR__GENERAL 0x80000000u

/* ---- Constants and words (const.c) ----------------------------------------
 * One table of symbolic names; "socket." prefixes are stripped by the
 * lookup. */
typedef struct saddr__const {
  const char *name;
  long long   value;
} saddr__const;
int saddr__const_lookup(const char *name, size_t len, long long *value);
/* The non-IP families' own names, which the lookup also searches (defined
 * beside the families, in family/consts.c). */
extern const saddr__const saddr__family_consts[];
extern const size_t       saddr__family_consts_n;

/* A socket-type word of the compact syntax ("dgram" in "dgram+…") at
 * [off, off + w): 1 and *type when it is one, 0 when it is not, or an error
 * when the hints already chose another type (type_given). */
int saddr__socktype_word(const saddr__ctx *c, size_t off, size_t w,
                         bool type_given, int *type);

#endif
