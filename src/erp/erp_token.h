/* The ERP's secret: from KAM_ERP_TOKEN, else from erp.token_file, which
 * must be a regular file of the user's own that nobody else may read. The
 * token is never printed; its memory is wiped when freed. */
#ifndef KAM_ERP_TOKEN_H
#define KAM_ERP_TOKEN_H

#include "kam/buf.h"

/* Returns an exit code; *token (caller frees with erp_token_free) on
 * success, else the reason in err. */
int	erp_token_read(const char *token_file, char **token, struct kam_buf *err);
void	erp_token_free(char *token);

#endif
