/* Messages to stderr. Everything printed here passes the UTF-8 sanitiser, so
 * text that came from the database or a file cannot drive the terminal. */
#ifndef KAM_LOG_H
#define KAM_LOG_H

#include <stdnoreturn.h>

void		 log_set_verbose(int level);
int		 log_verbose_level(void);
/* "kam: message" */
void		 log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void		 log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The message as given, no prefix (for "file:line: message"). */
void		 log_raw(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
noreturn void	 log_die(int code, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

#endif
