/* Opening a file kam reads (a token, a theme, a profile, a draft) so that
 * a FIFO or a device at its path cannot block or feed kam: the open never
 * waits, and anything but a regular file is refused. */
#ifndef KAM_REGFILE_H
#define KAM_REGFILE_H

#include <stdio.h>
#include <sys/stat.h>

enum {
	REGFILE_NOFOLLOW = 1	/* refuse a symbolic link (errno ELOOP) */
};

/* A descriptor open for reading, close-on-exec, with *st filled; or -1
 * with errno set, EINVAL for what is not a regular file. */
int	 regfile_open(const char *path, int flags, struct stat *st);
/* The same as a stream ("r"); NULL with errno set. */
FILE	*regfile_fopen(const char *path, int flags);

#endif
