#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "kam/regfile.h"

int
regfile_open(const char *path, int flags, struct stat *st)
{
	int o = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, fd, saved;

	if (flags & REGFILE_NOFOLLOW)
		o |= O_NOFOLLOW;
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer */
	if ((fd = open(path, o)) < 0)
		return -1;
	if (fstat(fd, st) != 0)
		saved = errno;
	else if (!S_ISREG(st->st_mode))
		saved = EINVAL;
	else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
		saved = errno;
	else
		return fd;
	close(fd);
	errno = saved;
	return -1;
}

FILE *
regfile_fopen(const char *path, int flags)
{
	struct stat st;
	FILE *f;
	int fd, saved;

	if ((fd = regfile_open(path, flags, &st)) < 0)
		return NULL;
	if ((f = fdopen(fd, "r")) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return f;
}
