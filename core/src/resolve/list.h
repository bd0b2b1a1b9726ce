/* The resolver's one intrusive list: doubly linked, with a head and a
 * tail, its links inside the elements (no allocation, O(1) unlink). The
 * request table keeps live requests in deadline order with it (request.c),
 * the answer cache its entries in LRU order (cache.c) and the transport
 * the queries c-ares holds (transport.c). */
#ifndef SADDR_RESOLVE_LIST_H
#define SADDR_RESOLVE_LIST_H

#include <stddef.h>

typedef struct saddr__link {
  struct saddr__link *prev, *next; /* NULL at the ends */
} saddr__link;

typedef struct saddr__list {
  saddr__link *head, *tail; /* both NULL when empty */
} saddr__list;

/* The element that holds link l (not NULL) as its member `member`. */
#define SADDR__ELEM(l, type, member)                                           \
  ((type *)(void *)((char *)(l)-offsetof(type, member)))

/* Puts n after `after`, which is on the list; at the head when after is
 * NULL. */
static inline void saddr__list_insert(saddr__list *list, saddr__link *after,
                                      saddr__link *n) {
  n->prev = after;
  n->next = after ? after->next : list->head;
  if (n->next)
    n->next->prev = n;
  else
    list->tail = n;
  if (after)
    after->next = n;
  else
    list->head = n;
}

/* Takes n, which is on the list, off it. */
static inline void saddr__list_unlink(saddr__list *list, saddr__link *n) {
  if (n->prev)
    n->prev->next = n->next;
  else
    list->head = n->next;
  if (n->next)
    n->next->prev = n->prev;
  else
    list->tail = n->prev;
  n->prev = n->next = NULL;
}

#endif
