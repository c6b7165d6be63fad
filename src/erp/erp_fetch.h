/* Fetching one resource's pages in a thread of their own, one page ahead
 * of the database: while page N is applied, the next pages are
 * downloaded, parsed and mapped. At most two pages wait in memory. */
#ifndef KAM_ERP_FETCH_H
#define KAM_ERP_FETCH_H

#include <stdbool.h>
#include <stdint.h>

#include "erp_http.h"
#include "erp_page.h"
#include "erp_profile.h"

struct erp_fetch_config {
	const struct erp_profile	*profile;
	enum erp_res			 res;
	const char			*base_url;
	const char			*token;
	long				 limit;		/* records asked for a page */
	bool				 has_since;
	int64_t				 since_us;	/* changed since, or a full listing */
	int				 attempts;	/* tries per page */
	struct erp_http_opts		 http;		/* .stop is set by erp_fetch */
};

struct erp_fetch;

/* Starts the thread; NULL (err) when it cannot. */
struct erp_fetch	*erp_fetch_start(const struct erp_fetch_config *c,
			    struct kam_buf *err);
/* The next page, waiting for it; NULL after the last one. A page with a
 * code other than EX_OK is the last: the stream broke there. */
struct erp_page		*erp_fetch_next(struct erp_fetch *f);
/* Stops the thread (if still running) and frees everything. */
void			 erp_fetch_finish(struct erp_fetch *f);

#endif
