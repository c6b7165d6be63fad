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
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 5,
	    .next = "abc" }), ERP_PAGER_ON);
	assert_string_equal(p.cursor, "abc");
	assert_false(p.done);
	/* the same cursor twice would loop forever */
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 5,
	    .next = "abc" }), ERP_PAGER_STUCK);
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 0,
	    .next = "" }), ERP_PAGER_ON);
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
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 5,
	    .next = "http://e/x?$skiptoken=5" }), ERP_PAGER_ON);
	assert_string_equal(p.link, "http://e/x?$skiptoken=5");
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 3 }),
	    ERP_PAGER_ON);
	assert_true(p.done);
	assert_null(p.link);
	erp_pager_free(&p);
}

/* Offsets only: every page starts at the last row seen and must begin
 * with it. The old pager asked for "offset = rows seen at the last time",
 * which skips a row when one of those rows is saved again meanwhile. */
static void
test_offset_pages_overlap(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_OFFSET, true, 0);
	struct erp_pager p;

	(void)state;
	erp_pager_start(&p, &rp, true, 100 * S + 700000);
	assert_int_equal(p.since_us, 100 * S);	/* the filter's precision */
	/* a page ending at a newer time: ask from that time, from the last
	 * of the two rows of it already seen */
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 6,
	    .first_id = "a", .has_last = true, .last_us = 130 * S + 250000,
	    .last_id = "f", .at_last = 2 }), ERP_PAGER_ON);
	assert_int_equal(p.since_us, 130 * S);
	assert_int_equal(p.offset, 1);
	assert_string_equal(p.expect, "f");
	/* it starts with f: a whole page of that same time, on by offset */
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .first_id = "f",
	    .has_last = true, .last_us = 130 * S + 900000, .last_id = "k",
	    .at_last = 6 });
	assert_int_equal(p.since_us, 130 * S);
	assert_int_equal(p.offset, 6);
	assert_string_equal(p.expect, "k");
	/* it does not start with k: rows moved, the block again from 0 */
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .first_id = "m",
	    .has_last = true, .last_us = 131 * S, .last_id = "r", .at_last = 1 });
	assert_int_equal(p.since_us, 130 * S);
	assert_int_equal(p.offset, 0);
	assert_null(p.expect);
	/* only the row already seen: the end */
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 140 * S, .last_id = "z", .at_last = 1 });
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 1, .first_id = "z",
	    .has_last = true, .last_us = 140 * S, .last_id = "z", .at_last = 1 });
	assert_true(p.done);
	erp_pager_free(&p);
}

static void
test_offsets_give_up_when_rows_keep_moving(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_OFFSET, true, 0);
	struct erp_page_seen moved = { .records = 6, .first_id = "x",
	    .has_last = true, .last_us = 50 * S, .last_id = "y", .at_last = 6 };
	struct erp_pager p;
	int i;

	(void)state;
	erp_pager_start(&p, &rp, false, 0);
	erp_pager_next(&p, &moved);
	for (i = 0; i < ERP_PAGER_REREADS; i++) {
		/* a mismatch: the block again from its start ... */
		assert_int_equal(erp_pager_next(&p, &moved), ERP_PAGER_ON);
		assert_int_equal(p.offset, 0);
		/* ... which is not checked, and moves on */
		assert_int_equal(erp_pager_next(&p, &moved), ERP_PAGER_ON);
		assert_int_equal(p.offset, 5);
	}
	assert_int_equal(erp_pager_next(&p, &moved), ERP_PAGER_MOVING);
	erp_pager_free(&p);
}

/* With a key filter: (time, key) of the last record, from the first page;
 * a block of one time longer than a page is no different. */
static void
test_keyset_pages(void **state)
{
	struct erp_rprofile rp = rprofile(ERP_PAGE_NUMBER, true, 0);
	struct erp_pager p;

	(void)state;
	rp.first_page = 1;
	rp.keyed = true;
	erp_pager_start(&p, &rp, false, 0);
	assert_int_equal(p.page, 1);
	assert_false(p.has_since);
	assert_null(p.after);
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 50 * S, .last_id = "17", .at_last = 1 });
	assert_true(p.has_since);
	assert_int_equal(p.since_us, 50 * S);
	assert_string_equal(p.after, "17");
	assert_int_equal(p.page, 1);
	erp_pager_next(&p, &(struct erp_page_seen){ .records = 6, .has_last = true,
	    .last_us = 50 * S, .last_id = "23", .at_last = 6 });
	assert_int_equal(p.since_us, 50 * S);
	assert_string_equal(p.after, "23");
	assert_int_equal(p.page, 1);	/* never page 2: nothing can shift */
	/* the same last record again: the ERP ignores the key filter */
	assert_int_equal(erp_pager_next(&p, &(struct erp_page_seen){ .records = 6,
	    .has_last = true, .last_us = 50 * S, .last_id = "23", .at_last = 6 }),
	    ERP_PAGER_STUCK);
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
		cmocka_unit_test(test_offset_pages_overlap),
		cmocka_unit_test(test_offsets_give_up_when_rows_keep_moving),
		cmocka_unit_test(test_keyset_pages),
		cmocka_unit_test(test_unsorted_offsets_stay_plain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
