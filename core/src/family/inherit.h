/* The `fd@N` / `sd@NAME` reference (family/inherit.c): what saddr_parse
 * returns for an inherited socket, before the bind helper resolves it. */
#ifndef SADDR_FAMILY_INHERIT_H
#define SADDR_FAMILY_INHERIT_H

#include "family/family.h"

/* The bytes of a reference in saddr_addr.sa. Its family field holds
 * SADDR_AF_INHERIT, which no kernel family uses; len covers the name's
 * bytes only. Every field is carried by the text, so a reference formats
 * and parses back to the same bytes. */
typedef struct saddr__ref {
  sa_family_t af;      /* SADDR_AF_INHERIT */
  uint8_t     kind;    /* SADDR_INHERIT_* */
  uint8_t     namelen; /* SD_NAME; 0 otherwise */
  int32_t     number;  /* FD (3 and up), SD_INDEX; -1 for SD_NAME */
  int32_t     family;  /* expected; AF_UNSPEC: any */
  char        name[SADDR_INHERIT_NAME_MAX];
} saddr__ref;

/* True when compact text [0, n) is a reference: `fd@` or `sd@`, after at
 * most two `WORD+` prefixes (socket type, family). */
bool saddr__inherit_text(const char *s, size_t n);

/* Reads a reference from the whole of c's text into out->addr[0].
 * type_given: the caller's hints named the socket type. */
int saddr__inherit_compact(const saddr__ctx *c, bool type_given,
                           saddr_parsed *out);

/* Copies the reference out of a (false when a is none). */
bool saddr__ref_get(const saddr_addr *a, saddr__ref *r);

#endif
