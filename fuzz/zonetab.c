/* tzdata's zone table: any bytes as zone.tab or zone1970.tab, the zones
 * of a country picked by the first byte; every zone taken is a name of
 * IANA's letters and every comment valid UTF-8. */
#include "fuzz.h"
#include "kam/zonetab.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const countries[] = { "DE", "US", "CH", "DK", "XX", "" };
	const char *country = countries[fuzz_pick(&data, &size, 6)];
	struct zonetab z;
	FILE *in;

	if ((in = fmemopen((void *)(uintptr_t)data, size ? size : 1, "r")) == NULL)
		return 0;
	zonetab_read(in, country, &z);
	fclose(in);
	for (size_t i = 0; i < z.n && i < ZONETAB_MAX; i++) {
		if (z.zone[i][strspn(z.zone[i], "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "abcdefghijklmnopqrstuvwxyz0123456789/_+-")] != '\0')
			abort();
		if (z.comment[i] != NULL &&
		    !utf8_valid(z.comment[i], strlen(z.comment[i])))
			abort();
	}
	zonetab_free(&z);
	return 0;
}
