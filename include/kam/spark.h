/* Small charts in text: a sparkline of levels and a bar of a percentage,
 * in Unicode block characters, or ASCII where the terminal's character
 * set is not UTF-8. No curses. */
#ifndef KAM_SPARK_H
#define KAM_SPARK_H

#include <stdbool.h>

#include "kam/buf.h"

/* Whether the locale's character set is UTF-8 (setlocale(LC_CTYPE, "")
 * has run); else the ASCII forms. */
bool	spark_unicode(void);
/* Appends levels ('0' lowest to '7' highest, ' ' none; other bytes as
 * none) as "▁▂▃▄▅▆▇█", or ASCII "_.-:=+*#". NULL appends nothing. */
void	spark_line(struct kam_buf *out, const char *levels, bool unicode);
/* Appends a bar of width cells filled pct percent (whole cells, full
 * beyond 100), then the percentage: "█████░░░░░ 50%", or "#####.....
 * 50%". A NULL or non-numeric pct appends nothing. */
void	spark_bar(struct kam_buf *out, const char *pct, int width, bool unicode);

#endif
