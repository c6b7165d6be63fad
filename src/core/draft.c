#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kam/copytext.h"
#include "kam/draft.h"
#include "kam/regfile.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

#define MAGIC "kam-draft 1"
#define KEY_MAX 64

void
draft_init(struct kam_draft *d)
{
	memset(d, 0, sizeof *d);
}

void
draft_free(struct kam_draft *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->item[i].key);
		free(d->item[i].value);
	}
	free(d->item);
	memset(d, 0, sizeof *d);
}

static struct draft_item *
find(const struct kam_draft *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->item[i].key, key) == 0)
			return &d->item[i];
	return NULL;
}

void
draft_set(struct kam_draft *d, const char *key, const char *value)
{
	struct draft_item *it = find(d, key);

	if (it != NULL && value == NULL) {
		free(it->key);
		free(it->value);
		*it = d->item[--d->n];
		return;
	}
	if (value == NULL)
		return;
	if (it == NULL) {
		d->item = xrealloc(d->item, (d->n + 1) * sizeof *d->item);
		it = &d->item[d->n++];
		it->key = xstrdup(key);
	} else
		free(it->value);
	it->value = xstrdup(value);
}

const char *
draft_get(const struct kam_draft *d, const char *key)
{
	const struct draft_item *it = find(d, key);

	return it ? it->value : NULL;
}

void
draft_format(const struct kam_draft *d, struct kam_buf *out)
{
	buf_adds(out, MAGIC "\n");
	for (size_t i = 0; i < d->n; i++) {
		buf_addf(out, "%s\t", d->item[i].key);
		copytext_escape(out, d->item[i].value, strlen(d->item[i].value));
		buf_addc(out, '\n');
	}
}

static bool
key_ok(const char *s, size_t len)
{
	if (len == 0 || len > KEY_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_.-", s[i]) ||
		    s[i] == '\0')
			return false;
	return true;
}

/* One "KEY<tab>VALUE" line (rewritten in place) into d; false with the
 * reason in err. */
static bool
parse_line(char *s, size_t len, struct kam_draft *d, struct kam_buf *err)
{
	struct copy_field f[2];
	struct kam_buf key, value;
	bool ok = false;

	buf_init(&key);
	buf_init(&value);
	if (copytext_split(s, len, f, 2) != 2 || f[0].null || f[1].null ||
	    !key_ok(f[0].data, f[0].len)) {
		buf_adds(err, "not a KEY<tab>VALUE line");
		goto out;
	}
	buf_add(&key, f[0].data, f[0].len);
	buf_add(&value, f[1].data, f[1].len);
	if (find(d, key.data) != NULL)
		buf_addf(err, "%s given twice", key.data);
	else if (d->n >= DRAFT_MAX_ITEMS)
		buf_adds(err, "too many lines");
	else if (memchr(value.data, '\0', value.len) != NULL ||
	    !utf8_valid(value.data, value.len))
		buf_addf(err, "%s: not UTF-8 text", key.data);
	else {
		draft_set(d, key.data, value.data);
		ok = true;
	}
out:
	buf_free(&key);
	buf_free(&value);
	return ok;
}

bool
draft_parse(const char *text, size_t len, struct kam_draft *d,
    struct kam_buf *err)
{
	struct kam_buf line;
	const char *nl;
	size_t lineno = 1, off, n;
	bool ok = true;

	draft_init(d);
	if (len > DRAFT_MAX_BYTES || memchr(text, '\0', len) != NULL) {
		buf_adds(err, "too large, or not text");
		return false;
	}
	nl = memchr(text, '\n', len);
	if (nl == NULL || (size_t)(nl - text) != strlen(MAGIC) ||
	    memcmp(text, MAGIC, strlen(MAGIC)) != 0) {
		buf_adds(err, "line 1: not a kam draft of version 1");
		return false;
	}
	buf_init(&line);
	for (off = (size_t)(nl - text) + 1; ok && off < len; off += n + 1) {
		lineno++;
		nl = memchr(text + off, '\n', len - off);
		n = nl ? (size_t)(nl - (text + off)) : len - off;
		buf_reset(&line);
		buf_add(&line, text + off, n);
		buf_addf(err, "line %zu: ", lineno);
		if ((ok = parse_line(line.data, line.len, d, err)))
			buf_reset(err);
	}
	buf_free(&line);
	if (!ok)
		draft_free(d);
	return ok;
}

/* Makes path (mode 0700) unless it is there. */
static bool
make_dir(const char *path, struct kam_buf *err)
{
	struct stat st;

	if (mkdir(path, 0700) != 0 && errno != EEXIST) {
		buf_addf(err, "cannot make %s: %s", path, strerror(errno));
		return false;
	}
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		buf_addf(err, "%s is not a folder", path);
		return false;
	}
	return true;
}

