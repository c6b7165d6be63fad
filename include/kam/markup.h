/* Text from the database made safe inside a document kam writes: first
 * the one sanitiser (controls and bidi overrides made visible, invalid
 * bytes shown as \xNN), then the escapes of the format, so that no value
 * can become markup, a macro or a request. */
#ifndef KAM_MARKUP_H
#define KAM_MARKUP_H

#include <stddef.h>

#include "kam/buf.h"

enum markup { MARKUP_MD, MARKUP_HTML, MARKUP_ROFF };

/* Appends s (NULL appends nothing) escaped for format m:
 * MARKUP_HTML  & < > " ' as character references;
 * MARKUP_MD    every CommonMark special as \x, line-start list and
 *              heading marks too, so the text stays text inline;
 * MARKUP_ROFF  a text line of groff: \& first (a leading . or ' is no
 *              request), every backslash as \(rs, ' ` ^ ~ as their
 *              ASCII glyphs. */
void	markup_text(struct kam_buf *out, enum markup m, const char *s);
/* The same, cut to cols columns (cols > 0) with an ellipsis when longer. */
void	markup_text_cut(struct kam_buf *out, enum markup m, const char *s,
	    size_t cols);

#endif
