/* The payload of a change notification read, and matched against what a
 * screen shows (kam/change_hint.h). */
#include <string.h>

#include "kam/change_hint.h"

/* The length of the run at s of bytes in set, at most max + 1. */
static size_t
run_of(const char *s, const char *set, size_t max)
{
	size_t n = 0;

	while (n <= max && s[n] != '\0' && strchr(set, s[n]) != NULL)
		n++;
	return n;
}

/* An account id: a bigint above zero, as PostgreSQL prints it. */
static bool
account_id(const char *s, size_t n)
{
	static const char max[] = "9223372036854775807";

	if (n == 0 || n > HINT_ID_MAX || s[0] == '0')
		return false;
	return n < HINT_ID_MAX || memcmp(s, max, n) <= 0;
}

bool
change_hint_parse(const char *payload, struct change_hint *h)
{
	static const char name[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
	size_t nt = run_of(payload, name, HINT_TABLE_MAX), na;
	const char *acct;

	if (nt == 0 || nt > HINT_TABLE_MAX || payload[nt] != ' ')
		return false;
	acct = payload + nt + 1;
	if (strcmp(acct, "-") == 0 || strcmp(acct, "*") == 0)
		na = 0;
	else {
		na = run_of(acct, "0123456789", HINT_ID_MAX);
		if (acct[na] != '\0' || !account_id(acct, na))
			return false;
	}
	memcpy(h->table, payload, nt);
	h->table[nt] = '\0';
	memcpy(h->account, acct, na);
	h->account[na] = '\0';
	h->any = *acct == '*';
	return true;
}

bool
change_hint_concerns(const struct change_hint *h, const char *table,
    const char *account)
{
	if (strcmp(table, "*") != 0 && strcmp(table, h->table) != 0)
		return false;
	return account == NULL || h->account[0] == '\0' ||
	    strcmp(account, h->account) == 0;
}
