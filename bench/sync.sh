# bench/run sync: kam --sync of a million orders from the fake ERP (native
# profile, 1 000 records a page, loopback) into an empty database, and
# again after 10 % of them changed, against psql \copy of the same rows
# from CSV into an equally empty database (sourced by bench/run).
#
# BENCH_SYNC_ORDERS sets another number of orders.

orders=${BENCH_SYNC_ORDERS:-1000000}
customers=10000
port_file=$BENCH_DIR/erp.port

bench_fresh_db kam_sync
bench_fresh_db kam_copy
pgc_sync_login erpsync -d postgres

rm -f "$port_file"
"${PYTHON3:-python3}" tests/erp/fake_erp.py serve --style native \
    --port-file "$port_file" --parent-pid $$ --token bench-token \
    --customers "$customers" --contacts 0 --orders "$orders" --invoices 0 \
    --max-limit 1000 >/dev/null &
fake=$!
trap 'kill $fake 2>/dev/null' EXIT
for _ in $(seq 300); do [ -s "$port_file" ] && break; sleep 0.1; done
[ -s "$port_file" ] || { echo "bench: the fake ERP did not start" >&2; exit 69; }
printf '[erp]\npage_size = 1000\n' > "$BENCH_DIR/sync.conf"
export KAM_ERP_URL=http://127.0.0.1:$(cat "$port_file")
export KAM_ERP_TOKEN=bench-token KAM_ERP_PROFILE=$PWD/profiles/native.json
export KAM_CONFIG=$BENCH_DIR/sync.conf
echo "sync: $orders orders of $customers customers from the fake ERP" >&2

PGUSER=erpsync PGDATABASE=kam_sync "$KAM" --sync --resource customers >/dev/null
PGUSER=erpsync PGDATABASE=kam_sync best_of 1 first "$KAM" --sync --resource orders
[ "$("$PSQL" -X -At -d kam_sync -c 'SELECT count(*) FROM kam.erp_order')" -eq "$orders" ] ||
    { echo "bench: the sync did not store every order" >&2; exit 70; }

# the baseline: the same rows, and the accounts they link to, by \copy
"$PSQL" -X -q -d kam_sync -c "\\copy (SELECT id, erp_id, name, currency FROM kam.account) to '$BENCH_DIR/accounts.csv' csv"
"$PSQL" -X -q -d kam_sync -c "\\copy (SELECT erp_id, account_id, number, order_date, amount, currency, status, deleted, erp_updated_at FROM kam.erp_order) to '$BENCH_DIR/orders.csv' csv"
"$PSQL" -X -q -d kam_copy -c "\\copy kam.account (id, erp_id, name, currency) from '$BENCH_DIR/accounts.csv' csv"
best_of 1 psql "$PSQL" -X -q -d kam_copy -c "\\copy kam.erp_order (erp_id, account_id, number, order_date, amount, currency, status, deleted, erp_updated_at) from '$BENCH_DIR/orders.csv' csv"

"${PYTHON3:-python3}" tests/erp/fake_erp.py ctl --port-file "$port_file" mutate \
    '{"op": "touch", "resource": "orders", "fraction": 0.1}' >/dev/null
PGUSER=erpsync PGDATABASE=kam_sync best_of 1 again "$KAM" --sync --resource orders
changed=$((orders / 10))

printf '\n%-36s %9s %9s %7s\n' "sync of orders" "kam" "psql" "ratio"
printf '%-36s %8ss %8ss %7s  (target <= 4)\n' "$orders into an empty database" \
    "$first_s" "$psql_s" "$(ratio "$first_s" "$psql_s")"
printf '%-36s %9s  (target >= 50000)\n' "kam records/s, first run" \
    "$(awk -v n="$orders" -v s="$first_s" 'BEGIN { printf "%.0f", n / s }')"
printf '%-36s %8ss  (%s records/s)\n' "again, $changed changed" "$again_s" \
    "$(awk -v n="$changed" -v s="$again_s" 'BEGIN { printf "%.0f", n / s }')"
printf '%-36s %9s  (target <= 64 MiB)\n' "kam peak RSS, first run" "$(mib "$first_kb")"
printf '%-36s %9s\n' "kam peak RSS, again" "$(mib "$again_kb")"
rm -f "$BENCH_DIR/accounts.csv" "$BENCH_DIR/orders.csv" "$port_file"
