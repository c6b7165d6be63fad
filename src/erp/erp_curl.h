/* libcurl, opened when a sync starts (kam/dl.h) rather than when kam
 * starts: the ERP client's functions, called as erp_curl()->curl_...().
 * Only the sync links to the ERP, and only it pays for libcurl and the
 * TLS, HTTP/2, SSH and LDAP libraries behind it. */
#ifndef KAM_ERP_CURL_H
#define KAM_ERP_CURL_H

#include <stdbool.h>

#include <curl/curl.h>

#include "kam/buf.h"
#include "kam/dl.h"

/* curl's GCC type checks are macros over these two names, which would
 * expand in erp_curl()->curl_easy_setopt(...): the calls go through
 * pointers of the functions' own types instead */
#undef curl_easy_setopt
#undef curl_easy_getinfo

#define ERP_CURL_SONAME	"libcurl.so.4"
#define ERP_CURL_FUNCS(X) \
	X(curl_global_init) X(curl_global_cleanup) \
	X(curl_easy_init) X(curl_easy_setopt) X(curl_easy_perform) \
	X(curl_easy_getinfo) X(curl_easy_strerror) X(curl_easy_cleanup) \
	X(curl_slist_append) X(curl_slist_free_all) \
	X(curl_url) X(curl_url_set) X(curl_url_get) X(curl_url_cleanup) \
	X(curl_free)

struct erp_curl {
	ERP_CURL_FUNCS(DL_MEMBER)
};

/* Loads libcurl once; false with err saying why when it cannot. */
bool			 erp_curl_load(struct kam_buf *err);

/* The loaded functions; loads them first if need be (the sync has, and
 * said so when it could not: past that, a missing libcurl ends kam with
 * the reason and EX_UNAVAILABLE rather than a crash). */
const struct erp_curl	*erp_curl(void);

#endif
