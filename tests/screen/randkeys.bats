#!/usr/bin/env bats
# Random keys (issue 12): kam under ASan and UBSan in tmux gets a few
# thousand steps drawn from its own key table (kam --help-keys), editing
# keys, text in several scripts and window resizes, as a user of the
# seed's choosing, on every screen and form the keys reach. A signal, a
# sanitizer report or a kam that stops reading keys fails the test, which
# then prints the seed and the steps that led there. A kam that quits
# (q, Esc on the list) is started again.
#   KAM_RANDKEYS_SEED     the seed (default: new each run, printed; under
#                         CI=true a fixed one, so that a landing does not
#                         hang on the draw: new seeds are for developers)
#   KAM_RANDKEYS_STEPS    steps at most (default 3000)
#   KAM_RANDKEYS_SECONDS  time at most (default 120)

bats_require_minimum_version 1.5.0

load hooks

load randkeys_run

@test "random keys, texts and resizes on every screen never crash kam" {
	local users=(anna anna bo sam kamadmin) sizes=(100x30 80x24 120x40)
	randkeys_setup
	export PGUSER=${users[RANDOM % ${#users[@]}]}
	size=${sizes[RANDOM % ${#sizes[@]}]}
	randkeys_run "${KAM_RANDKEYS_STEPS:-3000}" "${KAM_RANDKEYS_SECONDS:-120}"
}

# support starts on the queue (a page of tickets, live, Enter to an
# account): random keys from there, at the two sizes the queue is laid
# out for, a shorter run each
@test "random keys on the support queue, at 80x24 and at 120x40" {
	randkeys_setup
	export PGUSER=sam
	for size in 80x24 120x40; do
		randkeys_run "${KAM_RANDKEYS_STEPS:-600}" "${KAM_RANDKEYS_QUEUE_SECONDS:-30}"
	done
}

# account groups and teams (migrations 0049, 0050): every account of the
# fixture in one group of three levels, each with a service owner, so that
# whatever account the keys open shows its team and group, and t reaches
# the team's form
@test "random keys on accounts in groups with teams" {
	screen_sql "UPDATE kam.account c SET parent_id = p.id
	  FROM (VALUES ('C2', 'C1'), ('C3', 'C1'), ('C4', 'C2'), ('C5', 'C2'),
	               ('C6', 'C4'), ('C7', 'C3')) v (child, parent)
	  JOIN kam.account p ON p.erp_id = v.parent WHERE c.erp_id = v.child"
	screen_sql "INSERT INTO kam.team_member (account_id, role, person_id, deputy_id)
	  SELECT a.id, 'service_owner', s.id, b.id FROM kam.account a,
	         kam.app_user s, kam.app_user b
	   WHERE a.erp_id ~ '^C[0-9]$' AND s.role_name = 'sam' AND b.role_name = 'bo'"
	randkeys_setup
	export PGUSER=anna
	for size in 80x24 120x40; do
		randkeys_run "${KAM_RANDKEYS_STEPS:-600}" "${KAM_RANDKEYS_QUEUE_SECONDS:-30}"
	done
}

randkeys_open_announcement() {
	screen_keys V
	screen_wait "Random keys"
	screen_keys R
	screen_wait "Announcement: Random keys"
}

# the announcement (R on a topic of the cloud): every feedback entry on
# one topic, so that the cloud's first word is one to announce on; each
# run (and each start again) begins in the announcement's editor
@test "random keys in the announcement, at 80x24 and at 120x40" {
	screen_sql "INSERT INTO kam.topic (name, status) VALUES ('Random keys', 'curated')"
	screen_sql "UPDATE kam.interaction SET topic_ids = ARRAY(SELECT id FROM
	  kam.topic WHERE name = 'Random keys') WHERE feedback <> 'none'"
	randkeys_setup
	export PGUSER=anna RANDKEYS_OPEN=randkeys_open_announcement
	for size in 80x24 120x40; do
		randkeys_run "${KAM_RANDKEYS_STEPS:-600}" "${KAM_RANDKEYS_QUEUE_SECONDS:-30}"
	done
}

randkeys_open_portfolio() {
	screen_keys p
	screen_wait "Portfolio: "
}

# the portfolio (migration 0062 reads a page of it at a time, G its last
# page alone, backwards): each run (and each start again) begins on it,
# with more accounts than a page, so that j, G, g, PgUp and the sorts
# page both ways
@test "random keys on the portfolio, at 80x24 and at 120x40" {
	randkeys_setup
	export PGUSER=anna RANDKEYS_OPEN=randkeys_open_portfolio
	for size in 80x24 120x40; do
		randkeys_run "${KAM_RANDKEYS_STEPS:-600}" "${KAM_RANDKEYS_QUEUE_SECONDS:-30}"
	done
}
