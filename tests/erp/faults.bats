#!/usr/bin/env bats
# An ERP that misbehaves: slow, failing, rate-limiting, cut off, sending
# HTML, duplicates, records that change while kam pages, bad records,
# huge answers and redirects elsewhere. kam retries what may pass, stops
# with a clear message and the right exit code on what will not, skips
# bad records, commits nothing half-done and never crashes.

bats_require_minimum_version 1.5.0

setup_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_start native --customers 10 --contacts 10 --orders 60 --invoices 10
}

teardown_file() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_file_stop
}

setup() {
	. "$KAM_SRCDIR/tests/erp/erp.bash"
	erp_fresh
	# small pages, so a fault can hit the middle of a stream
	export KAM_CONFIG=$BATS_TEST_TMPDIR/kam.conf
	printf '[erp]\npage_size = 7\ntimeout = 2\n' > "$KAM_CONFIG"
}

fault() {
	erp_ctl fault "$1" >/dev/null
}


complete() {
	PGUSER=postgres "$PYTHON3" "$KAM_SRCDIR/tests/erp/compare.py" "$KAM_ERP_URL" "$KAM_ERP_TOKEN"
}

@test "a slow answer times out and is asked again" {
	fault '{"kind": "latency", "ms": 3000, "times": 1, "resource": "orders", "page": 2}'
	sync
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"kam: orders: cannot reach the ERP: Operation timed out after"*"; trying again in "* ]]
	complete
}

@test "HTTP 500 is retried with backoff" {
	fault '{"kind": "status", "status": 500, "times": 2, "resource": "contacts"}'
	sync
	[ "$status" -eq 0 ]
	[ "$(grep -c 'contacts: the ERP answered HTTP 500: injected; trying again in' <<< "$stderr")" -eq 2 ]
	complete
}

@test "429 waits as long as Retry-After says" {
	fault '{"kind": "status", "status": 429, "retry_after": 2, "times": 1, "resource": "orders"}'
	start=$(date +%s%N)
	sync --resource customers
	sync --resource orders
	elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"orders: the ERP answered HTTP 429: injected; trying again in 2.0 s"* ]]
	[ "$elapsed" -ge 2000 ]
}

@test "a long Retry-After is 75 at once, an ERP that stays down 75 after 5 tries" {
	fault '{"kind": "status", "status": 429, "retry_after": 3600, "times": 1}'
	sync
	[ "$status" -eq 75 ]
	[[ "$stderr" == *"customers: the ERP answered HTTP 429: injected and asks to wait 3600 s; try again later"* ]]
	fault '{"kind": "status", "status": 503, "times": 0, "resource": "contacts"}'
	sync
	[ "$status" -eq 75 ]
	[[ "$stderr" == *"contacts: the ERP answered HTTP 503: injected (gave up after 5 tries)"* ]]
	[ "$(q "SELECT count(*) FROM kam.account WHERE erp_id LIKE 'C0%'")" -eq 10 ]
	[ "$(q "SELECT status || ': ' || error FROM kam.sync_run ORDER BY id DESC LIMIT 1")" = "failed: contacts: the ERP answered HTTP 503: injected (gave up after 5 tries)" ]
}

@test "other 4xx are not retried" {
	fault '{"kind": "status", "status": 404, "times": 1}'
	sync
	[ "$status" -eq 78 ]
	[[ "$stderr" == *"customers: the ERP has no such path (HTTP 404); check erp.base_url and the profile: injected"* ]]
	[[ "$stderr" != *"trying again"* ]]
	fault '{"kind": "status", "status": 400, "times": 1}'
	sync
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"the ERP refused the request (HTTP 400): injected"* ]]
	[ "$(erp_ctl log | grep -o '"path"' | wc -l)" -eq 2 ]
}

@test "an answer cut short is asked again" {
	fault '{"kind": "truncate", "times": 1, "resource": "orders", "page": 3}'
	sync
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"orders: cannot reach the ERP: transfer closed with "*" bytes remaining to read; trying again"* ]]
	complete
}

# The fake counts requests: the retries of kam's page 3 are its 4, 5, ...
cut_requests() {
	local pages=() p
	for p in "$@"; do
		pages+=("{\"kind\": \"truncate\", \"length\": false, \"resource\": \"orders\", \"page\": $p}")
	done
	fault "[$(IFS=,; echo "${pages[*]}")]"
}

@test "JSON cut short without a length is asked again (kam-erp(5))" {
	cut_requests 3 4
	sync
	[ "$status" -eq 0 ]
	[ "$(grep -c 'orders page 3: the answer ends in the middle of its JSON (truncated); trying again in' <<< "$stderr")" -eq 2 ]
	complete
}

@test "JSON cut short every time: given up after 5 tries, the pages before stay" {
	cut_requests 3 4 5 6 7
	sync
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"kam: orders page 3: the answer ends in the middle of its JSON (truncated) (gave up after 5 tries)"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 14 ]
	[ "$(q "SELECT count(*) FROM kam.erp_invoice")" -eq 0 ]
	sync
	[ "$status" -eq 0 ]
	complete
}

