#include <errno.h>
#include <unistd.h>

#include "erp_file.h"
#include "kam/regfile.h"

bool
erp_file_read(const char *path, size_t max, struct kam_buf *out)
{
	size_t start = out->len;
	char chunk[8192];
	struct stat st;
	ssize_t n = 0;
	int fd, saved = 0;

	if ((fd = regfile_open(path, 0, &st)) < 0)
		return false;
	if ((size_t)st.st_size > max)
		saved = EFBIG;
	/* the file may grow while it is read: the limit holds all the same */
	while (saved == 0 && (n = read(fd, chunk, sizeof chunk)) > 0)
		if ((out->len - start) + (size_t)n > max)
			saved = EFBIG;
		else
			buf_add(out, chunk, (size_t)n);
	if (saved == 0 && n < 0)
		saved = errno;
	close(fd);
	errno = saved;
	return saved == 0;
}
