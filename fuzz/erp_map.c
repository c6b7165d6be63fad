/* The JSON-to-row mapper: one ERP page's JSON text (erp_json_parse), each
 * record mapped with an installed profile (its decimals, dates, times and
 * time zone, or another zone) to a row, and the row as the COPY line the
 * sync stages. Every value stored must be valid UTF-8, and the line must
 * split back into its columns. */
#include <sysexits.h>

#include "erp_json.h"
#include "erp_map.h"
#include "fuzz.h"
#include "fuzz_tz.h"
#include "kam/copytext.h"

static const char *const profile_names[] = {
	"native", "business-central", "dolibarr", "erpnext",
};
#define NPROFILES (sizeof profile_names / sizeof profile_names[0])
/* odd offsets, half hours, and a clock that moves by 30 minutes */
static const char *const zone_names[] = {
	"UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu",
	"Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo",
};
#define NZONES (sizeof zone_names / sizeof zone_names[0])

static struct erp_profile *profiles[NPROFILES];
static struct erp_tz *zones[NZONES];

int	LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[1024];
	struct kam_buf err;

	(void)argc;
	(void)argv;
	buf_init(&err);
	for (size_t i = 0; i < NPROFILES; i++) {
		snprintf(path, sizeof path, "%s/profiles/%s.json", FUZZ_SRCDIR,
		    profile_names[i]);
		if (erp_profile_load(path, &profiles[i], &err) != EX_OK) {
			fprintf(stderr, "%s\n", err.data);
			abort();
		}
	}
	buf_free(&err);
	fuzz_load_zones(zone_names, zones, NZONES);
	return 0;
}

static void
check_row(const struct erp_resource *r, const struct erp_row *row, bool invalid)
{
	struct copy_field f[ERP_MAXCOLS + 3];
	struct kam_buf line;

	for (size_t i = 0; i < r->ncolumns; i++)
		if (row->values[i] != NULL &&
		    !utf8_valid(row->values[i], strlen(row->values[i])))
			abort();
	buf_init(&line);
	erp_row_copy_line(&line, r, 7, row, invalid);
	if (copytext_split(line.data, line.len, f, ERP_MAXCOLS + 3) !=
	    r->ncolumns + 2)
		abort();
	buf_free(&line);
}

static void
map_one(enum erp_res res, const struct erp_profile *p,
    const struct erp_tz *tz, const cJSON *rec)
{
	const struct erp_resource *r = erp_resource(res);
	struct erp_row row;
	struct kam_buf why;
	bool ok;

	buf_init(&why);
	ok = erp_map_record(r, &p->res[res], tz, rec, &row, &why);
	if (ok || row.values[ERP_COL_ID] != NULL)
		check_row(r, &row, !ok);
	erp_row_clear(&row);
	buf_free(&why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct erp_profile *p = profiles[fuzz_pick(&data, &size, NPROFILES)];
	enum erp_res res = (enum erp_res)fuzz_pick(&data, &size, ERP_NRES);
	unsigned z = fuzz_pick(&data, &size, NZONES + 1);
	const struct erp_tz *tz = z == NZONES ? p->tz : zones[z];
	char *text = fuzz_text(data, size);
	struct kam_buf err;
	const cJSON *rec;
	cJSON *page;

	buf_init(&err);
	if ((page = erp_json_parse(text, size, &err)) != NULL) {
		if (cJSON_IsArray(page))
			cJSON_ArrayForEach(rec, page)
				map_one(res, p, tz, rec);
		else
			map_one(res, p, tz, page);
		cJSON_Delete(page);
	}
	buf_free(&err);
	free(text);
	return 0;
}
