/* Whether a text is a phone number as kam takes one. The same rule holds
 * in the database (kam.phone_valid, migration 0019), so the form, the
 * ERP sync and psql all meet it. */
#ifndef KAM_PHONE_H
#define KAM_PHONE_H

#include <stdbool.h>

/* A number: an optional +, then a digit or "(", then digits and
 * ( ) - / . and spaces, 3 to 20 digits in all; then perhaps an
 * extension: x, ext, ext., extension or # (any case), spaces around it
 * allowed, and 1 to 6 digits. "+49 (0)30 1234-5678 ext. 12" */
bool	phone_valid(const char *s);

#endif
