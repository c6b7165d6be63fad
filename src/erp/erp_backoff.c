#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "erp_backoff.h"
#include "kam/date.h"

long
erp_backoff_ms(int attempt, long retry_after_ms, double jitter01)
{
	long ceiling = ERP_BACKOFF_BASE_MS, delay;

	for (int i = 1; i < attempt && ceiling < ERP_BACKOFF_CAP_MS; i++)
		ceiling *= 2;
	if (ceiling > ERP_BACKOFF_CAP_MS)
		ceiling = ERP_BACKOFF_CAP_MS;
	if (jitter01 < 0 || jitter01 >= 1)
		jitter01 = 0;
	delay = (long)(jitter01 * (double)ceiling);
	return retry_after_ms > delay ? retry_after_ms : delay;
}

static int
month_number(const char *m)
{
	static const char names[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

	for (int i = 0; i < 12; i++)
		if (strncmp(names + 3 * i, m, 3) == 0)
			return i + 1;
	return 0;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" (the IMF-fixdate of RFC 9110) */
static long
http_date_ms(const char *v, time_t now)
{
	char wday[4], mon[4], gmt[4];
	int day, year, h, m, s, n = 0;
	struct kam_date d;
	long long at;

	if (sscanf(v, "%3s, %2d %3s %4d %2d:%2d:%2d %3s%n", wday, &day, mon, &year,
	    &h, &m, &s, gmt, &n) != 8 || v[n] != '\0' || strcmp(gmt, "GMT") != 0)
		return -1;
	d = (struct kam_date){ year, month_number(mon), day };
	if (!date_valid(d.year, d.month, d.day) || h > 23 || m > 59 || s > 60)
		return -1;
	at = (long long)date_to_days(d) * 86400 + h * 3600 + m * 60 + s;
	return at <= (long long)now ? 0 :
	    (at - now > 86400 * 30 ? 86400L * 30 * 1000 : (long)(at - now) * 1000);
}

long
erp_retry_after_ms(const char *v, time_t now)
{
	char *end;
	long secs;

	if (v == NULL)
		return -1;
	while (*v == ' ')
		v++;
	if (*v >= '0' && *v <= '9') {
		secs = strtol(v, &end, 10);
		while (*end == ' ' || *end == '\r' || *end == '\n')
			end++;
		if (*end != '\0')
			return -1;
		return secs > 86400 * 30 ? 86400L * 30 * 1000 : secs * 1000;
	}
	return http_date_ms(v, now);
}
