/* One HTTP GET to the ERP with libcurl: TLS verified, no redirects
 * followed (erp_request decides), the answer's size capped while it
 * arrives, and what came back sorted into ok, retry or fail. */
#ifndef KAM_ERP_HTTP_H
#define KAM_ERP_HTTP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "kam/buf.h"

#define ERP_MAX_ANSWER	(16L << 20)	/* bytes in one page */

struct erp_http_opts {
	long			 timeout;		/* seconds, whole request */
	long			 connect_timeout;	/* seconds */
	const char		*ca_file;		/* added to the system's, or NULL */
	size_t			 max_bytes;
	const atomic_bool	*stop;			/* ends a transfer early */
};

struct erp_reply {
	long		 status;
	struct kam_buf	 body;
	struct kam_buf	 content_type;
	struct kam_buf	 retry_after;
	char		*location;	/* where a redirect points, resolved */
	int		 error;		/* CURLcode; 0 when an answer came */
	char		 message[CURL_ERROR_SIZE];
	bool		 too_big;
};

enum erp_verdict { ERP_V_OK, ERP_V_EMPTY, ERP_V_REDIRECT, ERP_V_RETRY, ERP_V_FAIL };

/* Ends every transfer of the process, now and from now on (a sync asked
 * to stop); async-signal-safe. */
void		 erp_http_stop_all(void);
/* Whether to stop: own (may be NULL) is set, or everything stops. */
bool		 erp_http_stopping(const atomic_bool *own);

/* NULL (err) when libcurl cannot start or erp.ca_file cannot be read. */
struct erp_http	*erp_http_new(const struct erp_http_opts *o, struct kam_buf *err);
void		 erp_http_free(struct erp_http *h);
/* Fills r (reset first) with the answer to GET url. */
void		 erp_http_get(struct erp_http *h, const char *url,
		    const struct curl_slist *headers, struct erp_reply *r);
void		 erp_reply_init(struct erp_reply *r);
void		 erp_reply_free(struct erp_reply *r);

/* What to do with r; for RETRY and FAIL, *code is the exit code to end
 * with and why says what happened. empty_status (or 0) means "no more". */
enum erp_verdict erp_http_verdict(const struct erp_reply *r, long empty_status,
		    int *code, struct kam_buf *why);

#endif
