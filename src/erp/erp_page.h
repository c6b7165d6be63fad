/* A page on its way from the fetching thread to the database: the rows as
 * COPY text, the records refused and why, and where the stream stands. */
#ifndef KAM_ERP_PAGE_H
#define KAM_ERP_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kam/buf.h"

struct erp_error {
	char	*id;		/* sanitised, may be "#12" */
	char	*message;	/* sanitised */
};

struct erp_page {
	long		  number;	/* 1, 2, ... within the resource */
	long		  records;	/* records the ERP sent */
	long		  staged;	/* lines in copy */
	long		  skipped;	/* records not ours (profile "skip") */
	struct kam_buf	  copy;
	struct erp_error *errors;
	size_t		  nerrors, caperrors;
	bool		  unidentified;	/* a record without a usable id */
	bool		  has_mark;	/* the high-water mark after this page */
	int64_t		  mark_us;
	bool		  last;		/* the stream is complete */
	long		  total;	/* records the ERP says it has, or -1 */
	int		  code;		/* not EX_OK: the stream broke */
	struct kam_buf	  message;	/* why it broke */
};

struct erp_page	*erp_page_new(long number);
void		 erp_page_free(struct erp_page *pg);
/* Records that a record was refused; id and message are sanitised. */
void		 erp_page_error(struct erp_page *pg, const char *id,
		    const char *message);

#endif
