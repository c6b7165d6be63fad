/* One page from the ERP, however many tries it takes: retries with
 * backoff on timeouts, 5xx and 429 (honouring Retry-After), redirects
 * followed by kam itself and only within erp.base_url's origin, so the
 * token never reaches another host. */
#ifndef KAM_ERP_REQUEST_H
#define KAM_ERP_REQUEST_H

#include <stdatomic.h>
#include <stdbool.h>

#include "erp_http.h"

#define ERP_MAX_REDIRECTS	5

struct erp_request {
	struct erp_http		*http;
	const char		*origin;	/* erp.base_url */
	long			 empty_status;
	int			 attempts;	/* tries in all */
	const atomic_bool	*stop;
	const char		*what;		/* "orders", for messages */
	unsigned		 seed;		/* jitter */
};

/* Returns EX_OK with the answer in r (*empty when the ERP said "no more"
 * with the profile's empty status), else an exit code and err. */
int	erp_request_get(struct erp_request *q, const char *url,
	    const struct curl_slist *headers, struct erp_reply *r, bool *empty,
	    struct kam_buf *err);

#endif
