#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "erp_curl.h"
#include "erp_url.h"
#include "kam/xalloc.h"

static const char *
var(const struct erp_vars *v, const char *name, size_t n)
{
	static const struct { const char *name; size_t off; } names[] = {
		{ "limit", offsetof(struct erp_vars, limit) },
		{ "since", offsetof(struct erp_vars, since) },
		{ "cursor", offsetof(struct erp_vars, cursor) },
		{ "offset", offsetof(struct erp_vars, offset) },
		{ "page", offsetof(struct erp_vars, page) },
		{ "after", offsetof(struct erp_vars, after) },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, name, n) == 0)
			return *(const char *const *)(const void *)
			    ((const char *)v + names[i].off);
	return NULL;
}

bool
erp_template(const char *tmpl, const struct erp_vars *v, struct kam_buf *out)
{
	size_t mark = out->len;
	const char *p, *close, *value;

	for (p = tmpl; *p; p++) {
		if (*p != '{' || (close = strchr(p, '}')) == NULL) {
			buf_addc(out, *p);
			continue;
		}
		if ((value = var(v, p + 1, (size_t)(close - p - 1))) == NULL) {
			out->len = mark;
			out->data[mark] = '\0';
			return false;
		}
		buf_adds(out, value);
		p = close;
	}
	return true;
}

/* Percent-encodes s, keeping letters, digits and the bytes of keep. */
static void
encode(struct kam_buf *url, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr(keep, *p) != NULL) {
			buf_addc(url, (char)*p);
			continue;
		}
		buf_addc(url, '%');
		buf_addc(url, hex[*p >> 4]);
		buf_addc(url, hex[*p & 15]);
	}
}

void
erp_url_path(struct kam_buf *url, const char *path)
{
	/* RFC 3986 pchar and '/', and '%' for escapes already there */
	encode(url, path, "-._~!$&'()*+,;=:@/%");
}

void
erp_url_param(struct kam_buf *url, const char *name, const char *value)
{
	buf_addc(url, strchr(url->data, '?') ? '&' : '?');
	encode(url, name, "-._~");
	buf_addc(url, '=');
	encode(url, value, "-._~");
}

/* scheme, host and port of url (lower-cased where case does not count) */
static bool
origin(const char *url, char **scheme, char **host, char **port)
{
	CURLU *u = erp_curl()->curl_url();
	bool ok;

	*scheme = *host = *port = NULL;
	ok = u != NULL && erp_curl()->curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    erp_curl()->curl_url_get(u, CURLUPART_SCHEME, scheme, 0) == CURLUE_OK &&
	    erp_curl()->curl_url_get(u, CURLUPART_HOST, host, 0) == CURLUE_OK &&
	    erp_curl()->curl_url_get(u, CURLUPART_PORT, port, CURLU_DEFAULT_PORT) == CURLUE_OK;
	erp_curl()->curl_url_cleanup(u);
	return ok;
}

static void
origin_free(char *scheme, char *host, char *port)
{
	erp_curl()->curl_free(scheme);
	erp_curl()->curl_free(host);
	erp_curl()->curl_free(port);
}

bool
erp_url_same_origin(const char *a, const char *b)
{
	char *s1, *h1, *p1, *s2 = NULL, *h2 = NULL, *p2 = NULL;
	bool same;

	same = origin(a, &s1, &h1, &p1) && origin(b, &s2, &h2, &p2) &&
	    strcasecmp(s1, s2) == 0 && strcasecmp(h1, h2) == 0 &&
	    strcmp(p1, p2) == 0;
	origin_free(s1, h1, p1);
	origin_free(s2, h2, p2);
	return same;
}

/* Whether host (as libcurl gives it, IPv6 in brackets) is this machine
 * by its literal: an IPv4 address in 127.0.0.0/8, IPv6 ::1 or 127/8
 * mapped into IPv6, or the name "localhost", which libcurl (7.78 on)
 * answers with 127.0.0.1 and ::1 itself, never asking a resolver, a
 * hosts file or DNS (lib/hostip.c, get_localhost). Any other name is
 * refused, whatever it starts with: "127.example.com" resolves wherever
 * its owner likes. */
static bool
loopback(const char *host)
{
	char text[INET6_ADDRSTRLEN + 2];
	struct in6_addr a6;
	struct in_addr a4;
	size_t n = strlen(host);

	if (strcasecmp(host, "localhost") == 0)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (n < 3 || n >= sizeof text || host[0] != '[' || host[n - 1] != ']')
		return false;
	memcpy(text, host + 1, n - 2);
	text[n - 2] = '\0';
	return inet_pton(AF_INET6, text, &a6) == 1 && (IN6_IS_ADDR_LOOPBACK(&a6) ||
	    (IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127));
}

bool
erp_url_check_base(const char *url, struct kam_buf *err)
{
	char *scheme, *host, *port;
	bool ok = true;

	if (url == NULL || *url == '\0') {
		buf_adds(err, "erp.base_url is not set (kam.conf [erp] or KAM_ERP_URL)");
		return false;
	}
	if (!origin(url, &scheme, &host, &port) || strchr(url, '?') != NULL ||
	    strchr(url, '#') != NULL) {
		buf_adds(err, "erp.base_url is not a usable URL (scheme://host[:port]/path, "
		    "no query)");
		ok = false;
	} else if (strcasecmp(scheme, "https") != 0 &&
	    (strcasecmp(scheme, "http") != 0 || !loopback(host))) {
		buf_adds(err, "erp.base_url must use https (plain http is allowed "
		    "only to this machine, since the token would travel readable)");
		ok = false;
	}
	origin_free(scheme, host, port);
	return ok;
}

char *
erp_url_resolve(const char *base, const char *ref)
{
	CURLU *u = erp_curl()->curl_url();
	char *out = NULL, *copy = NULL;

	if (u != NULL && erp_curl()->curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    erp_curl()->curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    erp_curl()->curl_url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK)
		copy = xstrdup(out);
	erp_curl()->curl_free(out);
	erp_curl()->curl_url_cleanup(u);
	return copy;
}
