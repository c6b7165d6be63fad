/* Amounts with their currency, and the currency codes (kam/money.h). */
#include <stdlib.h>
#include <string.h>

#include "kam/money.h"

/* Whether s is [-]digits[.digits]; the integer digits' place if so. */
static bool
plain_decimal(const char *s, size_t *int_start, size_t *int_len)
{
	size_t i = (*s == '-'), digits;

	*int_start = i;
	digits = strspn(s + i, "0123456789");
	*int_len = digits;
	if (digits == 0)
		return false;
	i += digits;
	if (s[i] == '.')
		i += 1 + strspn(s + i + 1, "0123456789");
	return s[i] == '\0';
}

static void
add_grouped(struct kam_buf *out, const char *num)
{
	size_t start, len;

	if (!plain_decimal(num, &start, &len)) {
		buf_adds(out, num);
		return;
	}
	buf_add(out, num, start);
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(out, ',');
		buf_addc(out, num[start + i]);
	}
	buf_adds(out, num + start + len);
}

void
money_format(struct kam_buf *out, const char *amount, const char *currency)
{
	if (amount == NULL)
		return;
	add_grouped(out, amount);
	if (currency != NULL && *currency != '\0') {
		buf_addc(out, ' ');
		buf_adds(out, currency);
	}
}

/* ISO 4217's active codes (the list of the ISO 4217 maintenance agency,
 * 2024), sorted for bsearch. */
static const char codes[][4] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN",
	"BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL",
	"BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY",
	"COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP",
	"ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD",
	"GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR",
	"IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF",
	"KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
	"LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR",
	"MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR",
	"NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
	"RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
	"SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
	"TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX",
	"USD", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF",
	"XPF", "YER", "ZAR", "ZMW", "ZWL",
};

static int
compare_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

bool
currency_known(const char *code)
{
	if (code == NULL || strlen(code) != 3)
		return false;
	return bsearch(code, codes, sizeof codes / sizeof codes[0],
	    sizeof codes[0], compare_code) != NULL;
}