static bool
make_dirs(struct kam_buf *path, struct kam_buf *err)
{
	for (size_t i = 1; i <= path->len; i++) {
		if (path->data[i] != '/' && path->data[i] != '\0')
			continue;
		path->data[i] = '\0';
		if (!make_dir(path->data, err))
			return false;
		path->data[i] = i < path->len ? '/' : '\0';
	}
	return true;
}

/* The drafts folder itself holds what people typed: this user's only. */
static bool
private_dir(const char *path, struct kam_buf *err)
{
	struct stat st;

	if (stat(path, &st) != 0 || st.st_uid != geteuid()) {
		buf_addf(err, "%s does not belong to you", path);
		return false;
	}
	if ((st.st_mode & 077) != 0 && chmod(path, 0700) != 0) {
		buf_addf(err, "cannot make %s private: %s", path, strerror(errno));
		return false;
	}
	return true;
}

bool
draft_dir(struct kam_buf *dir, struct kam_buf *err)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	buf_reset(dir);
	if (state != NULL && state[0] == '/')
		buf_adds(dir, state);
	else if (home != NULL && home[0] == '/')
		buf_addf(dir, "%s/.local/state", home);
	else {
		buf_adds(err, "neither XDG_STATE_HOME nor HOME is set: drafts "
		    "cannot be kept");
		return false;
	}
	while (dir->len > 1 && dir->data[dir->len - 1] == '/')
		dir->data[--dir->len] = '\0';
	buf_adds(dir, "/kam/drafts");
	return make_dirs(dir, err) &&
	    private_dir(dir->data, err);
}

static bool
write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, s, len)) < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

bool
draft_write(const char *path, const struct kam_draft *d, struct kam_buf *err)
{
	struct kam_buf text, tmp;
	bool ok;
	int fd;

	buf_init(&text);
	buf_init(&tmp);
	draft_format(d, &text);
	buf_addf(&tmp, "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp.data)) < 0) {
		buf_addf(err, "cannot write the draft %s: %s", path, strerror(errno));
		ok = false;
		goto out;
	}
	ok = write_all(fd, text.data, text.len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp.data, path) == 0;
	if (!ok) {
		buf_addf(err, "cannot write the draft %s: %s", path, strerror(errno));
		unlink(tmp.data);
	}
out:
	buf_free(&text);
	buf_free(&tmp);
	return ok;
}

/* Reads the open file fd whole, at most DRAFT_MAX_BYTES. */
static bool
read_fd(int fd, struct kam_buf *out)
{
	char chunk[8192];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || out->len + (size_t)n > DRAFT_MAX_BYTES)
			return false;
		buf_add(out, chunk, (size_t)n);
	}
	return true;
}

bool
draft_read(const char *path, struct kam_draft *d, struct kam_buf *err)
{
	struct kam_buf text, why;
	struct stat st;
	bool ok = false;
	int fd;

	draft_init(d);
	buf_init(&text);
	buf_init(&why);
	if ((fd = regfile_open(path, REGFILE_NOFOLLOW, &st)) < 0)
		buf_adds(&why, errno == EINVAL ? "not a regular file" :
		    strerror(errno));
	else if (st.st_uid != geteuid() || (st.st_mode & 077) != 0)
		buf_adds(&why, "not private to you (mode 0600, yours)");
	else if (!read_fd(fd, &text))
		buf_adds(&why, "cannot be read whole (too large?)");
	else
		ok = draft_parse(text.data, text.len, d, &why);
	if (fd >= 0)
		close(fd);
	if (!ok)
		buf_addf(err, "%s: %s", path, why.data);
	buf_free(&text);
	buf_free(&why);
	return ok;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t
draft_list(const char *dir, char ***paths)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	struct kam_buf p;
	size_t n = 0, len;

	*paths = NULL;
	if (dp == NULL)
		return 0;
	buf_init(&p);
	while ((e = readdir(dp)) != NULL && n < DRAFT_MAX_ITEMS) {
		len = strlen(e->d_name);
		if (len <= 6 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 6, ".draft") != 0)
			continue;
		buf_reset(&p);
		buf_addf(&p, "%s/%s", dir, e->d_name);
		*paths = xrealloc(*paths, (n + 1) * sizeof **paths);
		(*paths)[n++] = xstrdup(p.data);
	}
	closedir(dp);
	buf_free(&p);
	if (n > 0)
		qsort(*paths, n, sizeof **paths, by_name);
	return n;
}

