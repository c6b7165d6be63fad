/* Text for the screen: every string passes here on its way to the
 * terminal. Sanitised (controls and bidi overrides made visible, invalid
 * UTF-8 as \xNN), measured in display columns, cut at a column edge
 * without splitting a character, padded to an exact width. No curses. */
#ifndef KAM_TUI_TEXT_H
#define KAM_TUI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

/* Called for each run of output: safe UTF-8 bytes taking cols columns;
 * escaped runs stand for characters that were made visible. */
typedef void	(*text_emit)(void *ctx, const char *s, size_t n, size_t cols,
		    bool escaped);

/* Walks s (len bytes of anything), emitting what fits in cols columns.
 * Returns the columns used. */
size_t	text_walk(const char *s, size_t len, size_t cols, text_emit emit,
	    void *ctx);

enum text_align { ALIGN_LEFT, ALIGN_RIGHT };

/* Appends s to out as exactly cols columns: cut or padded with spaces.
 * NULL s is empty. */
void	text_fit(struct kam_buf *out, const char *s, size_t cols,
	    enum text_align align);
/* Display width after sanitising. */
size_t	text_width(const char *s);

/* Splits s into lines of at most cols columns, at spaces where it can,
 * at hard line breaks always. Each line is sanitised; *out is an array
 * the caller frees with strv_free. Returns the count. */
size_t	text_wrap(const char *s, size_t cols, char ***out);

/* Whether hay holds needle, ignoring ASCII case (a "/" search). */
bool	text_contains(const char *hay, const char *needle);

#endif
