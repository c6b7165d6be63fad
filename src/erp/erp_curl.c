/* libcurl opened on demand (erp_curl.h). */
#include <stdlib.h>
#include <sysexits.h>

#include "erp_curl.h"
#include "kam/log.h"

static struct erp_curl api;
static bool loaded;

bool
erp_curl_load(struct kam_buf *err)
{
	static const char *const names[] = { ERP_CURL_FUNCS(DL_NAME) };
#define SLOT(f) &api.f,
	void *const slots[] = { ERP_CURL_FUNCS(SLOT) };
#undef SLOT

	if (!loaded)
		loaded = dl_load(ERP_CURL_SONAME, "the ERP sync", names, slots,
		    sizeof names / sizeof *names, err);
	return loaded;
}

const struct erp_curl *
erp_curl(void)
{
	struct kam_buf err;

	if (loaded)
		return &api;
	buf_init(&err);
	if (!erp_curl_load(&err)) {
		log_warn("%s (install libcurl 4)", err.data);
		exit(EX_UNAVAILABLE);
	}
	buf_free(&err);
	return &api;
}
