/* The special condition form: kind, title, value and unit, scope,
 * validity and who approved it. Before each save the database is asked
 * for conditions of the same kind whose validity overlaps; the user may
 * save anyway. How to define a form: form.h. */
#include <string.h>

#include "form_view.h"

#include "kam/countof.h"

static const char *const kinds[] = {
	"discount", "discount", "rebate", "rebate", "price_list", "price list",
	"warranty", "warranty", "payment_terms", "payment terms",
	"free_shipping", "free shipping", "other", "other", NULL,
};
static const char *const units[] = {
	"percent", "percent", "amount", "amount", "days", "days",
	"months", "months", NULL,
};

static const struct form_field_def fields[] = {
	{ "kind", "Kind", FT_CHOICE, FF_REQUIRED, .choices = kinds,
	  .initial = "discount", .hint = "Left and Right choose, a letter jumps" },
	{ "title", "Title", FT_TEXT, FF_REQUIRED, .maxlen = 200 },
	{ "value", "Value", FT_NUMBER, FF_NONNEG, .digits = 14, .scale = 4,
	  .hint = "a number like 12.5, with its unit; empty for none" },
	{ "unit", "Unit", FT_CHOICE, 0, .choices = units,
	  .hint = "percent, amount, days or months; none without a value" },
	{ "scope", "Scope", FT_TEXT, 0, .maxlen = 300,
	  .hint = "what it applies to: all products, spare parts, ..." },
	{ "valid_from", "Valid from", FT_DATE, FF_REQUIRED, .initial = "today",
	  .hint = "a date: 2026-01-01, today, +1m" },
	{ "valid_to", "Valid to", FT_DATE, 0,
	  .hint = "the last day it applies; empty: no end" },
	{ "approved_by", "Approved by", FT_PICK, 0, .pick = EP_USERS,
	  .hint = "Left and Right choose, a letter jumps" },
};

/* As the table's constraints say (value_has_unit, percent_range,
 * valid_range), before the database has to. */
static void
condition_check(struct form *f, const struct edit_row *row)
{
	const char *value = form_row_value(f, row, "value");
	const char *unit = form_row_value(f, row, "unit");

	form_check_both(f, row, "value", "unit");
	/* a decimal as form_value writes it: no leading zeros */
	if (value != NULL && unit != NULL && strcmp(unit, "percent") == 0 &&
	    strcspn(value, ".") >= 3 && strcmp(value, "100") != 0)
		form_set_error(f, "value", "is a percentage: at most 100");
	form_check_order(f, row, "valid_from", "valid_to", false);
}

const struct form_def form_condition = {
	"condition", "New special condition", "Edit special condition",
	EE_CONDITION, fields, countof(fields), "Condition saved.",
	condition_check, NULL, NULL, EW_CONDITION_OVERLAP,
	"Overlaps a condition of the same kind:", FO_NONE,
};
