/* Allocation that never returns NULL: kam cannot do anything useful without
 * memory, so running out ends the process with a message (as tmux does). */
#ifndef KAM_XALLOC_H
#define KAM_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);              /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
/* Frees n strings and the array that holds them. */
void  strv_free(char **v, size_t n);

#endif
