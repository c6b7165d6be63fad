/* ERP profiles (profiles/NAME.json, kam-erp(5)): per resource, where records
 * live, how to ask for them and page through them, and which JSON field
 * becomes which column. Loading checks everything once, up front. */
#ifndef KAM_ERP_PROFILE_H
#define KAM_ERP_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "erp_resource.h"
#include "erp_time.h"
#include "kam/buf.h"

#define ERP_MAXPARTS	4

enum erp_auth { ERP_AUTH_BEARER, ERP_AUTH_TOKEN, ERP_AUTH_HEADER };
enum erp_paging { ERP_PAGE_CURSOR, ERP_PAGE_OFFSET, ERP_PAGE_NUMBER, ERP_PAGE_LINK };

struct erp_kv {
	char	*name;
	char	*value;	/* may hold {limit} {since} {cursor} {offset} {page}
			 * {after}; in a query, entries of one name in a
			 * row are alternatives: the first that can be
			 * filled in is sent */
};

/* Where one column's value comes from. */
struct erp_field {
	bool		 set;
	char		*path[ERP_MAXPARTS];	/* several: joined with sep */
	int		 nparts;
	char		*sep;
	bool		 unix_time;	/* dates and times as unix seconds */
	char		*equals;	/* booleans: true when the text is this */
	struct erp_kv	*map;		/* text replacements */
	size_t		 nmap;
	char		*def;		/* when the field is missing or null */
};

struct erp_rprofile {
	bool			 present;
	char			*path;		/* appended to erp.base_url */
	struct erp_kv		*query;
	size_t			 nquery;
	struct erp_kv		*headers;
	size_t			 nheaders;
	char			*records;	/* where the record array is */
	enum erp_paging		 paging;
	char			*next;		/* cursor or next link in the body */
	long			 first_page;
	long			 empty_status;	/* HTTP status of an empty page */
	enum erp_time_style	 since_style;
	int			 since_digits;
	bool			 sorted;	/* by (change time, id) */
	bool			 keyed;		/* the query names {after} */
	char			*total;		/* record count in the body */
	struct erp_kv		*skip;		/* column, value: not ours */
	size_t			 nskip;
	struct erp_field	 fields[ERP_MAXCOLS];
};

struct erp_profile {
	char			*name;
	enum erp_auth		 auth;
	char			*auth_header;	/* ERP_AUTH_HEADER */
	char			*time_zone;
	struct erp_tz		*tz;
	long			 max_limit;
	struct erp_rprofile	 res[ERP_NRES];
};

/* name is a profile name (looked up in $XDG_CONFIG_HOME/kam/profiles, then
 * the installed profiles) or a path. Returns an exit code; on failure err
 * says "file: where: what". */
int	erp_profile_load(const char *name, struct erp_profile **out,
	    struct kam_buf *err);
/* Checks and builds a profile from JSON text (NUL-terminated). */
int	erp_profile_parse(const char *text, size_t len, const char *source,
	    struct erp_profile **out, struct kam_buf *err);
void	erp_profile_free(struct erp_profile *p);

#endif
