#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "config.h"
#include "erp_curl.h"
#include "erp_file.h"
#include "erp_http.h"
#include "kam/xalloc.h"

struct erp_http {
	CURL			*curl;
	size_t			 max_bytes;
	const atomic_bool	*stop;
	struct erp_reply	*reply;	/* the one being filled */
};

/* Set from a signal handler, read by the fetching threads. */
static atomic_bool stop_all;
_Static_assert(ATOMIC_BOOL_LOCK_FREE == 2, "a signal handler sets stop_all");

void
erp_http_stop_all(void)
{
	atomic_store(&stop_all, true);
}

bool
erp_http_stopping(const atomic_bool *own)
{
	return (own != NULL && atomic_load(own)) || atomic_load(&stop_all);
}

static size_t
on_body(char *p, size_t size, size_t n, void *arg)
{
	struct erp_http *h = arg;
	size_t len = size * n;

	if (h->reply->body.len + len > h->max_bytes) {
		h->reply->too_big = true;
		return 0;	/* ends the transfer: never hold more */
	}
	buf_add(&h->reply->body, p, len);
	return len;
}

/* Keeps the value of "Name: value\r\n" when the name is wanted. */
static void
keep_header(const char *line, size_t len, const char *name, struct kam_buf *out)
{
	size_t n = strlen(name);

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return;
	line += n + 1;
	len -= n + 1;
	while (len > 0 && (*line == ' ' || *line == '\t'))
		line++, len--;
	while (len > 0 && (line[len - 1] == '\r' || line[len - 1] == '\n' ||
	    line[len - 1] == ' '))
		len--;
	buf_reset(out);
	buf_add(out, line, len > 1000 ? 1000 : len);
}

static size_t
on_header(char *p, size_t size, size_t n, void *arg)
{
	struct erp_http *h = arg;
	size_t len = size * n;

	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* a new answer (after 100 Continue, say): forget the last */
		buf_reset(&h->reply->content_type);
		buf_reset(&h->reply->retry_after);
	}
	keep_header(p, len, "Content-Type", &h->reply->content_type);
	keep_header(p, len, "Retry-After", &h->reply->retry_after);
	return len;
}

static int
on_progress(void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	struct erp_http *h = arg;

	(void)dt; (void)dn; (void)ut; (void)un;
	return erp_http_stopping(h->stop);
}

#define CA_MAX_BYTES	(8L << 20)

/* erp.ca_file adds to the certificates libcurl trusts anyway: both go to
 * libcurl as one bundle in memory. */
static bool
trust(CURL *c, const char *ca_file, struct kam_buf *err)
{
	struct curl_blob blob;
	struct kam_buf pem;
	char *system = NULL;
	bool ok;

	buf_init(&pem);
	if (erp_curl()->curl_easy_getinfo(c, CURLINFO_CAINFO, &system) == CURLE_OK &&
	    system != NULL && erp_file_read(system, CA_MAX_BYTES, &pem))
		buf_addc(&pem, '\n');
	if (!(ok = erp_file_read(ca_file, CA_MAX_BYTES, &pem)))
		buf_addf(err, "erp.ca_file %s: %s", ca_file, strerror(errno));
	else {
		blob = (struct curl_blob){ pem.data, pem.len, CURL_BLOB_COPY };
		ok = erp_curl()->curl_easy_setopt(c, CURLOPT_CAINFO_BLOB, &blob) == CURLE_OK;
		if (!ok)
			buf_addf(err, "erp.ca_file: this libcurl cannot take it");
	}
	buf_free(&pem);
	return ok;
}

struct erp_http *
erp_http_new(const struct erp_http_opts *o, struct kam_buf *err)
{
	struct erp_http *h = xcalloc(1, sizeof *h);
	CURL *c;

	if ((c = h->curl = erp_curl()->curl_easy_init()) == NULL) {
		buf_adds(err, "cannot set up libcurl");
		free(h);
		return NULL;
	}
	if (o->ca_file != NULL && !trust(c, o->ca_file, err)) {
		erp_http_free(h);
		return NULL;
	}
	h->max_bytes = o->max_bytes;
	h->stop = o->stop;
	erp_curl()->curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	erp_curl()->curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	erp_curl()->curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	erp_curl()->curl_easy_setopt(c, CURLOPT_TIMEOUT, o->timeout);
	erp_curl()->curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	erp_curl()->curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	erp_curl()->curl_easy_setopt(c, CURLOPT_USERAGENT, "kam/" PACKAGE_VERSION);
	erp_curl()->curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	erp_curl()->curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	erp_curl()->curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	erp_curl()->curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	erp_curl()->curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	erp_curl()->curl_easy_setopt(c, CURLOPT_WRITEDATA, h);
	erp_curl()->curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	erp_curl()->curl_easy_setopt(c, CURLOPT_HEADERDATA, h);
	erp_curl()->curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	erp_curl()->curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
	erp_curl()->curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	return h;
}

