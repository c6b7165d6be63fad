#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/conf.h"
#include "kam/countof.h"
#include "kam/utf8.h"
#include "kam/xalloc.h"

#define OFF(field) offsetof(struct kam_conf, field)

static const struct conf_option options[] = {
	{ "database.conninfo", CONF_STRING, OFF(db_conninfo), NULL, 0, 0,
	  "KAM_DATABASE",
	  "libpq connection string or URI; empty means libpq's PG* variables "
	  "and service files decide" },
	{ "database.connect_timeout", CONF_INT, OFF(db_connect_timeout), "10",
	  1, 3600, NULL, "seconds to wait for the database to answer" },
	{ "database.retry_for", CONF_INT, OFF(db_retry_for), "30", 0, 3600,
	  NULL, "seconds to keep asking a database that is full or failing "
	  "over before giving up with exit status 75" },
	{ "database.listen_conninfo", CONF_STRING, OFF(db_listen_conninfo),
	  NULL, 0, 0, "KAM_LISTEN_CONNINFO",
	  "where the full-screen client listens for changes: connection "
	  "settings that win over database.conninfo's, direct to the server "
	  "(a pooler in transaction mode cannot carry LISTEN); empty means "
	  "database.conninfo itself" },
	{ "erp.profile", CONF_STRING, OFF(erp_profile), "native", 0, 0,
	  "KAM_ERP_PROFILE", "ERP profile name or path to a profile file" },
	{ "erp.base_url", CONF_STRING, OFF(erp_base_url), NULL, 0, 0,
	  "KAM_ERP_URL", "base URL of the ERP's REST interface" },
	{ "erp.token_file", CONF_STRING, OFF(erp_token_file), NULL, 0, 0,
	  NULL, "file holding the ERP token; must be mode 0600" },
	{ "erp.ca_file", CONF_STRING, OFF(erp_ca_file), NULL, 0, 0, NULL,
	  "extra CA certificate bundle for the ERP's TLS" },
	{ "erp.timeout", CONF_INT, OFF(erp_timeout), "60", 1, 3600, NULL,
	  "seconds one ERP request may take in all" },
	{ "erp.connect_timeout", CONF_INT, OFF(erp_connect_timeout), "10",
	  1, 600, NULL, "seconds to wait for the ERP to accept a connection" },
	{ "erp.lookback", CONF_INT, OFF(erp_lookback), "300", 0, 86400, NULL,
	  "seconds an incremental sync looks back behind its high-water mark" },
	{ "erp.page_size", CONF_INT, OFF(erp_page_size), "500", 1, 10000,
	  NULL, "records asked for per page" },
	{ "erp.connections", CONF_INT, OFF(erp_connections), "2", 1, 8, NULL,
	  "database connections a sync applies pages on, side by side" },
	{ "erp.conninfo", CONF_STRING, OFF(erp_conninfo), NULL, 0, 0, NULL,
	  "the sync's own database login: connection settings that win over "
	  "database.conninfo's, e.g. user=kamsync" },
	{ "ui.theme", CONF_STRING, OFF(ui_theme), "default", 0, 0,
	  "KAM_THEME", "colour theme of the full-screen client" },
	{ "ui.mouse", CONF_BOOL, OFF(ui_mouse), "yes", 0, 0, NULL,
	  "whether the full-screen client takes mouse clicks and the wheel" },
};

const struct conf_option *
conf_options(size_t *n)
{
	*n = countof(options);
	return options;
}

static const struct conf_option *
conf_find(const char *name)
{
	for (size_t i = 0; i < countof(options); i++)
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

static bool
parse_int(const struct conf_option *o, const char *v, int *out,
    struct kam_buf *err)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0) {
		buf_addf(err, "%s: '%s' is not a whole number", o->name, v);
		return false;
	}
	if (n < o->min || n > o->max) {
		buf_addf(err, "%s: %ld is out of range (%d to %d)", o->name,
		    n, o->min, o->max);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool
parse_bool(const struct conf_option *o, const char *v, bool *out,
    struct kam_buf *err)
{
	static const char *yes[] = { "yes", "true", "on", "1" };
	static const char *no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcmp(v, yes[i]) == 0)
			return *out = true, true;
		if (strcmp(v, no[i]) == 0)
			return *out = false, true;
	}
	buf_addf(err, "%s: '%s' is not yes or no", o->name, v);
	return false;
}

static bool
conf_apply(struct kam_conf *c, const struct conf_option *o, const char *value,
    struct kam_buf *err)
{
	char *field = (char *)c + o->offset;
	char **str = (char **)(void *)field;

	switch (o->type) {
	case CONF_INT:
		return parse_int(o, value, (int *)(void *)field, err);
	case CONF_BOOL:
		return parse_bool(o, value, (bool *)(void *)field, err);
	case CONF_STRING:
		free(*str);
		*str = *value ? xstrdup(value) : NULL;
		return true;
	}
	return false;
}

bool
conf_set(struct kam_conf *c, const char *name, const char *value,
    struct kam_buf *err)
{
	const struct conf_option *o = conf_find(name);

	if (o == NULL) {
		buf_addf(err, "unknown setting '%s'", name);
		return false;
	}
	return conf_apply(c, o, value, err);
}

void
conf_init(struct kam_conf *c)
{
	struct kam_buf ignored;

	memset(c, 0, sizeof *c);
	buf_init(&ignored);
	for (size_t i = 0; i < countof(options); i++)
		if (options[i].def != NULL)
			conf_apply(c, &options[i], options[i].def, &ignored);
	buf_free(&ignored);
}

void
conf_free(struct kam_conf *c)
{
	for (size_t i = 0; i < countof(options); i++) {
		if (options[i].type == CONF_STRING)
			free(*(char **)(void *)((char *)c + options[i].offset));
	}
	free(c->path);
	memset(c, 0, sizeof *c);
}

bool
conf_load_env(struct kam_conf *c, struct kam_buf *err)
{
	const char *v;

	for (size_t i = 0; i < countof(options); i++) {
		if (options[i].env == NULL || (v = getenv(options[i].env)) == NULL)
			continue;
		if (!conf_apply(c, &options[i], v, err)) {
			buf_addf(err, " (from %s)", options[i].env);
			return false;
		}
	}
	return true;
}

char *
conf_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	struct kam_buf b;

	buf_init(&b);
	if (xdg != NULL && xdg[0] == '/')
		buf_addf(&b, "%s/kam/kam.conf", xdg);
	else if (home != NULL && home[0] != '\0')
		buf_addf(&b, "%s/.config/kam/kam.conf", home);
	else
		return NULL;
	return buf_detach(&b);
}
