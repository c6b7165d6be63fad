#include <stdlib.h>
#include <string.h>

#include "erp_decimal.h"

#define MAX_TEXT	200	/* longer is not money */
#define MAX_SHIFT	64	/* exponents beyond this are out of range */

struct parts {
	bool	 negative;
	char	 digits[MAX_TEXT + 1];	/* integer and fraction digits */
	int	 ndigits;
	int	 point;			/* digits before the decimal point */
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
read_digits(const char **s, struct parts *p)
{
	int n = 0;

	while (is_digit(**s)) {
		p->digits[p->ndigits++] = *(*s)++;
		n++;
	}
	return n;
}

/* [-+]?digits[.digits]?([eE][-+]?digits)? */
static bool
split(const char *s, struct parts *p)
{
	int nint, nfrac = 0, esign = 1;
	long exp = 0;

	memset(p, 0, sizeof *p);
	if (strlen(s) > MAX_TEXT)
		return false;
	if (*s == '-' || *s == '+')
		p->negative = *s++ == '-';
	nint = read_digits(&s, p);
	if (*s == '.') {
		s++;
		nfrac = read_digits(&s, p);
	}
	if (nint + nfrac == 0)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			esign = *s++ == '-' ? -1 : 1;
		if (!is_digit(*s))
			return false;
		while (is_digit(*s) && exp <= 100000)
			exp = exp * 10 + (*s++ - '0');
		while (is_digit(*s))
			s++;
	}
	if (*s != '\0')
		return false;
	p->point = nint;
	while (p->point > 0 && p->ndigits > 0 && p->digits[0] == '0') {
		memmove(p->digits, p->digits + 1, (size_t)--p->ndigits);
		p->point--;
	}
	if (exp > MAX_SHIFT + MAX_TEXT)
		exp = MAX_SHIFT + MAX_TEXT;
	p->point += (int)(esign * exp);
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
