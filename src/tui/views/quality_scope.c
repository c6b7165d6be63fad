/* The scope of :quality's two lists (quality_scope.h). */
#include "quality_scope.h"

void
quality_scope_next(struct tui *t)
{
	t->quality_scope = t->quality_scope == QUALITY_MINE ? QUALITY_TEAM :
	    t->quality_scope == QUALITY_TEAM ? QUALITY_ALL : QUALITY_MINE;
}

const char *
quality_scope_words(const struct tui *t)
{
	static const char *const whose[] = { [QUALITY_MINE] = "my accounts",
	    [QUALITY_TEAM] = "my team's accounts", [QUALITY_ALL] = "all accounts" };

	return whose[t->quality_scope];
}
