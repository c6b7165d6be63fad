/* ":" commands as typed: the command line split into command and
 * argument, then the argument as the words of :filter on the account list
 * and history and on the agenda. A filter that parses, described in its
 * own words (the status line), parses to the same filter. */
#include "agenda_filter.h"
#include "cmdline.h"
#include "fuzz.h"

static void
acct_round_trip(const struct acct_filter *af)
{
	struct acct_filter again = { 0 };
	struct hist_filter h = { 0 };
	struct kam_buf said, said2, err;

	buf_init(&said);
	buf_init(&said2);
	buf_init(&err);
	filter_describe(&said, af);
	if (!filter_parse(said.data, &again, &h, &err))
		abort();
	filter_describe(&said2, &again);
	if (strcmp(said.data, said2.data) != 0)
		abort();
	acct_filter_free(&again);
	hist_filter_free(&h);
	buf_free(&said);
	buf_free(&said2);
	buf_free(&err);
}

static void
agenda_round_trip(const struct agenda_filter *f)
{
	struct agenda_filter again = { 0 };
	struct kam_buf said, said2, err;

	buf_init(&said);
	buf_init(&said2);
	buf_init(&err);
	agenda_filter_describe(&said, f);
	if (!agenda_filter_parse(said.data, &again, &err))
		abort();
	agenda_filter_describe(&said2, &again);
	if (strcmp(said.data, said2.data) != 0)
		abort();
	buf_free(&said);
	buf_free(&said2);
	buf_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = fuzz_text(data, size);
	struct acct_filter af = { 0 };
	struct hist_filter hf = { 0 };
	struct agenda_filter ag = { 0 };
	struct kam_buf err;
	struct cmd c;

	buf_init(&err);
	if (cmd_parse(line, &c, &err)) {
		if (filter_parse(c.arg, &af, &hf, &err))
			acct_round_trip(&af);
		if (agenda_filter_parse(c.arg, &ag, &err))
			agenda_round_trip(&ag);
	}
	acct_filter_free(&af);
	hist_filter_free(&hf);
	buf_free(&err);
	free(line);
	return 0;
}
