/* The folders of what the client writes for the user (datadir.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kam/datadir.h"

bool
data_dir(const char *what, struct kam_buf *dir, struct kam_buf *err)
{
	const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (data != NULL && *data == '/')
		buf_adds(dir, data);
	else if (home != NULL && *home == '/')
		buf_addf(dir, "%s/.local/share", home);
	else {
		buf_adds(err, "neither XDG_DATA_HOME nor HOME names a folder");
		return false;
	}
	buf_addf(dir, "/kam/%s", what);
	for (char *p = dir->data + 1; ; p++) {
		bool end = *p == '\0';

		if (*p != '/' && !end)
			continue;
		*p = '\0';
		if (mkdir(dir->data, 0700) != 0 && errno != EEXIST) {
			buf_addf(err, "cannot make %s: %s", dir->data,
			    strerror(errno));
			return false;
		}
		if (end)
			return true;
		*p = '/';
	}
}
