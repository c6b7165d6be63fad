/* Feedback files from a survey or a web form (kam --import feedback,
 * kam-feedback(5)): CSV with a header line naming the columns, or JSON
 * Lines, one object a line. Fed one line at a time (a CSV record whose
 * quoted text holds line ends spans several), so a file of any length
 * takes no more memory than its longest record; nothing here touches the
 * database.
 *
 * A row comes out checked and in one spelling: valid UTF-8 without
 * control characters (the text keeps its line ends and tabs), a kind in
 * lower case, the NPS score as digits, the topics joined by commas. Which
 * account it is for and whether it was imported before is the
 * database's to say. */
#ifndef KAM_FBFILE_H
#define KAM_FBFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

enum fb_field {
	FB_ID,		/* the row's own id in its source */
	FB_DATE,	/* YYYY-MM-DD, or with a time: YYYY-MM-DD[T ]HH:MM[:SS] */
	FB_EMAIL,	/* the contact's e-mail */
	FB_ACCOUNT,	/* the account's ERP id */
	FB_KIND,	/* compliment, idea or complaint */
	FB_NPS,		/* 0 to 10 */
	FB_TOPICS,	/* "Delivery,Price" */
	FB_SUBJECT,
	FB_TEXT,
	FB_NFIELDS
};

enum fb_format { FB_CSV, FB_JSONL };

#define FB_MAX_RECORD	(64 * 1024)	/* bytes of one record, line ends too */
#define FB_MAX_ID	200
#define FB_MAX_TOPIC	40		/* characters, as kam.topic's name */
#define FB_MAX_SUBJECT	300		/* characters, as an entry's subject */
#define FB_MAX_COLS	256		/* CSV columns */

struct fbfile {
	enum fb_format	 format;
	bool		 have_header;	/* CSV: the header line was read */
	char		 sep;		/* CSV: ',' or ';' (from the header) */
	int		 ncols;		/* CSV: the header's columns */
	signed char	 col[FB_MAX_COLS];	/* ... the field of each; -1 */
	struct kam_buf	 rec;		/* CSV: a record spanning lines */
	long		 rec_line;	/* ... and the line it started on */
	bool		 in_quotes;	/* ... ends inside quotes so far */
	bool		 field_start;	/* ... and where in a field */
	bool		 after_close;
	bool		 too_long;	/* ... is over FB_MAX_RECORD: skipped */
};

/* One row; v[f] is NULL when the file does not give field f. The
 * strings live in store until the next row. */
struct fb_row {
	long		 line;		/* where the record starts */
	const char	*v[FB_NFIELDS];
	struct kam_buf	 store;
};

enum fb_result {
	FB_NONE,	/* nothing yet: a header, a blank, a record going on */
	FB_ROW,		/* *row is a row */
	FB_BAD,		/* err says why; the next lines go on */
	FB_FATAL	/* err says why; nothing after can be read (header) */
};

void		fbfile_init(struct fbfile *p, enum fb_format format);
void		fbfile_free(struct fbfile *p);
void		fb_row_init(struct fb_row *row);
void		fb_row_free(struct fb_row *row);
/* The line number lineno (from 1), len bytes without its line end. On
 * FB_BAD and FB_FATAL err says why in words, without the file's name or
 * the line number (the caller adds those; row->line says which). */
enum fb_result	fbfile_line(struct fbfile *p, long lineno, const char *line,
		    size_t len, struct fb_row *row, struct kam_buf *err);
/* At the end of the file: FB_BAD when a quoted field never closed (its
 * line in row->line), else FB_NONE. */
enum fb_result	fbfile_end(struct fbfile *p, struct fb_row *row,
		    struct kam_buf *err);
/* CSV or JSON Lines: by the name's extension (.csv, .jsonl, .ndjson,
 * .json), else by the first line (an object: JSON Lines). */
enum fb_format	fbfile_guess(const char *name, const char *first, size_t len);

#endif
