/* The scope both lists of :quality share (the findings, quality_screen.h,
 * and the candidate duplicates, duplicates_screen.h): mine, my team's or
 * all. A unit of its own so the two lists need not include each other. */
#ifndef KAM_TUI_QUALITY_SCOPE_H
#define KAM_TUI_QUALITY_SCOPE_H

#include "client.h"

/* The next scope (m). */
void	quality_scope_next(struct tui *t);
/* The scope in words for a title ("my team's accounts"). */
const char *quality_scope_words(const struct tui *t);

#endif
