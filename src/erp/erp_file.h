/* Whole small files the sync reads: profiles, time zones, CA bundles.
 * Regular files only, and never more than the caller's limit. */
#ifndef KAM_ERP_FILE_H
#define KAM_ERP_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "kam/buf.h"

/* Appends the file to out. False with errno set when it cannot be read
 * whole: EINVAL for what is not a regular file, EFBIG when too large. */
bool	erp_file_read(const char *path, size_t max, struct kam_buf *out);

#endif
