/* The payload of a change notification (kam/change_hint.h): any bytes
 * from the database; a payload read must name a table and an account of
 * the allowed forms, and match a screen of its own table and account. */
#include "fuzz.h"
#include "kam/change_hint.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct change_hint h;

	if (change_hint_parse(text, &h)) {
		if (h.table[0] == '\0' || strlen(h.table) > HINT_TABLE_MAX ||
		    strlen(h.account) > HINT_ID_MAX ||
		    !change_hint_concerns(&h, h.table, h.account[0] ? h.account : NULL) ||
		    !change_hint_concerns(&h, "*", NULL) ||
		    change_hint_concerns(&h, "no such table!", NULL))
			abort();
	}
	free(text);
	return 0;
}
