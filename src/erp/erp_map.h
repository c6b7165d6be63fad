/* One ERP record to one row of column values: follows the profile's field
 * map, converts and checks every value against its column, and says
 * clearly what is wrong with a record that cannot be stored. */
#ifndef KAM_ERP_MAP_H
#define KAM_ERP_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "erp_profile.h"
#include "erp_resource.h"
#include "kam/buf.h"

#define ERP_MAX_TEXT	65536	/* bytes in one value */
#define ERP_MAX_ID	200

struct erp_row {
	char	*values[ERP_MAXCOLS];	/* text per column, NULL for SQL NULL */
	bool	 deleted;		/* a tombstone */
	bool	 has_updated;
	int64_t	 updated_us;		/* change time, UTC */
};

/* Fills row from rec. On failure returns false with "column: problem" in
 * why; row->values[ERP_COL_ID] is still set when the id was readable. */
bool	erp_map_record(const struct erp_resource *r, const struct erp_rprofile *rp,
	    const struct erp_tz *tz, const cJSON *rec, struct erp_row *row,
	    struct kam_buf *why);
void	erp_row_clear(struct erp_row *row);

/* Appends row as one line of COPY text format: seq, invalid, columns. */
void	erp_row_copy_line(struct kam_buf *out, const struct erp_resource *r,
	    long seq, const struct erp_row *row, bool invalid);

#endif