@test "an HTML page is refused, a bad gateway page retried" {
	fault '{"kind": "html", "status": 200, "times": 1, "resource": "invoices"}'
	sync
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"kam: invoices: the ERP sent an HTML page, not JSON (HTTP 200); is erp.base_url right?"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_invoice")" -eq 0 ]
	fault '{"kind": "status", "status": 502, "html": true, "times": 1, "resource": "invoices"}'
	sync
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"invoices: the ERP answered HTTP 502; trying again"* ]]
	[[ "$stderr" != *$'\e'* ]]
}

@test "garbage instead of JSON stops the run with 65" {
	fault '{"kind": "garbage", "times": 1, "resource": "customers"}'
	sync
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"customers page 1: the answer is not valid JSON (at byte "* ]]
	[ "$(q "SELECT count(*) FROM kam.account WHERE erp_id LIKE 'C0%'")" -eq 0 ]
}

@test "duplicates across pages are absorbed" {
	fault '{"kind": "duplicates", "count": 3, "times": 0, "resource": "orders"}'
	sync
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" == "orders    fetched "*", inserted 60, updated 0, unchanged "*", deleted 0, errors 0" ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 60 ]
	complete
}

@test "records that change while kam pages are not lost" {
	fault '{"kind": "changing", "count": 3, "times": 3, "resource": "orders"}'
	sync
	[ "$status" -eq 0 ]
	complete
	sync
	complete
}

@test "invalid UTF-8 in a record: that record is refused, the rest stored" {
	fault '{"kind": "invalid_utf8", "record": 2, "times": 1, "resource": "customers"}'
	sync --resource customers
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"kam: customers C00003: legal_name: is not valid UTF-8"* ]]
	[ "$(q "SELECT count(*) FROM kam.account WHERE erp_id LIKE 'C0%'")" -eq 9 ]
}

@test "wrong types: those records are refused, the rest stored" {
	fault '{"kind": "wrong_types", "record": 1, "times": 1, "resource": "orders"}'
	sync
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"kam: orders O0000002: amount: expected a decimal, got an object"* ]]
	[[ "$stderr" == *"kam: orders O0000003: updated_at: expected a time, got true"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 58 ]
	[ "$(q "SELECT errors FROM kam.sync_run")" -eq 2 ]
}

@test "a 10 MB field: that record is refused" {
	fault '{"kind": "huge_field", "mb": 10, "record": 0, "times": 1, "resource": "customers"}'
	sync --resource customers
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"kam: customers C00001: name: is 10485760 bytes long, more than kam stores (65536)"* ]]
	[ "$(q "SELECT count(*) FROM kam.account WHERE erp_id LIKE 'C0%'")" -eq 9 ]
}

@test "a 50 MB page is refused while it arrives" {
	fault '{"kind": "huge_page", "mb": 50, "times": 1, "resource": "contacts"}'
	sync
	[ "$status" -eq 65 ]
	[[ "$stderr" == *"kam: contacts: the answer is larger than 16 MB, more than kam takes in one page"* ]]
	[ "$(q "SELECT count(*) FROM kam.contact WHERE erp_id IS NOT NULL")" -eq 0 ]
}

@test "a redirect within the ERP is followed" {
	fault '{"kind": "redirect", "to": "same", "status": 307, "times": 2}'
	sync
	[ "$status" -eq 0 ]
	[ "$(erp_ctl log | grep -o '"path":"/moved/moved/customers' | wc -l)" -eq 1 ]
	complete
}

@test "a redirect to another host is not followed: the token stays home" {
	other=$BATS_TEST_TMPDIR/other
	"$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" serve --port-file "$other" \
	    --parent-pid $$ --token x >/dev/null 2>&1 3>&- &
	pid=$!
	for _ in $(seq 50); do [ -s "$other" ] && break; sleep 0.1; done
	fault "{\"kind\": \"redirect\", \"to\": \"http://127.0.0.1:$(cat "$other")\", \"times\": 1, \"resource\": \"orders\"}"
	sync
	asked=$("$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" ctl --port-file "$other" log)
	kill "$pid"
	[ "$asked" = "[]" ]
	[ "$status" -eq 69 ]
	[[ "$stderr" == *"kam: orders: the ERP redirected to http://127.0.0.1:$(cat "$other")/orders?"*", away from erp.base_url; kam does not follow, so the token stays there"* ]]
	[ "$(q "SELECT count(*) FROM kam.erp_order")" -eq 0 ]
}

@test "however bad the answers, kam never crashes" {
	for f in garbage html truncate huge_field invalid_utf8 wrong_types duplicates changing; do
		erp_ctl reset >/dev/null
		fault "{\"kind\": \"$f\", \"times\": 2, \"mb\": 1, \"length\": false}"
		run "$KAM" --sync
		[ "$status" -lt 128 ]
		[[ "$output" != *"Sanitizer"* ]]
	done
}
