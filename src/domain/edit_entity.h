/* What src/domain/edit.c knows of each entity: its columns and its fixed
 * statements, all values as parameters. Private to src/domain.
 *
 * The statements' parameters, in this order:
 *   read	$1 id; returns version, then every column in order
 *   insert	$1 client key, $2 account, then the EC_INSERT columns in
 *		order; ON CONFLICT (client_key) DO NOTHING RETURNING id, version
 *   find	$1 client key; returns id, version
 *   update	$1 id, $2 version, then the EC_UPDATE columns in order;
 *		... WHERE id = $1 AND version = $2 RETURNING version
 * Read values come back as the form writes them (numbers trim_scale'd,
 * times as timestamptz text), so that "the same" compares equal. */
#ifndef KAM_DOMAIN_EDIT_ENTITY_H
#define KAM_DOMAIN_EDIT_ENTITY_H

#include "kam/edit.h"

/* A constraint of the entity's table in plain words, and the column it
 * is about (NULL: none). */
struct edit_constraint {
	const char	*name;
	const char	*column;
	const char	*words;
};

struct edit_entity_def {
	const char			*table;
	const struct edit_column	*cols;
	size_t				 ncols;
	const char			*read;
	const char			*insert;
	const char			*find;
	const char			*update;
	const struct edit_constraint	*constraints;	/* ends with a NULL name */
};

/* An operation: its UPDATE ($1 id, $2 version, RETURNING version) and a
 * query ($1 id) that says t when it is already done. */
struct edit_op_def {
	const char	*update;
	const char	*done;
};

extern const struct edit_entity_def	edit_entities[EE_COUNT];
extern const struct edit_op_def		edit_ops[EOP_COUNT];
extern const char *const		edit_picks[EP_COUNT];

#endif
