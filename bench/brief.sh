# bench/run brief: "kam --brief ACCOUNT -f pdf", the whole process, against
# groff alone on the same input (kam --brief -f ms), which is most of it
# (sourced by bench/run).

# Five accounts spread over the table with this year's plan, by id.
mapfile -t ids < <("$PSQL" -X -At -c "SELECT a.id FROM kam.account a
    JOIN kam.account_plan p ON p.account_id = a.id
     AND p.year = extract(year FROM current_date)
    ORDER BY a.id % 7919, a.id LIMIT 5")
[ ${#ids[@]} -gt 0 ] || { echo "brief: no account with this year's plan" >&2; exit 69; }
rounds=$((runs * 4))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for id in "${ids[@]}"; do "$KAM" --brief "$id" -f ms -o "$tmp/$id.ms"; done
echo "brief: ${#ids[@]} accounts, $rounds briefs each" >&2

# time_rounds CMD...: each account once a round; prints ms per brief
time_rounds() {
	local start end i id
	start=$(date +%s%N)
	for ((i = 0; i < rounds; i++)); do
		for id in "${ids[@]}"; do "$@" "$id" >/dev/null || return; done
	done
	end=$(date +%s%N)
	awk -v ns=$((end - start)) -v k=$((rounds * ${#ids[@]})) \
	    'BEGIN { printf "%.1f", ns / k / 1e6 }'
}
kam_pdf() { "$KAM" --brief "$1" -f pdf -o "$tmp/$1.pdf"; }
kam_ms() { "$KAM" --brief "$1" -f ms; }
# the arguments src/cli/brief.c gives groff
groff_pdf() { groff -Kutf8 -ms -Tpdf -dpaper=a4 -P-pa4 <"$tmp/$1.ms"; }

for f in kam_pdf kam_ms groff_pdf; do time_rounds "$f" >/dev/null; done
pdf_ms=$(time_rounds kam_pdf)
ms_ms=$(time_rounds kam_ms)
groff_ms=$(time_rounds groff_pdf)
printf '\n%-44s %8s\n' "one brief, whole process" "ms"
printf '%-44s %8s   (target <= 1000)\n' "kam --brief ID -f pdf -o FILE" "$pdf_ms"
printf '%-44s %8s\n' "kam --brief ID -f ms (the database's part)" "$ms_ms"
printf '%-44s %8s   ratio kam/groff %s\n' "groff -ms -Tpdf, the same input" \
    "$groff_ms" "$(ratio "$pdf_ms" "$groff_ms")"
