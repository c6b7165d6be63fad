#include <stdarg.h>
#include <stdio.h>
#include <sysexits.h>

#include "config.h"
#include "kam/buf.h"
#include "kam/cli.h"
#include "kam/log.h"
#include "kam/migrate.h"

void
cli_usage(void)
{
	fputs(
"usage: kam [options]\n"
"       kam --export ENTITY [-f csv|tsv|json|jsonl] [-o FILE] [filters]\n"
"       kam --sla ACCOUNT [-f text|json] | kam --sla --open-now ACCOUNT\n"
"       kam --brief ACCOUNT [-f md|html|ms|pdf] [-o FILE]\n"
"       kam --due [-f text|json|tmux]\n"
"       kam --queue [-f text|json|tmux]\n"
"       kam --quality [-f text|csv|tsv|json|jsonl] [filters]\n"
"       kam --duplicates [-f text|csv|tsv|json|jsonl] [filters]\n"
"       kam --merge WINNER LOSER [--dry-run] | --unmerge MERGE-ID\n"
"       kam --merge-contact WINNER LOSER [--dry-run]\n"
"       kam --report portfolio|cadence|expiring|talks [-f text|csv|json]\n"
"                            [-o FILE] [filters]\n"
"       kam --voc [--since DATE] [--team TEAM] [-f text|json|tmux] [--watch]\n"
"       kam --announce TOPIC --since DATE [--team TEAM] --message FILE|-\n"
"                            [--dry-run] [-o CONTACTS.csv]\n"
"       kam --sync [--resource R] [--full [--force]] [--dry-run] | --status\n"
"       kam --import rates FILE [--dry-run]\n"
"       kam --import holidays FILE.ics --calendar NAME [--dry-run]\n"
"       kam --import feedback FILE --source NAME [--dry-run]\n"
"       kam --db migrate | status | reporting-currency [CODE]\n"
"       kam --db add-user ROLE --kind manager|support|admin [--team T]\n"
"                              --name \"Full Name\" [--email ADDRESS] [--adopt]\n"
"\n"
"Key account management for the terminal. Without an action, kam opens\n"
"the full-screen client (press ? there for its keys).\n"
"\n"
"Actions:\n"
"  -e, --export ENTITY     stream ENTITY: accounts, contacts, conditions,\n"
"                          service-levels, plans, actions, history, feedback,\n"
"                          orders, invoices, quality, findings, tickets,\n"
"                          duplicates, portfolio, cadence, expiring, talks\n"
"      --sla ACCOUNT       the service level card of ACCOUNT (id, ERP id\n"
"                          or name, accents and typos forgiven)\n"
"      --open-now ACCOUNT  with --sla: print nothing, exit 0 when support\n"
"                          is open now under ACCOUNT's service level, else 1\n"
"      --brief ACCOUNT     the one-page brief for ACCOUNT's annual talk:\n"
"                          master data, team, plan, revenue, conditions,\n"
"                          SLA, open feedback, last contacts and agenda\n"
"      --due               what is due for me: follow-ups, plan actions and\n"
"                          cadence breaches (contact, talk, renewal,\n"
"                          condition) of my accounts; tmux: one short line\n"
"      --queue             support's open tickets by their next due\n"
"                          milestone, at risk and breached marked; tmux:\n"
"                          \"3 at risk, 1 breached\"\n"
"      --quality           the data-quality findings and scores of the\n"
"                          accounts (--account, --owner, --team, --tier)\n"
"      --duplicates        candidate duplicate accounts and contacts, each\n"
"                          pair with its score and reasons, likeliest first\n"
"      --merge W L         merges account L into W (id, ERP id or name): all\n"
"                          L has moves to W, L stays as a pointer to W\n"
"      --merge-contact W L the same for two contacts of one account\n"
"      --unmerge ID        undoes merge ID exactly\n"
"      --report NAME       the portfolio's figures for scripts: portfolio,\n"
"                          cadence (alarms), expiring (conditions) or talks;\n"
"                          --team, --owner, --tier, --account choose\n"
"      --voc               the voice of the customer: topics raised since\n"
"                          --since (default -90d), by kind, and the open\n"
"                          items first due first; --team for one team;\n"
"                          tmux: \"3 open complaints, 1 overdue\"\n"
"      --watch             with --voc: the cloud full-screen for a wall,\n"
"                          read again as feedback changes; q quits\n"
"      --announce TOPIC    tell every customer who raised TOPIC since\n"
"                          --since (--team for one team) the --message\n"
"                          (a file, - for stdin): one outbound entry on\n"
"                          each account, their open items answered, in one\n"
"                          transaction; the contacts as CSV for a mail\n"
"                          merge; items not yours to answer listed;\n"
"                          --dry-run: who would be told, nothing written\n"
"      --sync              pull customers, contacts, orders and invoices\n"
"                          from the ERP (kam-erp(5))\n"
"      --db migrate        apply pending schema migrations\n"
"      --db status         show who you are and which migrations are applied\n"
"      --db add-user ROLE  create a login and its kam user (administrators)\n"
"      --db reporting-currency [CODE]  show, or set (administrators), the\n"
"                          currency that amounts of different currencies\n"
"                          are sorted, summed and compared in\n"
"      --import rates FILE exchange rates from CSV (date,currency,rate or\n"
"                          date,currency,quote,rate; - reads stdin), all or\n"
"                          nothing (administrators); --dry-run only checks\n"
"      --import holidays FILE --calendar NAME  a calendar's holidays from\n"
"                          iCalendar (recurring rules ten years either side\n"
"                          of today), all or nothing (administrators)\n"
"      --import feedback FILE --source NAME  survey or web-form answers\n"
"                          (CSV or JSON Lines, kam-feedback(5)) as feedback\n"
"                          on the accounts they match; again adds nothing\n"
"      --adopt             with add-user: make an existing bare login, not\n"
"                          made by kam, a kam user; its password untouched\n"
"\n"
"Export options:\n"
"  -f, --format FORMAT     csv (default), tsv, json or jsonl; text or json\n"
"                          for --sla; text, json or tmux for --due and\n"
"                          --queue; md (default), html, ms (groff input)\n"
"                          or pdf for --brief\n"
"  -o, --output FILE       write FILE: a regular file complete or not at\n"
"                          all, a pipe or device straight (kam(1))\n"
"      --account ACCOUNT   rows of one account (id, ERP id or name)\n"
"      --owner USER        rows of accounts USER owns\n"
"      --team TEAM         rows of TEAM's accounts\n"
"      --tier TIER         strategic, key or standard accounts\n"
"      --since DATE        from DATE on (YYYY-MM-DD, today, -30d, -2w, -1m)\n"
"      --until DATE        up to and including DATE\n"
"      --active            conditions and service levels valid today\n"
"      --expiring-within DAYS  conditions and service levels ending soon\n"
"      --columns A,B,C     these columns, in this order\n"
"      --no-header         CSV and TSV without the header line\n"
"      --raw               keep cells that a spreadsheet would run as formulas\n"
"\n"
"Sync options:\n"
"      --resource R        only customers, contacts, orders or invoices\n"
"      --full              everything, not just what changed; marks what the\n"
"                          ERP no longer has as deleted\n"
"      --force             with --full: even when that is more than 5 %\n"
"      --dry-run           fetch and count, change nothing\n"
"      --status            where each resource stands, and the last runs\n"
"      --progress-fd N     progress and outcome as lines on descriptor N,\n"
"                          for programs (kam-erp(5))\n"
"\n"
"Options:\n"
"  -c, --config FILE       read FILE instead of the default kam.conf\n"
"  -d, --database CONNINFO connection string or URI (else PG* variables)\n"
"      --theme NAME        colour theme\n"
"      --trace FILE        write timestamps of start, paints and keys to FILE\n"
"      --help-keys         the full-screen client's keys, as mdoc\n"
"  -v, --verbose           say more (repeat for more)\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version\n"
"\n"
"Exit status follows sysexits(3): 0 ok, 64 usage, 65 bad data,\n"
"66 no such account, 69 database or ERP unavailable, 73 cannot create\n"
"output, 74 I/O error, 75 try again later, 77 permission denied,\n"
"78 bad configuration.\n"
"See kam(1), kam.conf(5) and kam-erp(5).\n", stdout);
}

void
cli_version(void)
{
	printf("kam %s (schema version %d)\n", PACKAGE_VERSION, migrate_latest());
}

int
cli_usage_error(const char *fmt, ...)
{
	struct kam_buf msg;
	va_list ap;

	buf_init(&msg);
	va_start(ap, fmt);
	buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	log_warn("%s", msg.data);
	log_raw("Try 'kam --help' for more information.");
	buf_free(&msg);
	return EX_USAGE;
}
