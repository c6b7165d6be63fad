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
"       kam --db migrate | status\n"
"       kam --db add-user ROLE --kind manager|support|admin [--team T]\n"
"                              --name \"Full Name\" [--email ADDRESS]\n"
"\n"
"Key account management for the terminal.\n"
"\n"
"Actions:\n"
"      --db migrate        apply pending schema migrations\n"
"      --db status         show who you are and which migrations are applied\n"
"      --db add-user ROLE  create a login and its kam user (administrators)\n"
"\n"
"Options:\n"
"  -c, --config FILE       read FILE instead of the default kam.conf\n"
"  -d, --database CONNINFO connection string or URI (else PG* variables)\n"
"      --theme NAME        colour theme\n"
"  -v, --verbose           say more (repeat for more)\n"
"  -h, --help              show this help\n"
"  -V, --version           show the version\n"
"\n"
"Exit status follows sysexits(3): 0 ok, 64 usage, 65 bad data,\n"
"69 database unavailable, 77 permission denied, 78 bad configuration.\n"
"See kam(1) and kam.conf(5).\n", stdout);
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
