/* Drafts: what an unsaved form holds, kept in a small versioned text file
 * so that a crash, a killed terminal or a lost connection loses nothing.
 * The folder is $XDG_STATE_HOME/kam/drafts (else ~/.local/state/kam/
 * drafts), mode 0700; each draft is one file, mode 0600, replaced
 * atomically on every change. Files are untrusted when read back.
 *
 * The format, one item a line, UTF-8:
 *	kam-draft 1
 *	KEY<tab>VALUE
 * KEY is [a-z0-9_.-]+ and unique; VALUE is escaped as a field of
 * PostgreSQL's COPY text format (kam/copytext.h) and may be empty. No
 * other lines. */
#ifndef KAM_DRAFT_H
#define KAM_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

#define DRAFT_MAX_BYTES	(1024 * 1024)
#define DRAFT_MAX_ITEMS	1000

struct draft_item {
	char	*key;
	char	*value;
};

struct kam_draft {
	size_t			 n;
	struct draft_item	*item;
};

void		 draft_init(struct kam_draft *d);
void		 draft_free(struct kam_draft *d);
/* Sets key (replacing an item of the same key); NULL value removes it. */
void		 draft_set(struct kam_draft *d, const char *key, const char *value);
/* The value, or NULL when there is no such item. */
const char	*draft_get(const struct kam_draft *d, const char *key);

void		 draft_format(const struct kam_draft *d, struct kam_buf *out);
/* Parses untrusted text; false with err ("line N: ...") and d empty. */
bool		 draft_parse(const char *text, size_t len, struct kam_draft *d,
		    struct kam_buf *err);

/* The drafts folder, made (0700) when missing; false with err. */
bool		 draft_dir(struct kam_buf *dir, struct kam_buf *err);
/* Writes d to path atomically (a temporary file in the same folder,
 * then rename), mode 0600. */
bool		 draft_write(const char *path, const struct kam_draft *d,
		    struct kam_buf *err);
/* Reads path: a regular file of this user, not readable by others, not
 * a symbolic link, at most DRAFT_MAX_BYTES. */
bool		 draft_read(const char *path, struct kam_draft *d,
		    struct kam_buf *err);
/* The *.draft files of dir, sorted; free them with strv_free. */
size_t		 draft_list(const char *dir, char ***paths);

#endif
