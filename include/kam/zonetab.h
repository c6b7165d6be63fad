/* The time zones of a country, from tzdata's zone.tab (one line a
 * country and zone: "DE<TAB>+5230+01322<TAB>Europe/Berlin<TAB>most of
 * Germany"), or zone1970.tab where a line names several countries
 * ("CH,DE,LI<TAB>...<TAB>Europe/Zurich<TAB>Büsingen"). tzdata's
 * theory.html and the files' own headers describe the format. The file
 * is the system's, so untrusted: lines that do not fit are skipped. */
#ifndef KAM_ZONETAB_H
#define KAM_ZONETAB_H

#include <stdbool.h>
#include <stdio.h>

#include "kam/buf.h"

#define ZONETAB_MAX	8	/* more than this: "and others" */

struct zonetab {
	size_t	 n;		/* every zone of the country, even past max */
	char	*zone[ZONETAB_MAX];
	char	*comment[ZONETAB_MAX];	/* "most of Germany", or NULL */
};

/* The zones of country (two capital letters) in the lines of in. */
void	zonetab_read(FILE *in, const char *country, struct zonetab *out);
void	zonetab_free(struct zonetab *z);
/* $TZDIR/zone.tab (else /usr/share/zoneinfo), else zone1970.tab there:
 * the zones of country, and the file read into path; false when neither
 * file opens. */
bool	zonetab_lookup(const char *country, struct zonetab *out,
	    struct kam_buf *path);

#endif
