/* UTF-8 decoding, display width in terminal columns, and the one sanitiser
 * every text goes through before it reaches a terminal. */
#ifndef KAM_UTF8_H
#define KAM_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kam/buf.h"

/* Decodes one character at s (at most len bytes). Returns its length in
 * bytes (1-4) and sets *cp, or returns -1 for an invalid or truncated
 * sequence, overlong forms and surrogates included. */
int	 utf8_decode(const char *s, size_t len, uint32_t *cp);
bool	 utf8_valid(const char *s, size_t len);
/* Writes cp (at most U+10FFFF) as UTF-8; returns the bytes written. */
int	 utf8_encode(uint32_t cp, char out[4]);

/* The longest start of s (len bytes) of at most max bytes that does not
 * split a character. */
size_t	 utf8_cut(const char *s, size_t len, size_t max);

/* True for characters that must never reach a terminal raw: C0 and C1
 * controls, DEL, and the bidirectional overrides and isolates. */
bool	 utf8_is_unsafe(uint32_t cp);

/* Columns a character takes on a terminal: 0 (combining), 1 or 2 (wide);
 * an unsafe one, the columns of the form utf8_sanitize shows it as. */
int	 utf8_cp_width(uint32_t cp);

/* Appends s to out with every unsafe character made visible (^[ for ESC,
 * <U+202E> for bidi overrides, \xNN for invalid bytes). The result is valid
 * UTF-8 and safe to print. */
void	 utf8_sanitize(struct kam_buf *out, const char *s, size_t len);

/* Display width of s after sanitising. */
size_t	 utf8_width(const char *s, size_t len);

/* Bytes of an already sanitised s that fit in cols columns without
 * splitting a character; *used receives the columns they take. */
size_t	 utf8_fit(const char *s, size_t len, size_t cols, size_t *used);

#endif
