/* saddr's own DNS message reader and query writer (dnsmsg.c). Pure
 * functions over (pointer, length): no allocation except the answer's
 * address array, no c-ares, no I/O. Every read goes through a bounded
 * cursor, so a hostile message can only make them fail. */
#ifndef SADDR_DNSMSG_H
#define SADDR_DNSMSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SADDR__DNS_HEADER   12
#define SADDR__DNS_NAME_MAX 255  /* a name in wire form, root label included */
#define SADDR__DNS_CHAIN    16   /* CNAME links followed, at most */
#define SADDR__DNS_PAYLOAD  1232 /* the EDNS0 UDP payload saddr offers */
#define SADDR__DNS_T_A      1
#define SADDR__DNS_T_CNAME  5
#define SADDR__DNS_T_AAAA   28
#define SADDR__DNS_T_OPT    41

/* A name in wire form (length-prefixed labels ending with the root label),
 * ASCII letters folded to lower case so that names compare with memcmp. */
typedef struct saddr__dname {
  size_t        len;
  unsigned char b[SADDR__DNS_NAME_MAX];
} saddr__dname;

/* One address an answer gives for the name asked. */
typedef struct saddr__dns_addr {
  uint32_t      ttl; /* the smallest TTL on its way through the chain */
  unsigned char a[16];
} saddr__dns_addr;

/* What a reply means for one (name, type) question. */
typedef struct saddr__dns_answer {
  int              rcode;
  bool             tc;
  size_t           count; /* addresses in addr[] */
  saddr__dns_addr *addr;  /* malloc'ed (NULL when count is 0) */
  /* The end of the CNAME chain as text, "" when that is not a valid host
   * name (LDH labels only) or when the chain is empty. */
  char canonical[SADDR__DNS_NAME_MAX + 1];
} saddr__dns_answer;

/* Results of the reader. */
#define SADDR__DNS_OK        0
#define SADDR__DNS_MALFORMED (-1) /* truncated, bad pointers, bad lengths */
#define SADDR__DNS_MISMATCH  (-2) /* not a reply to that question */
#define SADDR__DNS_NOMEM     (-3)

/* Converts a host name (text, len bytes, an optional trailing dot) to wire
 * form. Returns false when it is not a name DNS can carry. */
bool saddr__dname_from_text(const char *text, size_t len, saddr__dname *out);

/* Writes a recursive query for (name, qtype) with an EDNS0 OPT record
 * offering SADDR__DNS_PAYLOAD bytes. Returns its length, 0 if cap is too
 * small. */
size_t saddr__dns_query(const saddr__dname *name, int qtype, uint16_t id,
                        unsigned char *out, size_t cap);

/* Reads the header and the one question of a message (query or reply):
 * its id, the question (folded), its type, and where the question ends.
 * Returns SADDR__DNS_OK, SADDR__DNS_MALFORMED, or SADDR__DNS_MISMATCH when
 * it has not exactly one question of class IN. */
int saddr__dns_peek(const unsigned char *msg, size_t len, uint16_t *id,
                    saddr__dname *qname, int *qtype, size_t *qend);

/* Reads a whole reply to (qname, qtype) (qname NULL: to its own question);
 * SADDR__DNS_MISMATCH when it is not a reply (QR clear, opcode not QUERY)
 * or answers another question. With out NULL it only checks that
 * every section is well formed. Otherwise fills *out (free out->addr with
 * free()): the addresses of type qtype owned by qname or by a member of its
 * CNAME chain, without duplicates, in message order. */
int saddr__dns_read(const unsigned char *msg, size_t len,
                    const saddr__dname *qname, int qtype,
                    saddr__dns_answer *out);

/* A 64-bit hash of a folded name and a type, for matching replies. */
uint64_t saddr__dns_qhash(const saddr__dname *name, int qtype);

#endif
