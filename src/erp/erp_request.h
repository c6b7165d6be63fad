/* One page from the ERP, however many tries it takes: retries with
 * backoff on timeouts, 5xx, 429 (honouring Retry-After) and JSON cut
 * short, redirects
 * followed by kam itself and only within erp.base_url's origin, so the
 * token never reaches another host. */
#ifndef KAM_ERP_REQUEST_H
#define KAM_ERP_REQUEST_H

#include <stdatomic.h>
#include <stdbool.h>

#include <cjson/cJSON.h>

#include "erp_http.h"

#define ERP_MAX_REDIRECTS	5

struct erp_request {
	struct erp_http		*http;
	const char		*origin;	/* erp.base_url */
	long			 empty_status;
	int			 attempts;	/* tries in all */
	const atomic_bool	*stop;
	const char		*what;		/* "orders", for messages */
	long			 page;		/* the page asked for, for messages */
	unsigned		 seed;		/* jitter */
};

/* Returns EX_OK with the answer in r and its JSON in *root (NULL when
 * the ERP said "no more" with the profile's empty status; the caller
 * frees it with cJSON_Delete), else an exit code and err. */
int	erp_request_get(struct erp_request *q, const char *url,
	    const struct curl_slist *headers, struct erp_reply *r, cJSON **root,
	    struct kam_buf *err);

#endif
