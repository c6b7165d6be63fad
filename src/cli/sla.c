/* kam --sla ACCOUNT: the service level card for support, as text (plain
 * unless stdout is a terminal) or JSON; with --open-now only the exit
 * status says whether support is open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/format.h"
#include "kam/sla.h"
#include "kam/utf8.h"

struct card_out {
	bool	styled;		/* bold labels, coloured warning */
};

static void
put(void *ctx, const char *label, const char *value, enum sla_line kind)
{
	const struct card_out *o = ctx;
	struct kam_buf safe;

	buf_init(&safe);
	utf8_sanitize(&safe, value, strlen(value));
	if (kind == SLA_LINE_WARNING && o->styled)
		printf("\033[1;31m%s\033[0m %s\n", label, safe.data);
	else
		printf(o->styled ? "\033[1m%-15s\033[0m %s\n" : "%-15s %s\n",
		    label, safe.data);
	buf_free(&safe);
}

static void
print_card(struct sla_card *c)
{
	struct card_out o = { .styled = isatty(STDOUT_FILENO) && !getenv("NO_COLOR") };

	sla_card_lines(c, put, &o);
}

static void
print_json(const char *json)
{
	struct kam_buf safe;

	buf_init(&safe);
	format_json_safe(&safe, json, strlen(json));
	printf("%s\n", safe.data);
	buf_free(&safe);
}

int
cmd_sla(const struct kam_opts *o, const struct kam_conf *c)
{
	struct sla_card card;
	struct kam_db *db;
	char *id;
	int rc;
	bool json = false;

	if (o->open_now != NULL && (o->format != NULL || o->output != NULL))
		return cli_usage_error("--open-now prints nothing: "
		    "no --format or --output with it");
	if (o->format != NULL && !(json = strcmp(o->format, "json") == 0) &&
	    strcmp(o->format, "text") != 0)
		return cli_usage_error("--format for --sla is text or json");
	if (o->output != NULL)
		return cli_usage_error("--sla prints to standard output; "
		    "redirect it to keep the card");
	if ((db = cli_connect(c, &rc)) == NULL)
		return rc;
	if ((id = cli_resolve_account(db, o->sla, &rc)) != NULL &&
	    (rc = sla_card_load(db, id, &card)) == EX_OK) {
		if (o->open_now != NULL)
			rc = card.field[SLA_OPEN_NOW] != NULL &&
			    strcmp(card.field[SLA_OPEN_NOW], "t") == 0 ? EX_OK : 1;
		else if (json)
			print_json(card.field[SLA_JSON]);
		else
			print_card(&card);
		sla_card_free(&card);
	}
	free(id);
	db_close(db);
	return rc;
}
