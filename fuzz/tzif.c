/* Time zone data: any bytes as a TZif file of the system's zoneinfo (RFC
 * 8536), then the offset at and the instant of times across the range. */
#include "erp_tz.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t when[] = {
		-62135596800LL, -2208988800LL, -1, 0, 1700000000LL,
		2147483648LL, 4102444800LL, 253402300799LL,
	};
	struct erp_tz *tz = erp_tz_from_data(data, size);

	if (tz == NULL)
		return 0;
	for (size_t i = 0; i < sizeof when / sizeof when[0]; i++) {
		(void)erp_tz_offset(tz, when[i]);
		(void)erp_tz_to_utc(tz, when[i]);
	}
	erp_tz_free(tz);
	return 0;
}
