/* Runs a program as a child process, without a shell: its argument
 * vector goes to execve as it is, so no value is ever read as shell
 * syntax. */
#ifndef KAM_SPAWN_H
#define KAM_SPAWN_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

struct spawn_io {
	const char	*path;		/* the program; NULL: argv[0] */
	const char	*in;		/* fed to its standard input */
	size_t		 in_len;
	int		 out_fd;	/* its standard output; -1: /dev/null */
	char *const	*env;		/* NULL: the caller's environment */
};

/* Runs io->path or argv[0] (found on PATH when it has no slash) with io and waits for it. True when it
 * exited with status 0; else false with the reason in err, its standard
 * error (controls made visible) after it. *missing is set when the
 * program is not there at all. */
bool	spawn_wait(char *const argv[], const struct spawn_io *io,
	    struct kam_buf *err, bool *missing);

/* Whether name is an executable on PATH. */
bool	spawn_found(const char *name);

#endif
