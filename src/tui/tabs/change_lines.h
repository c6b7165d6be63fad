/* One audit log entry in full, as lines for the pager: when, who, what
 * and how, then each field with its old and new value, wrapped and
 * sanitised. No curses. */
#ifndef KAM_TUI_CHANGE_LINES_H
#define KAM_TUI_CHANGE_LINES_H

#include <stddef.h>

#include "kam/account_detail.h"

/* rows as AQ_CHANGE returns them (one a field); cols the width to wrap
 * to. Returns the count; free the lines with strv_free. */
size_t	change_lines(const struct acct_rows *rows, size_t cols, char ***lines);

#endif
