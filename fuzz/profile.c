/* ERP profiles (kam-erp(5)): any text as profiles/NAME.json. */
#include <sysexits.h>

#include "erp_profile.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct erp_profile *p = NULL;
	struct kam_buf err;

	buf_init(&err);
	if (erp_profile_parse(text, size, "fuzz.json", &p, &err) == EX_OK)
		erp_profile_free(p);
	buf_free(&err);
	free(text);
	return 0;
}
