/* Output files that appear whole or not at all: data goes to a temporary
 * file beside the target, renamed over it only on success. A failure, or
 * SIGINT/SIGTERM/SIGHUP while one is open, leaves no partial file. */
#ifndef KAM_OUTFILE_H
#define KAM_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "kam/buf.h"

struct outfile {
	FILE	*fp;
	char	*path;		/* the target */
	char	*tmp;		/* where the data goes until committed */
};

/* Returns false with the reason in err. */
bool	outfile_open(struct outfile *o, const char *path, struct kam_buf *err);
/* Flushes, syncs and renames into place; false (and no file) on failure. */
bool	outfile_commit(struct outfile *o, struct kam_buf *err);
/* Throws the temporary file away. */
void	outfile_abort(struct outfile *o);

#endif
