/* The kam.conf reader: "[section]" headers, "key = value" lines, whole-line
 * "#" comments, values optionally in double quotes. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/conf.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

#define LINE_MAX_BYTES 4096

struct reader {
	const char	*path;
	int		 line;
	char		 section[32];
	struct kam_buf	*err;
};

static bool
fail(struct reader *r, const char *msg, const char *arg)
{
	struct kam_buf safe;

	buf_init(&safe);
	if (arg != NULL)
		utf8_sanitize(&safe, arg, strlen(arg));
	buf_addf(r->err, "%s:%d: %s%s%s%s", r->path, r->line, msg,
	    arg ? " '" : "", safe.data, arg ? "'" : "");
	buf_free(&safe);
	return false;
}

static char *
trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static bool
known_section(const char *name)
{
	const struct conf_option *o;
	size_t n, len = strlen(name);

	o = conf_options(&n);
	for (size_t i = 0; i < n; i++)
		if (strncmp(o[i].name, name, len) == 0 && o[i].name[len] == '.')
			return true;
	return false;
}

static bool
read_section(struct reader *r, char *s)
{
	char *end = strchr(s, ']');
	char *name;

	if (end == NULL || trim(end + 1)[0] != '\0')
		return fail(r, "expected [section]", NULL);
	*end = '\0';
	name = trim(s + 1);
	if (!known_section(name))
		return fail(r, "unknown section", name);
	snprintf(r->section, sizeof r->section, "%s", name);
	return true;
}

/* Removes the quotes of "..." in place, honouring \" and \\. */
static bool
unquote(struct reader *r, char *v)
{
	char *in = v + 1, *out = v;

	for (; *in != '\0' && *in != '"'; in++) {
		if (*in == '\\' && (in[1] == '"' || in[1] == '\\'))
			in++;
		*out++ = *in;
	}
	if (*in != '"' || in[1] != '\0')
		return fail(r, "unterminated or trailing text after quoted value",
		    NULL);
	*out = '\0';
	return true;
}

static bool
read_setting(struct reader *r, struct kam_conf *c, char *s)
{
	char *eq = strchr(s, '='), *key, *value;
	char name[96];
	struct kam_buf why;
	bool ok;

	if (eq == NULL)
		return fail(r, "expected key = value", NULL);
	*eq = '\0';
	key = trim(s);
	value = trim(eq + 1);
	if (r->section[0] == '\0')
		return fail(r, "setting outside a [section]:", key);
	if (*key == '\0')
		return fail(r, "missing key before '='", NULL);
	if (value[0] == '"' && !unquote(r, value))
		return false;
	snprintf(name, sizeof name, "%s.%s", r->section, key);
	buf_init(&why);
	ok = conf_set(c, name, value, &why);
	if (!ok)
		fail(r, why.data, NULL);
	buf_free(&why);
	return ok;
}

static bool
read_line(struct reader *r, struct kam_conf *c, char *line, size_t len)
{
	char *s;

	if (len > LINE_MAX_BYTES)
		return fail(r, "line too long", NULL);
	if (strlen(line) != len)
		return fail(r, "NUL byte in line", NULL);
	if (!utf8_valid(line, len))
		return fail(r, "invalid UTF-8", NULL);
	s = trim(line);
	if (*s == '\0' || *s == '#')
		return true;
	if (*s == '[')
		return read_section(r, s);
	return read_setting(r, c, s);
}

/* One line into line (LINE_MAX_BYTES + 1 bytes), without its '\n'.
 * Reading stops at the cap, so a file without line breaks (/dev/zero) is
 * not read whole first. Returns the length, LINE_MAX_BYTES + 1 for a
 * line too long, or -1 at the end. */
static ssize_t
read_capped(FILE *f, char *line)
{
	size_t n = 0;
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (n == LINE_MAX_BYTES)
			return LINE_MAX_BYTES + 1;
		line[n++] = (char)c;
	}
	if (c == EOF && n == 0)
		return -1;
	line[n] = '\0';
	return (ssize_t)n;
}

/* Editors on Windows start UTF-8 files with a byte order mark. */
static size_t
bom_length(const char *line, size_t len)
{
	return len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

bool
conf_load_file(struct kam_conf *c, const char *path, bool must_exist,
    struct kam_buf *err)
{
	struct reader r = { .path = path, .err = err };
	char line[LINE_MAX_BYTES + 1];
	size_t skip;
	ssize_t n;
	FILE *f;
	bool ok = true;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !must_exist)
			return true;
		buf_addf(err, "%s: %s", path, strerror(errno));
		return false;
	}
	while (ok && (n = read_capped(f, line)) != -1) {
		if (++r.line == 1 && n <= LINE_MAX_BYTES)
			skip = bom_length(line, (size_t)n);
		else
			skip = 0;
		if (n > 0 && n <= LINE_MAX_BYTES && line[n - 1] == '\r')
			line[--n] = '\0';
		ok = read_line(&r, c, line + skip, (size_t)n - skip);
	}
	if (ok && ferror(f)) {
		buf_addf(err, "%s: %s", path, strerror(errno));
		ok = false;
	}
	fclose(f);
	if (ok) {
		free(c->path);
		c->path = xstrdup(path);
	}
	return ok;
}
