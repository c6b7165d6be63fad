#define _XOPEN_SOURCE 700	/* wcwidth */
#include <stdio.h>
#include <wchar.h>

#include "kam/utf8.h"

int
utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c, min;
	int n, i;

	if (len == 0)
		return -1;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	} else
		return -1;
	if (len < (size_t)n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return n;
}

int
utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool
utf8_valid(const char *s, size_t len)
{
	uint32_t cp;
	int n;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &cp)) < 0)
			return false;
		s += n;
		len -= (size_t)n;
	}
	return true;
}

size_t
utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static bool
is_bidi_control(uint32_t cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

bool
utf8_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    is_bidi_control(cp);
}

/* The visible form of an unsafe character: ^[ for ESC, ^? for DEL,
 * <U+202E> for the others. ASCII, so its length is its width. */
static int
shown_form(uint32_t cp, char out[16])
{
	if (cp < 0x20)
		return snprintf(out, 16, "^%c", (char)(cp + '@'));
	if (cp == 0x7f)
		return snprintf(out, 16, "^?");
	return snprintf(out, 16, "<U+%04X>", (unsigned)cp);
}

int
utf8_cp_width(uint32_t cp)
{
	char shown[16];
	int w;

	if (utf8_is_unsafe(cp))
		return shown_form(cp, shown);
	if (cp < 0x7f)
		return 1;
	w = wcwidth((wchar_t)cp);
	/* Unassigned code points, or a locale that is not UTF-8: the
	 * terminal will most likely show one cell. */
	return w < 0 ? 1 : w;
}

static void
sanitize_cp(struct kam_buf *out, uint32_t cp)
{
	char shown[16];

	buf_add(out, shown, (size_t)shown_form(cp, shown));
}

void
utf8_sanitize(struct kam_buf *out, const char *s, size_t len)
{
	uint32_t cp;
	int n;

	while (len > 0) {
		n = utf8_decode(s, len, &cp);
		if (n < 0) {
			buf_addf(out, "\\x%02X", (unsigned char)*s);
			n = 1;
		} else if (utf8_is_unsafe(cp))
			sanitize_cp(out, cp);
		else
			buf_add(out, s, (size_t)n);
		s += n;
		len -= (size_t)n;
	}
}

size_t
utf8_width(const char *s, size_t len)
{
	struct kam_buf safe;
	size_t used;

	buf_init(&safe);
	utf8_sanitize(&safe, s, len);
	utf8_fit(safe.data, safe.len, (size_t)-1, &used);
	buf_free(&safe);
	return used;
}

size_t
utf8_fit(const char *s, size_t len, size_t cols, size_t *used)
{
	size_t off = 0, width = 0;
	uint32_t cp;
	int n, w;

	while (off < len) {
		if ((n = utf8_decode(s + off, len - off, &cp)) < 0)
			break;	/* not sanitised: stop rather than guess */
		w = utf8_cp_width(cp);
		if (width + (size_t)w > cols)
			break;
		width += (size_t)w;
		off += (size_t)n;
	}
	*used = width;
	return off;
}
