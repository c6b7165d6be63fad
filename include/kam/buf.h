/* Growable, always NUL-terminated byte strings for assembling messages and
 * output. Never used to assemble SQL from data. */
#ifndef KAM_BUF_H
#define KAM_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct kam_buf {
	char	*data;	/* "" after buf_init, never NULL */
	size_t	 len;
	size_t	 cap;
};

void	 buf_init(struct kam_buf *b);
void	 buf_free(struct kam_buf *b);
void	 buf_reset(struct kam_buf *b);
void	 buf_add(struct kam_buf *b, const char *s, size_t n);
void	 buf_adds(struct kam_buf *b, const char *s);
void	 buf_addc(struct kam_buf *b, char c);
void	 buf_addf(struct kam_buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vaddf(struct kam_buf *b, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));
/* Hands the string to the caller, who frees it; b is empty afterwards. */
char	*buf_detach(struct kam_buf *b);

#endif
