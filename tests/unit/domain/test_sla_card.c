/* The SLA card's lines from the clock's answers: "OPEN now, closes 17:00
 * (in 2 h 10 min)", "CLOSED, opens Mon 08:00 (in 1 d 3 h)", the agent's
 * own time when in another zone, when a ticket logged now is due, and
 * the next holiday; the database's part is tested in tests/cli/sla.bats. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kam/buf.h"
#include "kam/sla.h"

static const char *
until(struct kam_buf *b, const char *seconds)
{
	sla_until(b, seconds);
	return b->data;
}

static void
test_time_to_come(void **state)
{
	struct kam_buf b;

	(void)state;
	buf_init(&b);
	assert_string_equal(until(&b, "7800"), "in 2 h 10 min");
	assert_string_equal(until(&b, "7741"), "in 2 h 10 min");	/* rounded up */
	assert_string_equal(until(&b, "97200"), "in 1 d 3 h");
	assert_string_equal(until(&b, "97230"), "in 1 d 3 h");	/* minutes left out */
	assert_string_equal(until(&b, "86400"), "in 1 d");
	assert_string_equal(until(&b, "3600"), "in 1 h");
	assert_string_equal(until(&b, "30"), "in 1 min");
	assert_string_equal(until(&b, "0"), "in 0 min");
	assert_string_equal(until(&b, NULL), "");
	buf_free(&b);
}

/* the lines, "Label: value" one a line */
static void
collect(void *ctx, const char *label, const char *value, enum sla_line kind)
{
	(void)kind;
	buf_addf(ctx, "%s: %s\n", label, value);
}

static const char *
card_text(struct kam_buf *b, const char *const *set)
{
	struct sla_card c = { { 0 } };

	c.field[SLA_ACCOUNT] = (char *)"Nordwind";
	c.field[SLA_STATE] = (char *)"valid";
	c.field[SLA_NAME] = (char *)"Gold";
	c.field[SLA_HOURS] = (char *)"Mon-Fri 08:00-17:00";
	c.field[SLA_TIME_ZONE] = (char *)"Europe/Berlin";
	c.field[SLA_LOCAL_NOW] = (char *)"Mon 14:50";
	for (; set[0] != NULL; set += 2)
		c.field[strtol(set[0], NULL, 10)] = (char *)set[1];
	buf_reset(b);
	sla_card_lines(&c, collect, b);
	return b->data;
}

static void
test_open_closed_due(void **state)
{
	struct kam_buf b;
	char o[8], ch[8], in[8], ct[8], rt[8], st[8], hd[8], rh[8];
	const char *open[] = { o, "t", ch, "17:00", in, "7800", rt, "15:50",
	    st, "Wed 10:00", hd, "Christmas Day, Fri 2026-12-25", NULL };
	const char *closed[] = { o, "f", ch, "Mon 08:00", in, "97200", ct,
	    "Mon 07:00", rt, "Mon 09:00", rh, "Mon 08:00", NULL };
	const char *always[] = { o, "t", NULL };

	(void)state;
	snprintf(o, sizeof o, "%d", SLA_OPEN_NOW);
	snprintf(ch, sizeof ch, "%d", SLA_CHANGE_THERE);
	snprintf(ct, sizeof ct, "%d", SLA_CHANGE_HERE);
	snprintf(in, sizeof in, "%d", SLA_CHANGE_IN);
	snprintf(rt, sizeof rt, "%d", SLA_RESPONSE_THERE);
	snprintf(rh, sizeof rh, "%d", SLA_RESPONSE_HERE);
	snprintf(st, sizeof st, "%d", SLA_RESOLUTION_THERE);
	snprintf(hd, sizeof hd, "%d", SLA_HOLIDAY);
	buf_init(&b);
	assert_non_null(strstr(card_text(&b, open), "Support hours: Mon-Fri "
	    "08:00-17:00 Europe/Berlin\nSupport now: OPEN now, closes 17:00 "
	    "(in 2 h 10 min); Mon 14:50 there\nTicket now: first response by "
	    "15:50, resolution by Wed 10:00\nNext holiday: Christmas Day, Fri "
	    "2026-12-25\n"));
	assert_non_null(strstr(card_text(&b, closed), "Support now: CLOSED, "
	    "opens Mon 08:00 (Mon 07:00 here, in 1 d 3 h); Mon 14:50 there\n"
	    "Ticket now: first response by Mon 09:00 (Mon 08:00 here)\n"));
	assert_null(strstr(b.data, "Next holiday"));
	assert_non_null(strstr(card_text(&b, always), "Support now: OPEN now, "
	    "around the clock; Mon 14:50 there\n"));
	assert_null(strstr(b.data, "Ticket now"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_to_come),
		cmocka_unit_test(test_open_closed_due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
