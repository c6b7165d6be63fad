/* JSON from the ERP: cJSON trees whose numbers keep their original text
 * (money and long ids never go through a double), and path lookups. */
#ifndef KAM_ERP_JSON_H
#define KAM_ERP_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "kam/buf.h"

/* Parses text[0..len), which must be followed by a NUL (a kam_buf is).
 * The whole text must be one JSON value. On failure returns NULL with the
 * reason in err. Free the tree with cJSON_Delete. */
cJSON		*erp_json_parse(const char *text, size_t len, struct kam_buf *err);
/* The same, and *cut tells a failure that is an answer cut short (open
 * brackets or a string at the end), which is worth asking again. */
cJSON		*erp_json_parse_answer(const char *text, size_t len, bool *cut,
		    struct kam_buf *err);

/* A number's text exactly as the ERP wrote it; NULL for other types. */
const char	*erp_json_number_text(const cJSON *item);
/* True when a string held a \u0000 escape or a raw NUL, which cut it
 * short. */
bool		 erp_json_string_cut(const cJSON *item);

/* Looks up path in obj: a plain member name ("name", "@odata.nextLink"),
 * or a JSON pointer ("/links/0/link_name"). "" or "/" is obj itself. */
const cJSON	*erp_json_get(const cJSON *obj, const char *path);

/* "a string", "a number", "an object", ... for messages. */
const char	*erp_json_kind(const cJSON *item);

#endif
