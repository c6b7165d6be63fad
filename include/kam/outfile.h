/* Output files (-o FILE). A regular file, or a name where nothing is yet,
 * appears whole or not at all: data goes to a temporary file beside it,
 * renamed over it only on success and with the old file's mode and owner;
 * a failure, or SIGINT/SIGTERM/SIGHUP while one is open, leaves no
 * partial file. Anything else (a pipe, a terminal, a device, a symbolic
 * link such as /dev/stdout) is written straight, like the shell's ">":
 * it is never replaced, and a failure may leave part of the data there. */
#ifndef KAM_OUTFILE_H
#define KAM_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "kam/buf.h"

struct outfile {
	FILE	*fp;
	char	*path;		/* the target */
	char	*tmp;		/* where the data goes until committed; NULL
				 * when written straight */
	dev_t	 dev;		/* the regular file replaced, if any, to see */
	ino_t	 ino;		/* that nothing else took its place */
	bool	 existed;
	bool	 guarded;	/* its signal handlers remove the temporary file */
};

/* Returns false with the reason in err. */
bool	outfile_open(struct outfile *o, const char *path, struct kam_buf *err);
/* The same in a program whose signals are its own (the full-screen
 * client, which restores the terminal on them): no handler is set, and
 * a signal may leave the temporary file (PATH.kam-XXXXXX) behind. */
bool	outfile_open_unguarded(struct outfile *o, const char *path,
	    struct kam_buf *err);
/* Flushes, and for a regular file syncs and renames into place; false
 * (and no new file) on failure. */
bool	outfile_commit(struct outfile *o, struct kam_buf *err);
/* Throws the temporary file away (what went straight stays). */
void	outfile_abort(struct outfile *o);

#endif
