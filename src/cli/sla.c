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
#include "kam/log.h"
#include "kam/migrate.h"
#include "kam/sla.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

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

/* The lookup in one round trip; when it fails, the schema may be why
 * (missing or not current): migrate_require says so as for every
 * command, else the lookup's own error stands. */
static int
lookup(struct kam_db *db, const char *key, bool json, struct sla_lookup *l)
{
	char *err;
	int rc, schema;

	if ((rc = sla_card_lookup(db, key, json, l)) == EX_OK)
		return migrate_verdict(l->schema_n, l->schema_latest);
	err = xstrdup(db_error(db));
	if ((schema = migrate_require(db)) == EX_OK)
		log_warn("%s", err);
	else
		rc = schema;
	free(err);
	return rc;
}

int
cmd_sla(const struct kam_opts *o, const struct kam_conf *c)
{
	struct sla_lookup l;
	struct kam_db *db;
	char *id = NULL;
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
	if ((db = cli_connect_unchecked(c, &rc)) == NULL)
		return rc;
	if ((rc = lookup(db, o->sla, json, &l)) == EX_OK &&
	    (id = cli_pick_account(&l.matches, o->sla, &rc)) != NULL) {
		if (o->open_now != NULL)
			rc = l.card.field[SLA_OPEN_NOW] != NULL &&
			    strcmp(l.card.field[SLA_OPEN_NOW], "t") == 0 ? EX_OK : 1;
		else if (json)
			print_json(l.card.field[SLA_JSON]);
		else
			print_card(&l.card);
	}
	sla_card_free(&l.card);
	account_matches_free(&l.matches);
	free(id);
	db_close(db);
	return rc;
}
