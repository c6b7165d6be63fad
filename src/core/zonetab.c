/* A country's time zones from tzdata's table (kam/zonetab.h), read a
 * line at a time; a line of the wrong shape is skipped, never trusted. */
#include <stdlib.h>
#include <string.h>

#include "kam/regfile.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"
#include "kam/zonetab.h"

/* Whether the comma-separated codes at s (len bytes) hold country. */
static bool
names_country(const char *s, size_t len, const char *country)
{
	for (size_t i = 0; i + 2 <= len; i += 3)
		if (memcmp(s + i, country, 2) == 0 && (i + 2 == len || s[i + 2] == ','))
			return true;
	return false;
}

/* A zone name as tzdata writes them: letters, digits and _ / + -. */
static bool
zone_name(const char *s, size_t len)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789/_+-";

	for (size_t i = 0; i < len; i++)
		if (s[i] == '\0' || strchr(ok, s[i]) == NULL)
			return false;
	return len > 0 && len < 64;
}

static void
take_line(char *line, const char *country, struct zonetab *out)
{
	char *field[4] = { line, NULL, NULL, NULL };
	size_t n = 1, len;

	line[strcspn(line, "\r\n")] = '\0';
	if (*line == '#')
		return;
	for (char *p = line; n < 4 && (p = strchr(p, '\t')) != NULL; n++) {
		*p++ = '\0';
		field[n] = p;
	}
	if (n < 3 || !names_country(field[0], strlen(field[0]), country))
		return;
	len = strlen(field[2]);
	if (!zone_name(field[2], len))
		return;
	if (out->n < ZONETAB_MAX) {
		out->zone[out->n] = xstrndup(field[2], len);
		out->comment[out->n] = field[3] != NULL && *field[3] != '\0' &&
		    utf8_valid(field[3], strlen(field[3])) ? xstrdup(field[3]) : NULL;
	}
	out->n++;
}

void
zonetab_read(FILE *in, const char *country, struct zonetab *out)
{
	char *line = NULL;
	size_t cap = 0;

	memset(out, 0, sizeof *out);
	if (strlen(country) != 2)
		return;
	while (getline(&line, &cap, in) > 0)
		take_line(line, country, out);
	free(line);
}

void
zonetab_free(struct zonetab *z)
{
	for (size_t i = 0; i < z->n && i < ZONETAB_MAX; i++) {
		free(z->zone[i]);
		free(z->comment[i]);
	}
	memset(z, 0, sizeof *z);
}

bool
zonetab_lookup(const char *country, struct zonetab *out, struct kam_buf *path)
{
	static const char *const files[] = { "zone.tab", "zone1970.tab" };
	const char *dir = getenv("TZDIR");
	FILE *in;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < 2; i++) {
		buf_reset(path);
		buf_addf(path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
		    files[i]);
		if ((in = regfile_fopen(path->data, 0)) == NULL)
			continue;
		zonetab_read(in, country, out);
		fclose(in);
		return true;
	}
	return false;
}
