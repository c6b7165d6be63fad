#include <stdlib.h>
#include <string.h>

#include "erp_decimal.h"
#include "kam/decimal.h"

#define MAX_TEXT	200	/* longer is not money */
#define MAX_SHIFT	64	/* exponents beyond this are out of range */

/* The number's digits in one run, and where the point falls in it. */
struct parts {
	bool	 negative;
	char	 digits[MAX_TEXT + 1];	/* integer and fraction digits */
	int	 ndigits;
	int	 point;			/* digits before the decimal point */
};

/* [-+]?digits[.digits]?([eE][-+]?digits)?, read by kam/decimal.h */
static bool
split(const char *s, struct parts *p)
{
	struct decimal d;
	long shift;

	memset(p, 0, sizeof *p);
	if (strlen(s) > MAX_TEXT ||
	    !decimal_parse(s, strlen(s), DECIMAL_EXPONENT, &d))
		return false;
	p->negative = d.negative;
	memcpy(p->digits, d.int_digits, d.nint);
	memcpy(p->digits + d.nint, d.frac_digits, d.nfrac);
	p->ndigits = (int)(d.nint + d.nfrac);
	shift = d.exponent;
	if (shift > MAX_SHIFT + MAX_TEXT)
		shift = MAX_SHIFT + MAX_TEXT;
	if (shift < -(MAX_SHIFT + MAX_TEXT))
		shift = -(MAX_SHIFT + MAX_TEXT);
	p->point = (int)d.nint + (int)shift;
	return true;
}

/* The digit at position i counted from the point (negative: integer
 * part, 0: first decimal), zero outside the digits. */
static int
digit_at(const struct parts *p, int i)
{
	int k = p->point + i;

	return k >= 0 && k < p->ndigits ? p->digits[k] - '0' : 0;
}

/* Writes the integer and scale decimals, rounded, into out (no sign). */
static void
render(const struct parts *p, int scale, char *out, int *len)
{
	int first = p->point > 0 ? -p->point : -1;
	int n = 0, carry, i;

	for (i = first; i < scale; i++)
		out[n++] = (char)('0' + digit_at(p, i));
	carry = digit_at(p, scale) >= 5;
	for (i = n - 1; i >= 0 && carry; i--) {
		carry = out[i] == '9';
		out[i] = carry ? '0' : (char)(out[i] + 1);
	}
	if (carry) {
		memmove(out + 1, out, (size_t)n);
		out[0] = '1';
		n++;
	}
	*len = n;
}

bool
erp_decimal(const char *in, int scale, int int_digits, bool negative_ok,
    struct kam_buf *out, const char **why)
{
	char text[2 * MAX_TEXT + 2 * MAX_SHIFT + 8];
	struct parts p;
	int len, nint, lead = 0, i;
	bool zero = true;

	*why = "is not a decimal number";
	if (!split(in, &p))
		return false;
	*why = "is too large";
	if (p.point > MAX_SHIFT + int_digits)
		return false;
	render(&p, scale, text, &len);
	nint = len - scale;
	while (lead < nint - 1 && text[lead] == '0')
		lead++;
	if (nint - lead > int_digits)
		return false;
	for (i = lead; i < len; i++)
		zero = zero && text[i] == '0';
	*why = "is negative";
	if (p.negative && !zero && !negative_ok)
		return false;
	if (p.negative && !zero)
		buf_addc(out, '-');
	buf_add(out, text + lead, (size_t)(nint - lead));
	if (scale > 0) {
		buf_addc(out, '.');
		buf_add(out, text + nint, (size_t)scale);
	}
	return true;
}
