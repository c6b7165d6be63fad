/* The change log in words: any text as a row's fields (field, old, new
 * between unit separators) and as one value of a field, JSON arrays and
 * cuts within a character included. */
#include "fuzz.h"
#include "kam/words.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const fields[] = { "support_days", "channels", "notes" };
	const char *field = fields[fuzz_pick(&data, &size, 3)];
	size_t max = fuzz_pick(&data, &size, 50);
	char *text = fuzz_text(data, size);
	struct kam_buf out;

	buf_init(&out);
	words_changes(&out, text);
	buf_reset(&out);
	words_value(&out, field, text, max);
	if (out.len != strlen(out.data))
		abort();
	buf_free(&out);
	free(text);
	return 0;
}
