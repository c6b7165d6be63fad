#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kam/conf.h"
#include "kam/datafile.h"

#ifndef KAM_PKGDATADIR
#define KAM_PKGDATADIR	"/usr/local/share/kam"
#endif

/* Whether this program is the kam that was built in KAM_BUILDDIR rather
 * than an installed copy: only then are the source tree's files its own.
 * An installed kam never reads a build tree that happens to remain. */
static bool
in_build_tree(void)
{
#if defined(KAM_BUILDDIR) && defined(KAM_SRCDIR)
	char exe[PATH_MAX], *slash, *built;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	bool same;

	if (n <= 0)
		return false;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return false;
	*slash = '\0';
	if ((built = realpath(KAM_BUILDDIR, NULL)) == NULL)
		return false;
	same = strcmp(exe, built) == 0;
	free(built);
	return same;
#else
	return false;
#endif
}

const char *
datafile_dir(void)
{
	const char *env = getenv("KAM_DATADIR");

	if (env != NULL && *env != '\0')
		return env;
#ifdef KAM_SRCDIR
	if (in_build_tree())
		return KAM_SRCDIR;
#endif
	return KAM_PKGDATADIR;
}

/* The user's own folder: where kam.conf is, $XDG_CONFIG_HOME/kam. */
static bool
user_dir(struct kam_buf *dir)
{
	char *conf = conf_default_path(), *slash;

	if (conf != NULL && (slash = strrchr(conf, '/')) != NULL)
		buf_add(dir, conf, (size_t)(slash - conf));
	free(conf);
	return dir->len > 0;
}

bool
datafile_find(const char *kind, const char *name, struct kam_buf *path)
{
	struct kam_buf own;
	struct stat st;
	bool found;

	buf_init(&own);
	buf_reset(path);
	if (user_dir(&own)) {
		buf_addf(&own, "/%s/%s", kind, name);
		if (stat(own.data, &st) == 0) {
			buf_adds(path, own.data);
			buf_free(&own);
			return true;
		}
	}
	buf_addf(path, "%s/%s/%s", datafile_dir(), kind, name);
	found = stat(path->data, &st) == 0;
	if (!found && own.len > 0) {
		/* where kam looked, the user's folder first */
		buf_reset(path);
		buf_addf(path, "%s or %s/%s/%s", own.data, datafile_dir(), kind, name);
	}
	buf_free(&own);
	return found;
}
