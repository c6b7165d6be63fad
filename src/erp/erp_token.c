#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "erp_token.h"
#include "kam/regfile.h"
#include "kam/xalloc.h"

#define TOKEN_MAX	4096

/* Printable ASCII only: a line break would let a token add headers. */
static bool
token_ok(const char *t)
{
	if (*t == '\0')
		return false;
	for (; *t; t++)
		if (*t < 0x21 || *t > 0x7e)
			return false;
	return true;
}

static void
wipe(char *p, size_t n)
{
	volatile char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

/* The file regfile_open let through: the user's own, and private. */
static int
check_file(const struct stat *st, const char *path, struct kam_buf *err)
{
	if (st->st_uid != geteuid()) {
		buf_addf(err, "erp.token_file %s belongs to someone else; "
		    "kam reads only your own", path);
		return EX_NOPERM;
	}
	if ((st->st_mode & 077) != 0) {
		buf_addf(err, "erp.token_file %s may be read by others (mode %03o); "
		    "chmod 600 it", path, (unsigned)(st->st_mode & 0777));
		return EX_NOPERM;
	}
	if (st->st_size > TOKEN_MAX) {
		buf_addf(err, "erp.token_file %s is larger than a token", path);
		return EX_CONFIG;
	}
	return EX_OK;
}

static int
read_token_file(const char *path, char **token, struct kam_buf *err)
{
	char buf[TOKEN_MAX + 1];
	struct stat st;
	ssize_t n;
	int fd, rc;

	if ((fd = regfile_open(path, REGFILE_NOFOLLOW, &st)) < 0) {
		if (errno == ELOOP || errno == EINVAL)
			buf_addf(err, "erp.token_file %s %s", path, errno == ELOOP ?
			    "is a symbolic link, which kam does not follow" :
			    "is not a regular file");
		else
			buf_addf(err, "erp.token_file %s: %s", path, strerror(errno));
		return errno == ELOOP ? EX_NOPERM : EX_CONFIG;
	}
	if ((rc = check_file(&st, path, err)) != EX_OK) {
		close(fd);
		return rc;
	}
	n = read(fd, buf, TOKEN_MAX);
	close(fd);
	if (n < 0) {
		buf_addf(err, "erp.token_file %s: %s", path, strerror(errno));
		return EX_IOERR;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	if (!token_ok(buf)) {
		wipe(buf, sizeof buf);
		buf_addf(err, "erp.token_file %s does not hold one line of printable "
		    "characters", path);
		return EX_CONFIG;
	}
	*token = xstrdup(buf);
	wipe(buf, sizeof buf);
	return EX_OK;
}

int
erp_token_read(const char *token_file, char **token, struct kam_buf *err)
{
	const char *env = getenv("KAM_ERP_TOKEN");

	*token = NULL;
	if (env != NULL && *env != '\0') {
		if (!token_ok(env) || strlen(env) > TOKEN_MAX) {
			buf_adds(err, "KAM_ERP_TOKEN holds characters a token cannot have");
			return EX_CONFIG;
		}
		*token = xstrdup(env);
		return EX_OK;
	}
	if (token_file == NULL) {
		buf_adds(err, "no ERP token: set KAM_ERP_TOKEN or erp.token_file");
		return EX_CONFIG;
	}
	return read_token_file(token_file, token, err);
}

void
erp_token_free(char *token)
{
	if (token == NULL)
		return;
	wipe(token, strlen(token));
	free(token);
}
