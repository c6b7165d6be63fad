#include <string.h>
#include <sysexits.h>

#include "kam/countof.h"
#include "db_error.h"

struct error_class {
	const char	*prefix;	/* SQLSTATE or its first characters */
	int		 code;
	const char	*words;
};

/* First match wins: exact states before their class. */
static const struct error_class classes[] = {
	{ "42501", EX_NOPERM,      "not allowed" },
	{ "23505", EX_DATAERR,     "already exists" },
	{ "23503", EX_DATAERR,     "refers to something missing or still in use" },
	{ "23502", EX_DATAERR,     "a required value is missing" },
	{ "23514", EX_DATAERR,     "a value is out of the allowed range" },
	{ "23",    EX_DATAERR,     "the data breaks a rule" },
	{ "22",    EX_DATAERR,     "invalid value" },
	{ "25006", EX_UNAVAILABLE, "the database is read-only (a standby)" },
	{ "40",    EX_TEMPFAIL,    "the database gave up on a conflict, try again" },
	{ "55P03", EX_TEMPFAIL,    "a row is locked by someone else, try again" },
	{ "57014", EX_TEMPFAIL,    "the statement was cancelled" },
	{ "57P",   EX_UNAVAILABLE, "the database is shutting down or restarting" },
	{ "53",    EX_TEMPFAIL,    "the database is out of resources, try again" },
	{ "08",    EX_UNAVAILABLE, "lost the database connection" },
	{ "3F000", EX_CONFIG,      "kam's schema is missing (run kam --db migrate)" },
	{ "42P01", EX_CONFIG,      "a table is missing (run kam --db migrate)" },
	{ "28",    EX_NOPERM,      "not allowed to log in" },
	{ "P0002", EX_NOINPUT,     "not found" },
	{ "55000", EX_DATAERR,     "not possible now" },
};

int
db_error_explain(struct kam_buf *out, const char *sqlstate,
    const char *primary, const char *detail, const char *hint)
{
	const struct error_class *c = NULL;

	for (size_t i = 0; i < countof(classes); i++) {
		if (strncmp(sqlstate, classes[i].prefix,
		    strlen(classes[i].prefix)) == 0) {
			c = &classes[i];
			break;
		}
	}
	buf_addf(out, "%s: %s", c ? c->words : "database error",
	    primary ? primary : "(no message)");
	if (detail != NULL)
		buf_addf(out, " (%s)", detail);
	if (hint != NULL)
		buf_addf(out, " %s", hint);
	return c ? c->code : EX_SOFTWARE;
}
