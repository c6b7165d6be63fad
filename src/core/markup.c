/* Escapes for the brief's formats. CommonMark: any ASCII punctuation may
 * be escaped with a backslash (spec 0.31, "Backslash escapes"); the ones
 * that start emphasis, code, links, HTML, tables (GFM) or entities are.
 * groff(7): a text line whose first character is the control character
 * (.) or the no-break control character (') is a request; \& before it
 * is a zero-width nothing that stops that, and \(rs is the backslash
 * glyph, the escape character itself never reaching troff raw;
 * groff_char(7) names the ASCII quote, grave, caret and tilde, which
 * troff would otherwise set as typographic marks. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "kam/markup.h"
#include "kam/utf8.h"

static void
html(struct kam_buf *out, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': buf_adds(out, "&amp;"); break;
		case '<': buf_adds(out, "&lt;"); break;
		case '>': buf_adds(out, "&gt;"); break;
		case '"': buf_adds(out, "&quot;"); break;
		case '\'': buf_adds(out, "&#39;"); break;
		default: buf_addc(out, *s);
		}
}

/* A number and a dot or parenthesis at a line's start is an ordered
 * list; - + at the start a bullet: escaped where the text begins. */
static void
md(struct kam_buf *out, const char *s)
{
	size_t digits = strspn(s, "0123456789");

	if (*s == '-' || *s == '+')
		buf_addc(out, '\\');
	for (const char *p = s; *p != '\0'; p++) {
		if (strchr("\\`*_{}[]<>#!|~&", *p) != NULL ||
		    (p == s + digits && digits > 0 && (*p == '.' || *p == ')')))
			buf_addc(out, '\\');
		buf_addc(out, *p);
	}
}

static void
roff(struct kam_buf *out, const char *s)
{
	buf_adds(out, "\\&");
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\': buf_adds(out, "\\(rs"); break;
		/* the ASCII glyphs, not the typographic ones troff would set */
		case '\'': buf_adds(out, "\\(aq"); break;
		case '`': buf_adds(out, "\\(ga"); break;
		case '^': buf_adds(out, "\\(ha"); break;
		case '~': buf_adds(out, "\\(ti"); break;
		default: buf_addc(out, *s);
		}
}

void
markup_text_cut(struct kam_buf *out, enum markup m, const char *s,
    size_t cols)
{
	struct kam_buf safe;
	size_t used, fit;

	if (s == NULL)
		return;
	buf_init(&safe);
	utf8_sanitize(&safe, s, strlen(s));
	if (utf8_width(safe.data, safe.len) > cols) {
		fit = utf8_fit(safe.data, safe.len, cols - 1, &used);
		safe.data[fit] = '\0';
		safe.len = fit;
		buf_adds(&safe, "\xe2\x80\xa6");	/* U+2026 HORIZONTAL ELLIPSIS */
	}
	if (m == MARKUP_HTML)
		html(out, safe.data);
	else if (m == MARKUP_MD)
		md(out, safe.data);
	else
		roff(out, safe.data);
	buf_free(&safe);
}

void
markup_text(struct kam_buf *out, enum markup m, const char *s)
{
	markup_text_cut(out, m, s, SIZE_MAX);
}
