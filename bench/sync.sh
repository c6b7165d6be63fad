# bench/run sync: kam --sync of a million orders from the fake ERP (1 000
# records a page, loopback) into an empty database, and again after 10 %
# of them changed, against psql \copy of the same rows from CSV into an
# equally empty database (sourced by bench/run). The first sync then runs
# again in the ERPNext and Business Central styles of the fake ERP, whose
# paging is safe but dearer, and each is set beside the native style.
#
# BENCH_SYNC_ORDERS sets another number of orders, BENCH_SYNC_STYLES the
# styles after native (default "erpnext business-central"; "" for none),
# BENCH_SYNC_CONNECTIONS kam's erp.connections (default kam's own).

orders=${BENCH_SYNC_ORDERS:-1000000}
styles=${BENCH_SYNC_STYLES-erpnext business-central}
customers=10000
port_file=$BENCH_DIR/erp.port
fake=

# start_erp STYLE: the fake ERP in STYLE serving the benchmark's records,
# and kam pointed at it with the profile of that style.
start_erp() {
	rm -f "$port_file"
	"${PYTHON3:-python3}" tests/erp/fake_erp.py serve --style "$1" \
	    --port-file "$port_file" --parent-pid $$ --token bench-token \
	    --customers "$customers" --contacts 0 --orders "$orders" --invoices 0 \
	    --max-limit 1000 >/dev/null &
	fake=$!
	for _ in $(seq 300); do [ -s "$port_file" ] && break; sleep 0.1; done
	[ -s "$port_file" ] || { echo "bench: the fake ERP did not start" >&2; exit 69; }
	export KAM_ERP_URL=http://127.0.0.1:$(cat "$port_file")
	export KAM_ERP_PROFILE=$PWD/profiles/$1.json
	# Business Central's base URL ends with the company
	[ "$1" != business-central ] || KAM_ERP_URL+=$("${PYTHON3:-python3}" -c \
	    'import sys; sys.path[0] = "tests/erp"; import fake_erp; print(fake_erp.BC_PREFIX.rstrip("/"))')
}

stop_erp() {
	[ -n "$fake" ] || return 0
	kill "$fake" 2>/dev/null
	wait "$fake" 2>/dev/null || true
	fake=
}
trap stop_erp EXIT

# first_sync STYLE VAR: a fresh kam_sync database, its customers, then the
# orders timed into VAR_s and VAR_kb.
first_sync() {
	bench_fresh_db kam_sync
	start_erp "$1"
	echo "sync: $orders orders of $customers customers, $1 style" >&2
	PGUSER=erpsync PGDATABASE=kam_sync "$KAM" --sync --resource customers >/dev/null
	PGUSER=erpsync PGDATABASE=kam_sync best_of 1 "$2" "$KAM" --sync --resource orders
	[ "$("$PSQL" -X -At -d kam_sync -c 'SELECT count(*) FROM kam.erp_order')" -eq "$orders" ] ||
	    { echo "bench: the $1 sync did not store every order" >&2; exit 70; }
}

records_s() {
	awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'
}

bench_fresh_db kam_copy
pgc_sync_login erpsync -d postgres
printf '[erp]\npage_size = 1000\n%s' \
    "${BENCH_SYNC_CONNECTIONS:+connections = $BENCH_SYNC_CONNECTIONS$'\n'}" > "$BENCH_DIR/sync.conf"
export KAM_ERP_TOKEN=bench-token KAM_CONFIG=$BENCH_DIR/sync.conf

first_sync native first

# the baseline: the same rows, and the accounts they link to, by \copy
"$PSQL" -X -q -d kam_sync -c "\\copy (SELECT id, erp_id, name, currency FROM kam.account) to '$BENCH_DIR/accounts.csv' csv"
"$PSQL" -X -q -d kam_sync -c "\\copy (SELECT erp_id, account_id, number, order_date, amount, currency, status, deleted, erp_updated_at FROM kam.erp_order) to '$BENCH_DIR/orders.csv' csv"
"$PSQL" -X -q -d kam_copy -c "\\copy kam.account (id, erp_id, name, currency) from '$BENCH_DIR/accounts.csv' csv"
best_of 1 psql "$PSQL" -X -q -d kam_copy -c "\\copy kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, deleted, erp_updated_at) from '$BENCH_DIR/orders.csv' csv"

"${PYTHON3:-python3}" tests/erp/fake_erp.py ctl --port-file "$port_file" mutate \
    '{"op": "touch", "resource": "orders", "fraction": 0.1}' >/dev/null
PGUSER=erpsync PGDATABASE=kam_sync best_of 1 again "$KAM" --sync --resource orders
changed=$((orders / 10))
stop_erp

for style in $styles; do
	first_sync "$style" "style_${style//-/_}"
	stop_erp
done

printf '\n%-36s %9s %9s %7s\n' "sync of orders" "kam" "psql" "ratio"
printf '%-36s %8ss %8ss %7s  (target <= 2)\n' "$orders into an empty database" \
    "$first_s" "$psql_s" "$(ratio "$first_s" "$psql_s")"
printf '%-36s %9s  (target >= 60000)\n' "kam records/s, first run" \
    "$(records_s "$orders" "$first_s")"
printf '%-36s %8ss  (%s records/s, target >= 50000)\n' "again, $changed changed" \
    "$again_s" "$(records_s "$changed" "$again_s")"
printf '%-36s %9s  (target <= 64 MiB)\n' "kam peak RSS, first run" "$(mib "$first_kb")"
printf '%-36s %9s\n' "kam peak RSS, again" "$(mib "$again_kb")"
for style in $styles; do
	v=style_${style//-/_}_s kb=style_${style//-/_}_kb
	printf '%-36s %8ss %9s %7s  (to native; target <= 1.3)\n' \
	    "first run, $style style" "${!v}" "" "$(ratio "${!v}" "$first_s")"
	printf '%-36s %9s  (%s records/s)\n' "kam peak RSS, $style style" \
	    "$(mib "${!kb}")" "$(records_s "$orders" "${!v}")"
done
rm -f "$BENCH_DIR/accounts.csv" "$BENCH_DIR/orders.csv" "$port_file"
