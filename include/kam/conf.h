/* kam.conf: the settings, their defaults, and where each comes from.
 * Precedence: command-line flags > environment > file > defaults. */
#ifndef KAM_CONF_H
#define KAM_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

struct kam_conf {
	char	*path;			/* file that was read, or NULL */
	/* [database] */
	char	*db_conninfo;		/* libpq connection string or URI */
	int	 db_connect_timeout;	/* seconds */
	int	 db_retry_for;		/* seconds */
	char	*db_listen_conninfo;	/* LISTEN's connection, over db_conninfo */
	/* [erp] */
	char	*erp_profile;
	char	*erp_base_url;
	char	*erp_token_file;
	char	*erp_ca_file;
	int	 erp_timeout;		/* seconds, whole request */
	int	 erp_connect_timeout;	/* seconds */
	int	 erp_lookback;		/* seconds */
	int	 erp_page_size;
	int	 erp_connections;	/* applying pages side by side */
	char	*erp_conninfo;		/* the sync's login, over db_conninfo */
	/* [ui] */
	char	*ui_theme;
	bool	 ui_mouse;
};

enum conf_type { CONF_STRING, CONF_INT, CONF_BOOL };

struct conf_option {
	const char	*name;		/* "section.key" */
	enum conf_type	 type;
	size_t		 offset;	/* into struct kam_conf */
	const char	*def;		/* default as written in a file, or NULL */
	int		 min, max;	/* CONF_INT only */
	const char	*env;		/* environment variable, or NULL */
	const char	*doc;
};

/* Every option kam knows; *n receives the count. */
const struct conf_option *conf_options(size_t *n);

void	 conf_init(struct kam_conf *c);	/* defaults */
void	 conf_free(struct kam_conf *c);

/* Sets "section.key" from text. On failure returns false and writes the
 * reason (without location) to err. */
bool	 conf_set(struct kam_conf *c, const char *name, const char *value,
	    struct kam_buf *err);

/* Reads a kam.conf. A missing file is fine unless must_exist. On failure
 * returns false with "file:line: message" in err. */
bool	 conf_load_file(struct kam_conf *c, const char *path, bool must_exist,
	    struct kam_buf *err);

/* Applies the KAM_* variables of the option table. */
bool	 conf_load_env(struct kam_conf *c, struct kam_buf *err);

/* $XDG_CONFIG_HOME/kam/kam.conf, else ~/.config/kam/kam.conf; caller
 * frees. NULL when neither is known. */
char	*conf_default_path(void);

#endif
