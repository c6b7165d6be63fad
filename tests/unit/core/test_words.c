/* The one table of words for internal names, and the change log's values
 * in words: what the Changes tab, the lists and the status lines show. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "kam/buf.h"
#include "kam/words.h"

static void
test_names_in_words(void **state)
{
	(void)state;
	assert_string_equal(words_of("price_list"), "price list");
	assert_string_equal(words_of("cross_sell"), "cross-sell");
	assert_string_equal(words_of("at_risk"), "at risk");
	assert_string_equal(words_of("annual_talk_on"), "annual talk");
	assert_string_equal(words_of("erp_updated_at"), "changed in the ERP");
	assert_string_equal(words_of("discount"), "discount");	/* a word already */
	assert_null(words_of(NULL));
}

static const char *
value(struct kam_buf *b, const char *field, const char *v, size_t max)
{
	buf_reset(b);
	words_value(b, field, v, max);
	return b->data;
}

static void
test_values_in_words(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	assert_string_equal(value(&b, "support_days", "[1, 2, 3, 4, 5]", 0),
	    "Mon, Tue, Wed, Thu, Fri");
	assert_string_equal(value(&b, "channels", "[\"phone\", \"email\"]", 0),
	    "phone, email");
	assert_string_equal(value(&b, "channels", "[]", 0), "(none)");
	assert_string_equal(value(&b, "active", "true", 0), "yes");
	assert_string_equal(value(&b, "kind", "price_list", 0), "price list");
	assert_string_equal(value(&b, "notes", NULL, 0), "(none)");
	/* not an array of plain items: as it is */
	assert_string_equal(value(&b, "notes", "[see \"x, y\"]", 0), "[see \"x, y\"]");
	assert_string_equal(value(&b, "notes", "Grüße aus Köln", 8), "Grüße a…");
	buf_free(&b);
}

static void
test_a_change_in_words(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	words_changes(&b, "annual_talk_on" WORDS_US WORDS_NULL WORDS_US "2026-04-01"
	    WORDS_US "support_days" WORDS_US "[1, 2]" WORDS_US "[1, 2, 3, 4, 5]");
	assert_string_equal(b.data, "annual talk: (none) → 2026-04-01; support "
	    "days: Mon, Tue → Mon, Tue, Wed, Thu, Fri");
	buf_reset(&b);
	words_changes(&b, "phone" WORDS_US "+49 40 1234" WORDS_US);	/* cut short */
	assert_string_equal(b.data, "phone: +49 40 1234 → (none)");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_in_words),
		cmocka_unit_test(test_values_in_words),
		cmocka_unit_test(test_a_change_in_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
