/* The SQL text of kam's fuzzy account search, shared by the modules of
 * src/domain that match accounts. Fixed text: the key is always $N. */
#ifndef KAM_SEARCH_SQL_H
#define KAM_SEARCH_SQL_H

#define SEARCH_TEXT "kam.account_search_text(a.name, a.erp_id, a.city, a.vat_id)"
/* the folded key as a LIKE pattern: its own % and _ match only themselves */
#define SEARCH_PATTERN(p) "replace(replace(replace(kam.fold(" p "), " \
	"'\\', '\\\\'), '%', '\\%'), '_', '\\_')"
#define SEARCH_CONTAINS(p) SEARCH_TEXT " LIKE '%' || " SEARCH_PATTERN(p) " || '%'"
/* names that start with the key, through the index on kam.fold(name) */
#define SEARCH_NAME_START(p) "kam.fold(a.name) LIKE " SEARCH_PATTERN(p) " || '%'"
/* close in spelling: trigram word similarity, through the same index */
#define SEARCH_SIMILAR(p) "kam.fold(" p ") <% " SEARCH_TEXT

#endif
