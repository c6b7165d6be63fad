/* The one reader of decimal numbers as text: what people type in a form,
 * what an ERP sends, what JSON allows. It splits the text into its parts
 * without converting it, so money never passes through a double; each
 * caller then rounds, range-checks and writes the parts its own way. */
#ifndef KAM_DECIMAL_H
#define KAM_DECIMAL_H

#include <stdbool.h>
#include <stddef.h>

/* Exponents beyond this are read as this (with their sign): no decimal
 * kam keeps comes anywhere near, and the arithmetic cannot overflow. */
#define DECIMAL_EXP_MAX	100000L

enum decimal_syntax {
	/* [-+]? digits [. digits]: a digit on either side of the point,
	 * no exponent, no thousands separators ("1234.50", ".5", "5.") */
	DECIMAL_PLAIN,
	/* the same, then [eE] [-+]? digits ("1.5E+3") */
	DECIMAL_EXPONENT,
	/* RFC 8259's number: -? (0 | [1-9] digits) [. digits] [exponent] */
	DECIMAL_JSON,
};

/* The parts of a number, pointing into its text. Leading zeros of the
 * integer part and trailing zeros of the fraction are left out (either
 * may then be empty: "0.50" is int "" and frac "5"), and a zero is never
 * negative. The value is (int.frac) * 10^exponent. */
struct decimal {
	bool		 negative;
	const char	*int_digits;
	size_t		 nint;
	const char	*frac_digits;
	size_t		 nfrac;
	long		 exponent;
};

/* Whether the len bytes at s are exactly one number of that syntax
 * (nothing before or after it, not even spaces). d may be NULL when only
 * the answer matters; on false it is left undefined. */
bool	decimal_parse(const char *s, size_t len, enum decimal_syntax syntax,
	    struct decimal *d);

#endif
