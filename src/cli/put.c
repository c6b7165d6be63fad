/* Text from the database printed on a terminal: never raw. */
#include <stdio.h>
#include <string.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/format.h"
#include "kam/utf8.h"

void
cli_put_safe(const char *s)
{
	struct kam_buf safe;

	buf_init(&safe);
	utf8_sanitize(&safe, s, strlen(s));
	fputs(safe.data, stdout);
	buf_free(&safe);
}

void
cli_put_json(const char *json)
{
	struct kam_buf safe;

	buf_init(&safe);
	format_json_safe(&safe, json, strlen(json));
	fputs(safe.data, stdout);
	buf_free(&safe);
}
