/* libpq's message of a failed connect (src/db/conn_error.c): any bytes,
 * as a server or a pooler may put any text in its refusal. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "conn_error.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conn_error_host h[DB_MAX_HOSTS];
	char *msg = malloc(size + 1);
	size_t n;

	if (msg == NULL)
		return 0;
	memcpy(msg, data, size);
	msg[size] = '\0';
	n = conn_error_split(msg, h, DB_MAX_HOSTS);
	/* every entry lies within the message, on one line */
	for (size_t i = 0; i < n; i++)
		if (h[i].text < msg || h[i].text + h[i].len > msg + size ||
		    memchr(h[i].text, '\n', h[i].len) != NULL || h[i].len == 0)
			abort();
	free(msg);
	return 0;
}
