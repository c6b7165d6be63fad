#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "erp_pager.h"

#define S	1000000LL

static struct erp_rprofile
rprofile(enum erp_paging paging, bool sorted, int digits)
{
	struct erp_rprofile rp;

	memset(&rp, 0, sizeof rp);
	rp.paging = paging;
	rp.sorted = sorted;
	rp.since_style = ERP_TIME_LOCAL;
	rp.since_digits = digits;
	return rp;
}

static void
test_cursor_follows_the_erp(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_CURSOR, true, 0);
	struct erp_pager p;

	(void)state;
	erp_pager_start(&p, &rp, false, 0);
	assert_null(p.cursor);
	assert_true(erp_pager_next(&p, &(struct erp_page_seen){ .records = 5, .next = "abc" }));
	assert_string_equal(p.cursor, "abc");
	assert_false(p.done);
	/* the same cursor twice would loop forever */
	assert_false(erp_pager_next(&p, &(struct erp_page_seen){ .records = 5, .next = "abc" }));
	assert_true(erp_pager_next(&p, &(struct erp_page_seen){ .records = 0, .next = "" }));
	assert_true(p.done);
	erp_pager_free(&p);
}

static void
test_link_ends_without_a_link(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_LINK, false, 0);
	struct erp_pager p;

	(void)state;
	erp_pager_start(&p, &rp, true, 5 * S);
	assert_true(erp_pager_next(&p, &(struct erp_page_seen){ .records = 5,
	    .next = "http://e/x?$skiptoken=5" }));
	assert_string_equal(p.link, "http://e/x?$skiptoken=5");
	assert_true(erp_pager_next(&p, &(struct erp_page_seen){ .records = 3 }));
	assert_true(p.done);
	assert_null(p.link);
	erp_pager_free(&p);
}

static void
test_offset_pages_by_time(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_OFFSET, true, 0);
	struct erp_pager p;

	(void)state;
	erp_pager_start(&p, &rp, true, 100 * S + 700000);
	assert_int_equal(p.since_us, 100 * S);	/* the filter's precision */
	/* a page ending at a newer time: ask from that time, past the two
	 * rows of it already seen */
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 130 * S + 250000, .at_last = 2 });
	assert_int_equal(p.since_us, 130 * S);
	assert_int_equal(p.offset, 2);
	/* a whole page of that same time: step on by offset */
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 130 * S + 900000, .at_last = 6 });
	assert_int_equal(p.since_us, 130 * S);
	assert_int_equal(p.offset, 8);
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 0 });
	assert_true(p.done);
	erp_pager_free(&p);
}

static void
test_page_numbers_by_time(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_NUMBER, true, 0);
	struct erp_pager p;

	(void)state;
	rp.first_page = 1;
	erp_pager_start(&p, &rp, false, 0);
	assert_int_equal(p.page, 1);
	assert_false(p.has_since);
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 50 * S, .at_last = 1 });
	assert_true(p.has_since);
	assert_int_equal(p.since_us, 50 * S);
	assert_int_equal(p.page, 1);	/* again from the first page */
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 50 * S, .at_last = 6 });
	assert_int_equal(p.page, 2);	/* all of one time: the next page */
	erp_pager_free(&p);
}

static void
test_unsorted_offsets_stay_plain(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_OFFSET, false, 0);
	struct erp_pager p;

	(void)state;
	erp_pager_start(&p, &rp, true, 10 * S);
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 90 * S, .at_last = 1 });
	assert_int_equal(p.since_us, 10 * S);
	assert_int_equal(p.offset, 6);
	erp_pager_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor_follows_the_erp),
		cmocka_unit_test(test_link_ends_without_a_link),
		cmocka_unit_test(test_offset_pages_by_time),
		cmocka_unit_test(test_page_numbers_by_time),
		cmocka_unit_test(test_unsorted_offsets_stay_plain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
