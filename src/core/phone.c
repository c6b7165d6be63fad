/* Phone numbers: the rule of kam/phone.h, read from the end so that the
 * extension is taken off first, as kam.phone_valid does in SQL. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "kam/phone.h"

/* Where the extension at the end of s[0..len) begins (its leading
 * spaces included), or len when there is none. */
static size_t
extension_start(const char *s, size_t len)
{
	static const char *const marks[] = { "extension", "ext.", "ext", "x", "#" };
	size_t end = len, digits = 0;

	while (end > 0 && isdigit((unsigned char)s[end - 1]) && digits < 7)
		end--, digits++;
	if (digits == 0 || digits > 6)
		return len;
	while (end > 0 && s[end - 1] == ' ')
		end--;
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		size_t n = strlen(marks[i]);

		if (end >= n && strncasecmp(s + end - n, marks[i], n) == 0) {
			end -= n;
			while (end > 0 && s[end - 1] == ' ')
				end--;
			return end;
		}
	}
	return len;
}

bool
phone_valid(const char *s)
{
	size_t len = extension_start(s, strlen(s)), digits = 0, i = 0;

	if (len > 0 && s[0] == '+')
		i++;
	if (i == len || !(isdigit((unsigned char)s[i]) || s[i] == '('))
		return false;
	for (; i < len; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (strchr(" ()-/.", s[i]) == NULL || s[i] == '\0')
			return false;
	}
	return digits >= 3 && digits <= 20;
}
