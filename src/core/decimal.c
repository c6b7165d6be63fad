/* Decimal numbers as text, split into their parts by one grammar with
 * three strictnesses (kam/decimal.h). */
#include <string.h>

#include "kam/decimal.h"

struct scan {
	const char	*p, *end;
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
next_is(const struct scan *s, char c)
{
	return s->p < s->end && *s->p == c;
}

/* The run of digits at the scan, which moves past it. */
static size_t
digits(struct scan *s)
{
	const char *start = s->p;

	while (s->p < s->end && is_digit(*s->p))
		s->p++;
	return (size_t)(s->p - start);
}

static bool
read_sign(struct scan *s, enum decimal_syntax syntax)
{
	bool negative = next_is(s, '-');

	if (negative || (syntax != DECIMAL_JSON && next_is(s, '+')))
		s->p++;
	return negative;
}

/* [eE] [-+]? digits, saturating at DECIMAL_EXP_MAX; 0 when absent. */
static bool
read_exponent(struct scan *s, long *exponent)
{
	long sign = 1, e = 0;

	*exponent = 0;
	if (!next_is(s, 'e') && !next_is(s, 'E'))
		return true;
	s->p++;
	if (next_is(s, '-') || next_is(s, '+'))
		sign = *s->p++ == '-' ? -1 : 1;
	if (s->p == s->end || !is_digit(*s->p))
		return false;
	for (; s->p < s->end && is_digit(*s->p); s->p++)
		if (e < DECIMAL_EXP_MAX)
			e = e * 10 + (*s->p - '0');
	*exponent = sign * (e < DECIMAL_EXP_MAX ? e : DECIMAL_EXP_MAX);
	return true;
}

/* Leaves out the zeros that do not change the value. */
static void
trim(struct decimal *d)
{
	while (d->nint > 0 && *d->int_digits == '0') {
		d->int_digits++;
		d->nint--;
	}
	while (d->nfrac > 0 && d->frac_digits[d->nfrac - 1] == '0')
		d->nfrac--;
	if (d->nint == 0 && d->nfrac == 0)
		d->negative = false;
}

bool
decimal_parse(const char *s, size_t len, enum decimal_syntax syntax,
    struct decimal *out)
{
	struct scan sc = { s, s + len };
	struct decimal d = { 0 };
	bool json = syntax == DECIMAL_JSON;

	d.negative = read_sign(&sc, syntax);
	d.int_digits = sc.p;
	d.nint = digits(&sc);
	/* JSON: an integer part, and no leading zero unless it is all */
	if (json && (d.nint == 0 || (d.nint > 1 && *d.int_digits == '0')))
		return false;
	d.frac_digits = sc.p;
	if (next_is(&sc, '.')) {
		sc.p++;
		d.frac_digits = sc.p;
		d.nfrac = digits(&sc);
		if (json && d.nfrac == 0)
			return false;
	}
	if (d.nint + d.nfrac == 0)
		return false;
	if (syntax != DECIMAL_PLAIN && !read_exponent(&sc, &d.exponent))
		return false;
	if (sc.p != sc.end)
		return false;
	trim(&d);
	if (out != NULL)
		*out = d;
	return true;
}
