#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "kam/buf.h"
#include "kam/log.h"
#include "kam/utf8.h"

/* A message echoes arguments and data: a 100 kB argument is cut. */
#define MESSAGE_MAX	1024

static int verbose;

void
log_set_verbose(int level)
{
	verbose = level;
}

int
log_verbose_level(void)
{
	return verbose;
}

/* Formats, sanitises and writes one line; the message may hold text from
 * anywhere (database errors, file contents), so nothing goes out raw. */
static void
log_emit(const char *prefix, const char *fmt, va_list ap)
{
	struct kam_buf raw, safe;

	buf_init(&raw);
	buf_init(&safe);
	buf_vaddf(&raw, fmt, ap);
	while (raw.len > 0 && raw.data[raw.len - 1] == '\n')
		raw.data[--raw.len] = '\0';
	utf8_sanitize(&safe, raw.data, raw.len);
	if (safe.len > MESSAGE_MAX) {
		safe.len = utf8_cut(safe.data, safe.len, MESSAGE_MAX);
		safe.data[safe.len] = '\0';
		buf_adds(&safe, "...(cut)");
	}
	fprintf(stderr, "%s%s\n", prefix, safe.data);
	fflush(stderr);
	buf_free(&raw);
	buf_free(&safe);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("kam: ", fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (verbose < 1)
		return;
	va_start(ap, fmt);
	log_emit("kam: debug: ", fmt, ap);
	va_end(ap);
}

void
log_raw(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("", fmt, ap);
	va_end(ap);
}

void
log_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("kam: ", fmt, ap);
	va_end(ap);
	exit(code);
}
