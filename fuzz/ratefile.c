/* Exchange-rate files (kam --import rates, kam/ratefile.h): any bytes as
 * a file, its first line the header. A line taken holds a real date, two
 * known currencies and a positive plain decimal; a line refused says why
 * in printable ASCII, whatever bytes it held. */
#include "fuzz.h"
#include "kam/date.h"
#include "kam/decimal.h"
#include "kam/money.h"
#include "kam/ratefile.h"

static void
check_row(const struct rate_row *row)
{
	struct kam_date d;
	struct decimal x;

	if (!date_parse_iso(row->date, &d) || !currency_known(row->currency) ||
	    (row->quote[0] != '\0' && !currency_known(row->quote)) ||
	    strcmp(row->currency, row->quote) == 0 ||
	    !decimal_parse(row->rate, strlen(row->rate), DECIMAL_PLAIN, &x) ||
	    x.negative || x.nint + x.nfrac == 0)
		abort();
}

static void
check_words(const struct kam_buf *err)
{
	for (size_t i = 0; i < err->len; i++)
		if (err->data[i] < 0x20 || err->data[i] > 0x7e)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;
	struct rate_header h;
	struct rate_row row;
	struct kam_buf err;
	bool header = false;

	buf_init(&err);
	for (; p < end; p = nl + 1) {
		/* each line in a buffer of its own size: a read past it is found */
		size_t len = (nl = memchr(p, '\n', (size_t)(end - p))) ?
		    (size_t)(nl - p) : (size_t)(end - p);
		char *line = xmalloc(len ? len : 1);

		memcpy(line, p, len);
		buf_reset(&err);
		if (!header)
			header = ratefile_header(line, len, &h, &err);
		else if (ratefile_row(&h, line, len, &row, &err))
			check_row(&row);
		check_words(&err);
		free(line);
		if (nl == NULL)
			break;
	}
	buf_free(&err);
	return 0;
}
