/* Times from the ERP: ISO 8601 text with or without a zone (wall time in
 * one of several zones) and unix seconds. What parses is written in each
 * style the sync sends; RFC 3339 text must read back as the same instant. */
#include "erp_time.h"
#include "fuzz.h"
#include "fuzz_tz.h"

static const char *const zone_names[] = {
	"UTC", "Europe/Berlin", "America/St_Johns", "Australia/Lord_Howe",
	"Pacific/Chatham", "Pacific/Kiritimati",
};
#define NZONES (sizeof zone_names / sizeof zone_names[0])

static struct erp_tz *zones[NZONES];

int	LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_load_zones(zone_names, zones, NZONES);
	return 0;
}

static void
write_back(int64_t us, const struct erp_tz *tz, int digits)
{
	char out[ERP_TIME_LEN];
	int64_t again;

	erp_time_format(us, ERP_TIME_LOCAL, digits, tz, out);
	erp_time_format(us, ERP_TIME_UNIX, digits, tz, out);
	(void)erp_time_date(us, tz);
	erp_time_format(us, ERP_TIME_RFC3339, 6, tz, out);
	if (erp_time_parse_iso(out, tz, &again) && again != us) {
		fprintf(stderr, "%lld written as %s reads %lld\n", (long long)us,
		    out, (long long)again);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct erp_tz *tz = zones[fuzz_pick(&data, &size, NZONES)];
	int digits = (int)fuzz_pick(&data, &size, 8);
	char *text = fuzz_text(data, size);
	int64_t us;

	if (erp_time_parse_iso(text, tz, &us))
		write_back(us, tz, digits);
	if (erp_time_parse_unix(text, &us))
		write_back(us, tz, digits);
	free(text);
	return 0;
}
