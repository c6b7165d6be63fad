/* The SQL text of kam's fuzzy account search, shared by the modules of
 * src/domain that match accounts. Fixed text: the key is always $N. */
#ifndef KAM_SEARCH_SQL_H
#define KAM_SEARCH_SQL_H

/* name, ERP id, city and VAT id, folded and joined by spaces (stored) */
#define SEARCH_TEXT "a.search_text"
/* the folded key as a LIKE pattern: its own % and _ match only themselves */
#define SEARCH_PATTERN(p) "replace(replace(replace(kam.fold(" p "), " \
	"'\\', '\\\\'), '%', '\\%'), '_', '\\_')"
#define SEARCH_CONTAINS(p) SEARCH_TEXT " LIKE '%' || " SEARCH_PATTERN(p) " || '%'"
/* a word of the search text starts with the key: a word of the name or
 * the city, the ERP id or the VAT id (through the trigram index, whose
 * word-start trigrams answer this) */
#define SEARCH_WORD_START(p) "(" SEARCH_TEXT " LIKE " SEARCH_PATTERN(p) " || '%' OR " \
	SEARCH_TEXT " LIKE '% ' || " SEARCH_PATTERN(p) " || '%')"
/* close in spelling: trigram word similarity, through the same index */
#define SEARCH_SIMILAR(p) "kam.fold(" p ") <% " SEARCH_TEXT

#endif