void
erp_http_free(struct erp_http *h)
{
	if (h == NULL)
		return;
	erp_curl()->curl_easy_cleanup(h->curl);
	free(h);
}

void
erp_reply_init(struct erp_reply *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->body);
	buf_init(&r->content_type);
	buf_init(&r->retry_after);
}

void
erp_reply_free(struct erp_reply *r)
{
	buf_free(&r->body);
	buf_free(&r->content_type);
	buf_free(&r->retry_after);
	free(r->location);
	erp_reply_init(r);
}

void
erp_http_get(struct erp_http *h, const char *url,
    const struct curl_slist *headers, struct erp_reply *r)
{
	char *location = NULL;
	CURLcode rc;

	erp_reply_free(r);
	h->reply = r;
	erp_curl()->curl_easy_setopt(h->curl, CURLOPT_URL, url);
	/* plain http is only ever to this machine (erp_url_check_base): a
	 * proxy from http_proxy would read the token, so go direct; https
	 * may take the user's proxy, which sees only a tunnel */
	erp_curl()->curl_easy_setopt(h->curl, CURLOPT_PROXY, strncasecmp(url, "http:", 5) == 0 ?
	    "" : NULL);
	erp_curl()->curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
	erp_curl()->curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, r->message);
	rc = erp_curl()->curl_easy_perform(h->curl);
	erp_curl()->curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, NULL);
	r->error = rc == CURLE_FILESIZE_EXCEEDED ? CURLE_WRITE_ERROR : (int)rc;
	if (rc == CURLE_FILESIZE_EXCEEDED)
		r->too_big = true;
	if (r->message[0] == '\0' && rc != CURLE_OK)
		snprintf(r->message, sizeof r->message, "%s", erp_curl()->curl_easy_strerror(rc));
	erp_curl()->curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	if (erp_curl()->curl_easy_getinfo(h->curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK &&
	    location != NULL)
		r->location = xstrdup(location);
	h->reply = NULL;
}

static bool
transient(int error)
{
	switch (error) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static enum erp_verdict
transfer_verdict(const struct erp_reply *r, int *code, struct kam_buf *why)
{
	if (r->too_big) {
		buf_addf(why, "the answer is larger than %ld MB, more than kam takes "
		    "in one page", ERP_MAX_ANSWER >> 20);
		*code = EX_DATAERR;
		return ERP_V_FAIL;
	}
	if (r->error == CURLE_ABORTED_BY_CALLBACK) {
		buf_adds(why, "stopped");
		*code = EX_TEMPFAIL;
		return ERP_V_FAIL;
	}
	buf_addf(why, "cannot reach the ERP: %s", r->message);
	*code = EX_UNAVAILABLE;
	return transient(r->error) ? ERP_V_RETRY : ERP_V_FAIL;
}

static bool
looks_like_html(const struct erp_reply *r)
{
	const char *p = r->body.data;

	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	return strncasecmp(r->content_type.data, "text/html", 9) == 0 || *p == '<';
}

static enum erp_verdict
status_verdict(const struct erp_reply *r, int *code, struct kam_buf *why)
{
	long s = r->status;

	*code = EX_UNAVAILABLE;
	if (s == 401 || s == 403) {
		*code = EX_NOPERM;
		buf_addf(why, s == 401 ? "the ERP refused the credentials (HTTP 401); "
		    "check KAM_ERP_TOKEN or erp.token_file" :
		    "the ERP does not allow this (HTTP 403)");
		return ERP_V_FAIL;
	}
	if (s == 408 || s == 425 || s == 429 || s >= 500) {
		*code = s == 429 || s == 503 ? EX_TEMPFAIL : EX_UNAVAILABLE;
		buf_addf(why, "the ERP answered HTTP %ld", s);
		return ERP_V_RETRY;
	}
	if (s == 404) {
		*code = EX_CONFIG;
		buf_adds(why, "the ERP has no such path (HTTP 404); check erp.base_url "
		    "and the profile");
		return ERP_V_FAIL;
	}
	buf_addf(why, "the ERP refused the request (HTTP %ld)", s);
	return ERP_V_FAIL;
}

enum erp_verdict
erp_http_verdict(const struct erp_reply *r, long empty_status, int *code,
    struct kam_buf *why)
{
	long s = r->status;

	*code = EX_OK;
	if (r->error != 0 || r->too_big)
		return transfer_verdict(r, code, why);
	if (empty_status != 0 && s == empty_status)
		return ERP_V_EMPTY;
	if (s >= 200 && s < 300 && looks_like_html(r)) {
		*code = EX_DATAERR;
		buf_addf(why, "the ERP sent an HTML page, not JSON (HTTP %ld); is "
		    "erp.base_url right?", s);
		return ERP_V_FAIL;
	}
	if (s >= 200 && s < 300)
		return ERP_V_OK;
	if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) &&
	    r->location != NULL)
		return ERP_V_REDIRECT;
	return status_verdict(r, code, why);
}
