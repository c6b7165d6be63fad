/* URLs for the ERP: requests built from a profile's templates, percent-
 * encoded; where a URL points (its origin); resolving relative links. */
#ifndef KAM_ERP_URL_H
#define KAM_ERP_URL_H

#include <stdbool.h>

#include "kam/buf.h"

/* Values of the placeholders; NULL ones are not set. */
struct erp_vars {
	const char	*limit, *since, *cursor, *offset, *page, *after;
};

/* Expands {limit}, {since}, ... in tmpl into out; false (out unchanged)
 * when tmpl names a value that is not set, so the parameter is left out. */
bool	erp_template(const char *tmpl, const struct erp_vars *v, struct kam_buf *out);
/* Appends a path, percent-encoding what a URL path cannot hold as it is
 * ("/api/resource/Sales Order"); %XX escapes stay. */
void	erp_url_path(struct kam_buf *url, const char *path);
/* Appends name=value, percent-encoded, with '?' or '&' before it. */
void	erp_url_param(struct kam_buf *url, const char *name, const char *value);
/* erp.base_url must be http(s), name a host, and use https unless the
 * host is this machine (the token would cross the network readable). */
bool	erp_url_check_base(const char *url, struct kam_buf *err);
/* True when both URLs have the same scheme, host and port. */
bool	erp_url_same_origin(const char *a, const char *b);
/* ref resolved against base (absolute or relative); NULL when unusable.
 * The caller frees. */
char	*erp_url_resolve(const char *base, const char *ref);

#endif
