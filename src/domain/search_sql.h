/* The SQL text of kam's account search, shared by the modules of
 * src/domain that match accounts (the list's search, kam --sla, :account).
 * It goes in tiers, the first that finds anything deciding: SEARCH_EXACT,
 * then SEARCH_WORD_START, then SEARCH_CONTAINS or SEARCH_SIMILAR. Fixed
 * text over kam.account a: the key is always $N. */
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
/* close in spelling: a word similar enough for two swapped letters
 * (kam.account_near, migration 0014), through the same index */
#define SEARCH_SIMILAR(p) SEARCH_SIMILAR_WHEN(p, "true")
/* the same, asked of the index only WHEN holds: in an OR of tiers the
 * planner may read every branch's index at once, and the similar names
 * cost hundreds of milliseconds where a word start already decided */
#define SEARCH_SIMILAR_WHEN(p, when) "a.id = ANY (ARRAY(SELECT " \
	"kam.account_near(" p "::text) WHERE " when "))"
/* the whole of a kam id, ERP id, VAT id or name (ids through their own
 * indexes, case and accents aside), and which of them, when several
 * accounts match in different ways: the id wins over the ERP id, which
 * wins over the VAT id, which wins over the name */
#define SEARCH_IS_ID(p) "a.id = CASE WHEN " p "::text ~ '^[0-9]{1,18}$' " \
	"THEN " p "::text::bigint END"
#define SEARCH_IS_ERP_ID(p) "kam.fold(a.erp_id) = kam.fold(" p ")"
#define SEARCH_IS_VAT_ID(p) "kam.fold(a.vat_id) = kam.fold(" p ")"
#define SEARCH_IS_NAME(p) "a.name_key = kam.fold(" p ")"
#define SEARCH_EXACT(p) "(" SEARCH_IS_ID(p) " OR " SEARCH_IS_ERP_ID(p) " OR " \
	SEARCH_IS_VAT_ID(p) " OR " SEARCH_IS_NAME(p) ")"
#define SEARCH_EXACT_RANK(p) "CASE WHEN " SEARCH_IS_ID(p) " THEN 1 WHEN " \
	SEARCH_IS_ERP_ID(p) " THEN 2 WHEN " SEARCH_IS_VAT_ID(p) " THEN 3 ELSE 4 END"

/* The tiers in one statement (account_find, and kam --sla's lookup that
 * folds it into its card's), so that the client can send it without
 * waiting: each tier runs only when the ones before found nothing (the
 * NOT EXISTS are one-time filters), and the first that finds anything
 * decides. Names compare folded (lower case, no accents). Materialised,
 * so that no plan walks the name index in order and folds every name on
 * the way. Of close spellings, the closest: a typo names one account.
 * Columns id, erp_id, name, city; the key is $1. */
#define SEARCH_COLS "SELECT a.id, a.erp_id, a.name, a.city"
#define SEARCH_NONE_YET(cte) " AND NOT EXISTS (SELECT 1 FROM " cte ")"
/* the first tier, e, and the best kind of exact match in it */
#define SEARCH_EXACT_CTE "e AS MATERIALIZED (" SEARCH_COLS ", " \
	SEARCH_EXACT_RANK("$1") " AS r FROM kam.account a WHERE " \
	SEARCH_EXACT("$1") ")"
#define SEARCH_EXACT_MIN " FROM e WHERE r = (SELECT min(r) FROM e)"
#define SEARCH_EXACT_BEST "SELECT id, erp_id, name, city, 1 AS t, " \
	"0::real AS o" SEARCH_EXACT_MIN
#define SEARCH_ORDER " ORDER BY t, o DESC, name, id LIMIT 10"
/* The first tier alone, with the same columns and order: what a lookup
 * that expects an exact name or id asks first (kam --sla), so that a new
 * session plans the other tiers only when it finds nothing. Its rows are
 * all of tier 1 (SEARCH_EXACT_BEST's t and o), so it orders by name
 * alone and plans no subquery for them. */
#define ACCOUNT_FIND_EXACT_SQL "WITH " SEARCH_EXACT_CTE \
	" SELECT id, erp_id, name, city" SEARCH_EXACT_MIN \
	" ORDER BY name, id LIMIT 10"
#define ACCOUNT_FIND_SQL \
	"WITH " SEARCH_EXACT_CTE ", " \
	"w AS MATERIALIZED (" SEARCH_COLS " FROM kam.account a WHERE " \
	SEARCH_WORD_START("$1") SEARCH_NONE_YET("e") \
	" ORDER BY a.name, a.id LIMIT 10), " \
	"c AS MATERIALIZED (" SEARCH_COLS " FROM kam.account a WHERE " \
	SEARCH_CONTAINS("$1") SEARCH_NONE_YET("e") SEARCH_NONE_YET("w") \
	" ORDER BY a.name, a.id LIMIT 10), " \
	"s AS MATERIALIZED (" SEARCH_COLS ", word_similarity(kam.fold($1), " \
	SEARCH_TEXT ") AS sim FROM kam.account a WHERE " SEARCH_SIMILAR("$1") \
	SEARCH_NONE_YET("e") SEARCH_NONE_YET("w") SEARCH_NONE_YET("c") \
	" ORDER BY sim DESC, a.name, a.id LIMIT 10) " \
	"SELECT id, erp_id, name, city FROM (" SEARCH_EXACT_BEST \
	" UNION ALL SELECT *, 2, 0 FROM w UNION ALL SELECT *, 3, 0 FROM c " \
	"UNION ALL SELECT id, erp_id, name, city, 4, sim FROM s " \
	"WHERE sim > (SELECT max(sim) FROM s) - 0.1) x" SEARCH_ORDER

#endif
