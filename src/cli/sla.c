/* kam --sla ACCOUNT: the service level card for support, as text (plain
 * unless stdout is a terminal) or JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/sla.h"
#include "kam/utf8.h"

struct card_out {
	bool		 styled;	/* bold labels, coloured state */
	struct kam_buf	 line;
};

static void
put(struct card_out *o, const char *label, const char *value)
{
	struct kam_buf safe;

	if (value == NULL || *value == '\0')
		return;
	buf_init(&safe);
	utf8_sanitize(&safe, value, strlen(value));
	printf(o->styled ? "\033[1m%-15s\033[0m %s\n" : "%-15s %s\n", label, safe.data);
	buf_free(&safe);
}

/* "45 min", "4 h", "1 day 4 h" */
static void
duration(struct kam_buf *b, const char *seconds)
{
	long s = seconds ? strtol(seconds, NULL, 10) : 0;
	long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;

	buf_reset(b);
	if (seconds == NULL)
		return;
	if (d > 0)
		buf_addf(b, "%ld day%s", d, d == 1 ? "" : "s");
	if (h > 0)
		buf_addf(b, "%s%ld h", b->len ? " " : "", h);
	if (m > 0 || b->len == 0)
		buf_addf(b, "%s%ld min", b->len ? " " : "", m);
}

static void
warn_state(struct card_out *o, const struct sla_card *c)
{
	const char *state = c->field[SLA_STATE];
	const char *fmt = o->styled ? "\033[1;31mWARNING\033[0m %s\n" : "WARNING         %s\n";

	if (strcmp(state, "missing") == 0)
		printf(fmt, "no service level on record: standard support applies");
	else if (strcmp(state, "expired") == 0) {
		buf_reset(&o->line);
		buf_addf(&o->line, "service level expired on %s", c->field[SLA_VALID_TO]);
		printf(fmt, o->line.data);
	} else if (strcmp(state, "upcoming") == 0) {
		buf_reset(&o->line);
		buf_addf(&o->line, "service level starts on %s", c->field[SLA_VALID_FROM]);
		printf(fmt, o->line.data);
	}
}

static void
print_hours(struct card_out *o, const struct sla_card *c)
{
	bool open = c->field[SLA_OPEN_NOW] && strcmp(c->field[SLA_OPEN_NOW], "t") == 0;

	if (c->field[SLA_HOURS] == NULL)
		return;
	buf_reset(&o->line);
	buf_addf(&o->line, "%s %s", c->field[SLA_HOURS], c->field[SLA_TIME_ZONE]);
	put(o, "Support hours", o->line.data);
	buf_reset(&o->line);
	buf_addf(&o->line, "%s (%s there)", open ? "OPEN" : "CLOSED",
	    c->field[SLA_LOCAL_NOW]);
	put(o, "Support now", o->line.data);
}

static void
print_escalation(struct card_out *o, const struct sla_card *c)
{
	buf_reset(&o->line);
	if (c->field[SLA_ESC_NAME])
		buf_adds(&o->line, c->field[SLA_ESC_NAME]);
	if (c->field[SLA_ESC_PHONE])
		buf_addf(&o->line, "%s%s", o->line.len ? ", " : "", c->field[SLA_ESC_PHONE]);
	if (c->field[SLA_ESC_EMAIL])
		buf_addf(&o->line, "%s%s", o->line.len ? ", " : "", c->field[SLA_ESC_EMAIL]);
	put(o, "Escalation", o->line.data);
	put(o, "", c->field[SLA_ESCALATION]);
}

static void
print_card(const struct sla_card *c)
{
	struct card_out o = { .styled = isatty(STDOUT_FILENO) && !getenv("NO_COLOR") };
	struct kam_buf d;
	char *warranties, *line, *save = NULL;

	buf_init(&o.line);
	buf_init(&d);
	buf_addf(&o.line, "%s%s%s%s", c->field[SLA_ACCOUNT],
	    c->field[SLA_ERP_ID] ? " (" : "", c->field[SLA_ERP_ID] ? c->field[SLA_ERP_ID] : "",
	    c->field[SLA_ERP_ID] ? ")" : "");
	put(&o, "Account", o.line.data);
	buf_reset(&o.line);
	if (c->field[SLA_OWNER])
		buf_addf(&o.line, "%s%s%s%s", c->field[SLA_OWNER],
		    c->field[SLA_OWNER_EMAIL] ? " <" : "",
		    c->field[SLA_OWNER_EMAIL] ? c->field[SLA_OWNER_EMAIL] : "",
		    c->field[SLA_OWNER_EMAIL] ? ">" : "");
	put(&o, "Account owner", o.line.data);
	warn_state(&o, c);
	put(&o, "Service level", c->field[SLA_NAME]);
	duration(&d, c->field[SLA_FIRST_RESPONSE]);
	put(&o, "First response", d.data);
	duration(&d, c->field[SLA_RESOLUTION]);
	put(&o, "Resolution", d.data);
	print_hours(&o, c);
	put(&o, "Channels", c->field[SLA_CHANNELS]);
	print_escalation(&o, c);
	put(&o, "Goodwill", c->field[SLA_GOODWILL]);
	if (c->field[SLA_VALID_FROM]) {
		buf_reset(&o.line);
		buf_addf(&o.line, "%s to %s", c->field[SLA_VALID_FROM],
		    c->field[SLA_VALID_TO] ? c->field[SLA_VALID_TO] : "open end");
		put(&o, "Valid", o.line.data);
	}
	warranties = c->field[SLA_WARRANTIES];
	for (line = warranties ? strtok_r(warranties, "\n", &save) : NULL; line;
	    line = strtok_r(NULL, "\n", &save))
		put(&o, "Warranty", line);
	buf_free(&o.line);
	buf_free(&d);
}

int
cmd_sla(const struct kam_opts *o, const struct kam_conf *c)
{
	struct sla_card card;
	struct kam_db *db;
	char *id;
	int rc;
	bool json = false;

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
		if (json)
			printf("%s\n", card.field[SLA_JSON]);
		else
			print_card(&card);
		sla_card_free(&card);
	}
	free(id);
	db_close(db);
	return rc;
}
