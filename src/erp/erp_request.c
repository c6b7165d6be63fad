#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "erp_backoff.h"
#include "erp_json.h"
#include "erp_request.h"
#include "erp_url.h"
#include "kam/log.h"
#include "kam/xalloc.h"

/* The ERP's own words from an error body, when it has any: native and
 * Business Central {"error": {"message"}}, Dolibarr the same, ERPNext
 * {"exception"} or {"message"}. */
static void
error_words(const struct erp_reply *r, struct kam_buf *why)
{
	static const char *const paths[] = { "/error/message", "/error",
	    "message", "exception", "_server_messages" };
	struct kam_buf ignore;
	const cJSON *m;
	cJSON *root;

	buf_init(&ignore);
	root = erp_json_parse(r->body.data, r->body.len, &ignore);
	buf_free(&ignore);
	for (size_t i = 0; root != NULL && i < sizeof paths / sizeof paths[0]; i++)
		if (cJSON_IsString(m = erp_json_get(root, paths[i]))) {
			buf_addf(why, ": %.200s", m->valuestring);
			break;
		}
	cJSON_Delete(root);
}

/* Waits ms milliseconds, or less when asked to stop; false if stopped. */
static bool
pause_ms(long ms, const atomic_bool *stop)
{
	struct timespec step = { 0, 100 * 1000000L };

	for (; ms > 0; ms -= 100) {
		if (erp_http_stopping(stop))
			return false;
		if (ms < 100)
			step.tv_nsec = ms * 1000000L;
		nanosleep(&step, NULL);
	}
	return !erp_http_stopping(stop);
}

/* Decides whether and how long to wait; false: give up (err says why).
 * what names the request in messages. */
static bool
retry_wait(struct erp_request *q, const char *what, int attempt,
    const struct erp_reply *r, struct kam_buf *why, struct kam_buf *err)
{
	long after = erp_retry_after_ms(r->retry_after.len ? r->retry_after.data :
	    NULL, time(NULL));
	long delay;

	if (attempt >= q->attempts) {
		buf_addf(err, "%s: %s (gave up after %d tries)", what, why->data,
		    attempt);
		return false;
	}
	if (after > ERP_RETRY_AFTER_MAX_MS) {
		buf_addf(err, "%s: %s and asks to wait %ld s; try again later",
		    what, why->data, after / 1000);
		return false;
	}
	delay = erp_backoff_ms(attempt, after,
	    (double)rand_r(&q->seed) / ((double)RAND_MAX + 1));
	log_warn("%s: %s; trying again in %.1f s", what, why->data,
	    (double)delay / 1000);
	if (!pause_ms(delay, q->stop)) {
		buf_addf(err, "%s: stopped", what);
		return false;
	}
	return true;
}

/* The JSON of a 200 answer. One cut short (the connection closed early
 * without a length to tell) is worth asking again, like a transfer that
 * broke: ERP_V_RETRY; other JSON errors are the ERP's: ERP_V_FAIL. */
static enum erp_verdict
parse(struct erp_request *q, const struct erp_reply *r, cJSON **root,
    int *code, struct kam_buf *what, struct kam_buf *why)
{
	bool cut;

	if ((*root = erp_json_parse_answer(r->body.data, r->body.len, &cut,
	    why)) != NULL)
		return ERP_V_OK;
	buf_addf(what, " page %ld", q->page);
	*code = cut ? EX_UNAVAILABLE : EX_DATAERR;
	return cut ? ERP_V_RETRY : ERP_V_FAIL;
}

/* Follows a redirect if it stays at the origin; false (err) if not. */
static bool
redirect(struct erp_request *q, const struct erp_reply *r, char **url,
    int *hops, struct kam_buf *err)
{
	if (++*hops > ERP_MAX_REDIRECTS) {
		buf_addf(err, "%s: the ERP redirected more than %d times", q->what,
		    ERP_MAX_REDIRECTS);
		return false;
	}
	if (!erp_url_same_origin(r->location, q->origin)) {
		buf_addf(err, "%s: the ERP redirected to %.200s, away from "
		    "erp.base_url; kam does not follow, so the token stays there",
		    q->what, r->location);
		return false;
	}
	log_debug("%s: redirected to %s", q->what, r->location);
	free(*url);
	*url = xstrdup(r->location);
	return true;
}

int
erp_request_get(struct erp_request *q, const char *first,
    const struct curl_slist *headers, struct erp_reply *r, cJSON **root,
    struct kam_buf *err)
{
	char *url = xstrdup(first);
	struct kam_buf why, what;
	int attempt = 0, hops = 0, code = EX_OK;
	enum erp_verdict v;

	buf_init(&why);
	buf_init(&what);
	*root = NULL;
	for (;;) {
		buf_reset(&why);
		buf_reset(&what);
		buf_adds(&what, q->what);
		log_debug("GET %s", url);
		erp_http_get(q->http, url, headers, r);
		v = erp_http_verdict(r, q->empty_status, &code, &why);
		if (v == ERP_V_EMPTY)
			break;
		if (v == ERP_V_OK && (v = parse(q, r, root, &code, &what, &why)) ==
		    ERP_V_OK)
			break;
		if (v == ERP_V_REDIRECT && redirect(q, r, &url, &hops, err))
			continue;
		if (v == ERP_V_REDIRECT) {
			code = EX_UNAVAILABLE;
			break;
		}
		if (r->error == 0 && r->status >= 400)
			error_words(r, &why);
		if (v == ERP_V_RETRY && retry_wait(q, what.data, ++attempt, r, &why,
		    err))
			continue;
		if (v == ERP_V_FAIL)
			buf_addf(err, "%s: %s", what.data, why.data);
		break;
	}
	buf_free(&why);
	buf_free(&what);
	free(url);
	return code;
}
