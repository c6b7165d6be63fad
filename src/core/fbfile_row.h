/* What the CSV and the JSON Lines readers of a feedback file share
 * (kam/fbfile.h): the fields by name, and a row built field by field,
 * then checked. */
#ifndef KAM_FBFILE_ROW_H
#define KAM_FBFILE_ROW_H

#include "kam/fbfile.h"

struct fb_build {
	struct fb_row	*row;
	size_t		 off[FB_NFIELDS];	/* in row->store */
	bool		 set[FB_NFIELDS];
	struct kam_buf	 topics;		/* joined by commas */
	struct kam_buf	*err;
};

/* The field a column or key names (any case, spaces around ignored), -1
 * for one kam does not read. */
int	fb_field_named(const char *s, size_t len);
const char *fb_field_name(int field);
void	fb_build_start(struct fb_build *b, struct fb_row *row, long line,
	    struct kam_buf *err);
/* A field's value as the file spells it; an empty one is no value. A
 * list of topics given as one text is split at commas and semicolons. */
bool	fb_build_set(struct fb_build *b, int field, const char *s, size_t len);
/* One topic of a list (JSON's array). */
bool	fb_build_topic(struct fb_build *b, const char *s, size_t len);
/* Checks the row as a whole; false: err says why. Frees what the build
 * held either way. */
bool	fb_build_finish(struct fb_build *b);
void	fb_build_abandon(struct fb_build *b);

/* One JSON object on a line into b (fbfile_json.c). */
bool	fb_json_object(struct fb_build *b, const char *line, size_t len);

#endif
