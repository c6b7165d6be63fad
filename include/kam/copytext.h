/* PostgreSQL's text COPY format read back: a line split into its fields,
 * backslash escapes undone in place, \N as SQL NULL. */
#ifndef KAM_COPYTEXT_H
#define KAM_COPYTEXT_H

#include <stdbool.h>
#include <stddef.h>

struct copy_field {
	char	*data;	/* inside the line; not NUL-terminated */
	size_t	 len;
	bool	 null;
};

/* Splits the len bytes of line (a final newline is ignored) into fields,
 * rewriting the line in place. Returns the number of fields, or 0 when the
 * line has more than max of them. */
size_t	copytext_split(char *line, size_t len, struct copy_field *f, size_t max);

#endif
