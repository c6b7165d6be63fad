/* kam --export's options as typed: any text, one option value a line in
 * the order below (a missing line is an option not given), through the
 * checks cmd_export makes before it connects. */
#include <sysexits.h>

#include "fuzz.h"
#include "kam/cli.h"

int	LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *null = fopen("/dev/null", "w");

	(void)argc;
	(void)argv;
	/* usage errors go to stderr; sanitizer reports go to fd 2 itself */
	if (null == NULL)
		abort();
	stderr = null;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = fuzz_pick(&data, &size, 8);
	char *text = fuzz_text(data, size), *line = text, *nl;
	char since[DATE_STRLEN], until[DATE_STRLEN];
	struct kam_opts o = {
		.active = flags & 1, .raw = flags & 2, .no_header = flags & 4,
	};
	const char **slot[] = {
		&o.export, &o.format, &o.columns, &o.since, &o.until, &o.tier,
		&o.expiring, &o.owner, &o.team,
	};
	struct export_request r;

	for (size_t i = 0; i < sizeof slot / sizeof slot[0] && line; i++) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		*slot[i] = line;
		line = nl ? nl + 1 : NULL;
	}
	if (o.export == NULL)
		o.export = "accounts";
	if (cli_export_request(&o, &r, since, until) == EX_OK &&
	    (r.ncolumns == 0 || r.entity == NULL))
		abort();
	free(r.columns);
	free(text);
	return 0;
}
