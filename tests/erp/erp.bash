# A fake ERP for one test file (bash; source it; it sources tests/lib/pg.bash).
# erp_start STYLE [fake_erp.py serve options] starts tests/erp/fake_erp.py
# on 127.0.0.1, on a port the system picks, and points kam at it through
# KAM_ERP_URL, KAM_ERP_PROFILE and KAM_ERP_TOKEN. The server exits with the
# process that started it, however that ends; erp_stop stops it at once.

. "${KAM_SRCDIR:?KAM_SRCDIR is not set}/tests/lib/pg.bash"

ERP_TOKEN=${ERP_TOKEN:-s3cr3t-T0KEN-never-shown}

# The usual test file: a throwaway cluster with the fixture, the sync login,
# and a fake ERP started with erp_start's arguments.
erp_file_start() {
	pg_test_start || return
	erp_sync_role || return
	erp_start "$@"
}

erp_file_stop() {
	erp_stop
	pg_test_stop
}

# Each test starts from the ERP's generated data and nothing synced, as
# the sync login.
erp_fresh() {
	erp_ctl reset >/dev/null
	erp_forget
	export PGUSER=erpsync
}

# sync [options]: kam --sync under bats' run, stdout and stderr apart;
# both are shown when the test fails.
sync() {
	run --separate-stderr "$KAM" --sync "$@"
	printf '%s\n' "$output" "$stderr"
}

erp_start() {
	local style=$1 i
	shift
	ERP_DIR=$(mktemp -d "${TMPDIR:-/tmp}/kam-erp.XXXXXX") || return
	"$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" serve --style "$style" \
	    --port-file "$ERP_DIR/port" --parent-pid "${ERP_OWNER:-$$}" \
	    --token "$ERP_TOKEN" "$@" >"$ERP_DIR/log" 2>&1 3>&- &
	ERP_PID=$!
	for i in $(seq 100); do
		[ -s "$ERP_DIR/port" ] && break
		kill -0 "$ERP_PID" 2>/dev/null || break
		sleep 0.1
	done
	[ -s "$ERP_DIR/port" ] || { cat "$ERP_DIR/log" >&2; return 1; }
	ERP_PORT=$(cat "$ERP_DIR/port")
	export ERP_DIR ERP_PID ERP_PORT
	export KAM_ERP_URL=http://127.0.0.1:$ERP_PORT
	case " $* " in *" --tls "*) KAM_ERP_URL=https://127.0.0.1:$ERP_PORT ;; esac
	export KAM_ERP_PROFILE=$KAM_SRCDIR/profiles/$style.json
	export KAM_ERP_TOKEN=$ERP_TOKEN
}

erp_stop() {
	[ -n "${ERP_PID:-}" ] || return 0
	kill "$ERP_PID" 2>/dev/null
	wait "$ERP_PID" 2>/dev/null || true
	rm -rf "$ERP_DIR"
	ERP_PID=
}

# erp_ctl fault|mutate|clear|log [JSON]: tells the running fake ERP.
erp_ctl() {
	local tls=
	case $KAM_ERP_URL in https:*) tls=--tls ;; esac
	"$PYTHON3" "$KAM_SRCDIR/tests/erp/fake_erp.py" ctl $tls --port-file "$ERP_DIR/port" "$@"
}

# A login that syncs: member of kam_sync and nothing else.
erp_sync_role() {
	PGUSER=postgres pgc_sync_login erpsync || return
	# in the pooled pass PgBouncer must learn of the new login (its
	# auth_file; kam-deploy(7))
	if [ -n "${PGB_PID:-}" ]; then
		. "$KAM_SRCDIR/tests/lib/pgbouncer.bash"
		pgb_start
	fi
}

# As if the lease a killed sync left had run out (it runs out by itself
# minutes after the sync's last page: src/erp/erp_sync.c lease_seconds).
erp_lease_expire() {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 "$@" -c "UPDATE kam.sync_lease
	    SET heartbeat_at = now() - interval '1 hour',
	        expires_at = now() - interval '1 second'" >/dev/null
}

# Forgets everything synced: ERP rows, marks and runs (kam's own data of
# the fixture stays).
erp_forget() {
	PGUSER=postgres psql -X -q -v ON_ERROR_STOP=1 <<'SQL'
CREATE TEMP TABLE synced AS SELECT id FROM kam.account
 WHERE erp_id IS NOT NULL AND erp_id NOT IN ('C1', 'C2', 'C3');
DELETE FROM kam.erp_invoice;
DELETE FROM kam.erp_order;
DELETE FROM kam.interaction WHERE account_id IN (SELECT id FROM synced);
DELETE FROM kam.service_level WHERE account_id IN (SELECT id FROM synced);
DELETE FROM kam.account_plan WHERE account_id IN (SELECT id FROM synced);
DELETE FROM kam.special_condition WHERE account_id IN (SELECT id FROM synced);
DELETE FROM kam.contact WHERE erp_id IS NOT NULL OR account_id IN (SELECT id FROM synced);
DELETE FROM kam.account WHERE id IN (SELECT id FROM synced);
DELETE FROM kam.sync_state;
DELETE FROM kam.sync_run;
DELETE FROM kam.sync_lease;
SQL
}

# ERP-owned data, one line per row, ordered: what two syncs must agree on.
erp_dump() {
	PGUSER=postgres psql -X -At -F '|' -v ON_ERROR_STOP=1 "$@" <<'SQL'
SELECT 'a', erp_id, name, legal_name, vat_id, country, city, address,
       payment_terms, credit_limit, currency, erp_updated_at, erp_deleted
  FROM kam.account WHERE erp_id NOT IN ('C1', 'C2', 'C3') ORDER BY erp_id;
SELECT 'c', c.erp_id, a.erp_id, c.name, c.job_title, c.email, c.phone,
       c.active, c.erp_updated_at
  FROM kam.contact c JOIN kam.account a ON a.id = c.account_id
 WHERE c.erp_id IS NOT NULL ORDER BY c.erp_id;
SELECT 'o', o.erp_id, a.erp_id, number, order_date, amount, o.currency,
       o.status, deleted, o.erp_updated_at
  FROM kam.erp_order o JOIN kam.account a ON a.id = o.account_id ORDER BY o.erp_id;
SELECT 'i', i.erp_id, a.erp_id, number, invoice_date, due_date, amount,
       open_amount, i.currency, i.status, deleted, i.erp_updated_at
  FROM kam.erp_invoice i JOIN kam.account a ON a.id = i.account_id ORDER BY i.erp_id;
SQL
}
