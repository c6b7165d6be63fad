# bench/run gen: the data generator's time for $accounts accounts, loaded
# with COPY into an empty database (sourced by bench/run).

bench_fresh_db kam_gen
echo "gen: loading $accounts accounts into an empty database" >&2
t=$(mktemp)
PGDATABASE=kam_gen /usr/bin/time -f '%e %M' -o "$t" \
    tests/gen/load --accounts "$accounts" --seed 1 --today 2026-11-22
read -r secs kb < "$t"
rm -f "$t"
PGDATABASE=kam_gen "$PSQL" -X -q -At -F ' ' -c "
	SELECT 'accounts', count(*) FROM kam.account UNION ALL
	SELECT 'contacts', count(*) FROM kam.contact UNION ALL
	SELECT 'interactions', count(*) FROM kam.interaction UNION ALL
	SELECT 'orders', count(*) FROM kam.erp_order UNION ALL
	SELECT 'invoices', count(*) FROM kam.erp_invoice" |
    while read -r what n; do printf '  %-13s %10d rows\n' "$what" "$n"; done
pgc_psql "$BENCH_DIR" -d postgres -c 'DROP DATABASE kam_gen' >/dev/null
printf 'gen: %d accounts generated and loaded in %s s (target 180 s), load script peak RSS %s\n' \
    "$accounts" "$secs" "$(mib "$kb")"
