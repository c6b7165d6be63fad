/* The background sync's pipe: events and messages in pieces of any size,
 * overlong lines cut, and the outcome told in words. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>
#include <cmocka.h>

#include "sync_process.h"

/* A real wait status: a child that exits with code, or dies of sig. */
static int
wait_status(int code, int sig)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (sig != 0)
			raise(sig);
		_exit(code);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void
feed(struct bgsync *b, const char *s)
{
	bgsync_feed(b, s, strlen(s));
}

static void
assert_outcome(const struct bgsync *b, int status, bool error, const char *want)
{
	struct kam_buf out;

	buf_init(&out);
	assert_int_equal(bgsync_outcome(b, status, &out), error);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void
assert_progress(const struct bgsync *b, const char *want)
{
	struct kam_buf out;

	buf_init(&out);
	bgsync_progress(b, &out);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void
test_events_in_pieces(void **state)
{
	const char *all = "page\tcustomers\t1\t500\t2500\t0\n"
	    "kam: customers: the ERP answered HTTP 503; trying again in 0.4 s\n"
	    "page\torders\t3\t1500\t48000\t9000\n"
	    "done\tcustomers\t500\t20\t3\t477\t0\t0\n"
	    "done\torders\t1500\t1500\t0\t0\t2\t0\n";
	struct bgsync b;

	(void)state;
	for (size_t step = 1; step < 9; step++) {
		bgsync_init(&b);
		assert_progress(&b, "syncing: starting");
		for (size_t i = 0; i < strlen(all); i += step)
			bgsync_feed(&b, all + i, strlen(all) - i < step ? strlen(all) - i : step);
		assert_progress(&b, "syncing orders: 1500 records, 48000/s");
		assert_int_equal(b.nresources, 2);
		assert_int_equal(b.done.fetched, 2000);
		assert_int_equal(b.done.unchanged, 477);
		assert_string_equal(b.last.data,
		    "customers: the ERP answered HTTP 503; trying again in 0.4 s");
		assert_outcome(&b, wait_status(0, 0), false, "ERP sync done: 2000 "
		    "fetched, 1520 new, 3 updated, 2 deleted, 477 unchanged.");
		bgsync_free(&b);
	}
}

static void
test_record_errors_are_not_a_failure_of_the_run(void **state)
{
	struct bgsync b;

	(void)state;
	bgsync_init(&b);
	feed(&b, "kam: orders O1: customer_id: no customer C9 (yet); tried again next run\n"
	    "done\torders\t10\t9\t0\t0\t0\t1\n");
	assert_outcome(&b, wait_status(EX_DATAERR, 0), true, "ERP sync done: 10 "
	    "fetched, 9 new, 0 updated, 0 deleted, 0 unchanged; 1 refused (kam "
	    "--sync --status names them).");
	bgsync_free(&b);
}

static void
test_failures_in_words(void **state)
{
	struct bgsync b;

	(void)state;
	bgsync_init(&b);
	feed(&b, "kam: customers: the ERP refused the credentials (HTTP 401)\n"
	    "done\tcustomers\t0\t0\t0\t0\t0\t0\n"
	    "fail\tcustomers: the ERP refused the credentials (HTTP 401)\n");
	assert_outcome(&b, wait_status(EX_NOPERM, 0), true, "ERP sync failed: "
	    "customers: the ERP refused the credentials (HTTP 401)");
	bgsync_free(&b);

	/* before the run starts, kam says one thing and ends */
	bgsync_init(&b);
	feed(&b, "kam: another sync is running; try again when it has finished");
	bgsync_feed(&b, "\n", 1);
	assert_outcome(&b, wait_status(EX_TEMPFAIL, 0), true, "ERP sync failed: "
	    "another sync is running; try again when it has finished");
	bgsync_free(&b);

	bgsync_init(&b);
	assert_outcome(&b, wait_status(EX_SOFTWARE, 0), true,
	    "ERP sync failed (exit status 70).");
	assert_outcome(&b, wait_status(0, SIGKILL), true,
	    "ERP sync ended by signal 9.");
	bgsync_free(&b);
}

static void
test_stopped_on_request(void **state)
{
	struct bgsync b;

	(void)state;
	bgsync_init(&b);
	b.stopping = true;
	assert_progress(&b, "stopping the sync");
	feed(&b, "fail\tstopped before the end, as asked\n");
	assert_outcome(&b, wait_status(EX_TEMPFAIL, 0), false, "ERP sync stopped; "
	    "what it stored stays, and the next sync goes on from there.");
	bgsync_free(&b);
}

static void
test_long_lines_are_cut(void **state)
{
	char big[3 * BGSYNC_LINE_MAX];
	struct bgsync b;

	(void)state;
	memset(big, 'x', sizeof big);
	bgsync_init(&b);
	feed(&b, "kam: ");
	bgsync_feed(&b, big, sizeof big);
	feed(&b, "\nkam: short\n");
	assert_string_equal(b.last.data, "short");
	feed(&b, "kam: ");
	bgsync_feed(&b, big, sizeof big);
	feed(&b, "\n");
	assert_int_equal(b.last.len, BGSYNC_LINE_MAX - 5);
	bgsync_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events_in_pieces),
		cmocka_unit_test(test_record_errors_are_not_a_failure_of_the_run),
		cmocka_unit_test(test_failures_in_words),
		cmocka_unit_test(test_stopped_on_request),
		cmocka_unit_test(test_long_lines_are_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
