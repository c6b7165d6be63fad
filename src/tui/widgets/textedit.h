/* The line editor of prompts and form fields: valid UTF-8 text, a
 * cursor that never splits a character, the editing actions of the key
 * table's "Editing" group, and for long text the display rows it wraps
 * into. No curses. */
#ifndef KAM_TUI_TEXTEDIT_H
#define KAM_TUI_TEXTEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions.h"
#include "kam/buf.h"

struct textedit {
	struct kam_buf	 text;
	size_t		 cursor;	/* byte offset, on a character start */
	size_t		 max;		/* bytes at most */
	bool		 multiline;	/* '\n' is text */
	size_t		 scroll;	/* one line: the first byte shown */
};

enum tx_result { TX_NONE, TX_MOVED, TX_EDITED };

void	textedit_init(struct textedit *e, size_t max, bool multiline);
void	textedit_free(struct textedit *e);
/* Replaces the text with s, made valid (see textedit_clean); the cursor
 * goes to the end. NULL is empty. */
void	textedit_set(struct textedit *e, const char *s);
/* A typed character; controls and bidi overrides are refused, and so is
 * anything past max. */
enum tx_result textedit_insert(struct textedit *e, uint32_t cp);
/* The actions CURSOR_*, ERASE, DELETE, KILL_TO_*, ERASE_WORD. */
enum tx_result textedit_act(struct textedit *e, enum kam_action a);

/* Text from outside (the database, a draft, $EDITOR's output) as text an
 * editor holds: invalid bytes become U+FFFD, and nothing else changes.
 * Tabs, CR, controls and bidi characters that were stored stay stored
 * (issue 13): the user did not type them away. Drawing shows them as the
 * sanitiser does, and the widths here count that form. */
void	textedit_clean(struct kam_buf *out, const char *s, size_t len);

/* Long text as display rows of at most cols - 1 columns (the last
 * column is kept for the cursor): byte ranges, '\n' not included.
 * Returns the count (at least one); free *rows. */
struct tx_row {
	size_t	start, end;
};
size_t	textedit_rows(const struct textedit *e, size_t cols, struct tx_row **rows);
/* The row of rows holding byte offset at, and its display column. */
size_t	textedit_row_of(const struct textedit *e, const struct tx_row *rows,
	    size_t n, size_t at, size_t *col);
/* Moves the cursor one display row up (dir -1) or down, keeping its
 * column; false on the first or last row. */
bool	textedit_vertical(struct textedit *e, size_t cols, int dir);
/* One line in cols columns: moves scroll so that the cursor shows, and
 * returns the cursor's column counted from scroll. */
size_t	textedit_view(struct textedit *e, size_t cols);

#endif
