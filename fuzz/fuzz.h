/* What every fuzz target shares (fuzz/run builds them; fuzz/README says
 * how): the input as a NUL-terminated string, picking a small number off
 * its front, and the check that text is safe for a terminal. */
#ifndef KAM_FUZZ_H
#define KAM_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam/utf8.h"
#include "kam/xalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a string the caller frees; NUL bytes stay (the parsers
 * that take a length must cope with them). */
static inline char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s = xmalloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The first byte of the input modulo n (0 when there is none), taken
 * off it: which field, profile or zone one input is for. */
static inline unsigned
fuzz_pick(const uint8_t **data, size_t *size, unsigned n)
{
	unsigned v;

	if (*size == 0)
		return 0;
	v = **data % n;
	(*data)++;
	(*size)--;
	return v;
}

/* Aborts (a finding) unless s is valid UTF-8 without a character that
 * must never reach a terminal raw; '\n' too unless lines. */
static inline void
fuzz_assert_safe(const char *what, const char *s, size_t len, bool lines)
{
	uint32_t cp;
	int n;

	for (size_t i = 0; i < len; i += (size_t)n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0 || (utf8_is_unsafe(cp) && !(lines && cp == '\n'))) {
			fprintf(stderr, "%s: unsafe output at byte %zu of %zu\n",
			    what, i, len);
			abort();
		}
	}
}

#endif
