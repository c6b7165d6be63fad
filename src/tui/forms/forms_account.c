/* The account form: the fields kam owns (tier, owner, team, lifecycle,
 * status, industry, parent, notes, as 0003_security.sql lets managers
 * update them) over the ERP's, which it shows read only. How to define a
 * form: form.h. */
#include "form_view.h"

#include "kam/countof.h"

static const char *const tiers[] = {
	"strategic", "strategic", "key", "key", "standard", "standard", NULL,
};
static const char *const lifecycles[] = {
	"acquisition", "acquisition", "development", "development",
	"retention", "retention", NULL,
};
static const char *const statuses[] = {
	"active", "active", "at_risk", "at risk", "dormant", "dormant",
	"churned", "churned", NULL,
};

static const struct form_field_def fields[] = {
	{ "tier", "Tier", FT_CHOICE, FF_REQUIRED, .choices = tiers,
	  .hint = "strategic, key or standard" },
	{ "owner_id", "Owner", FT_PICK, 0, .pick = EP_USERS,
	  .hint = "a manager; the account must stay yours or your team's" },
	{ "team", "Team", FT_PICK, 0, .pick = EP_TEAMS,
	  .hint = "the managers' teams; Left and Right choose" },
	{ "lifecycle", "Lifecycle", FT_CHOICE, FF_REQUIRED, .choices = lifecycles },
	{ "status", "Status", FT_CHOICE, FF_REQUIRED, .choices = statuses },
	{ "industry", "Industry", FT_TEXT, 0, .maxlen = 200 },
	{ "parent_id", "Parent", FT_PICK, 0, .pick = EP_PARENTS,
	  .hint = "the account this one belongs to: its team's, or a group's head" },
	{ "notes", "Notes", FT_LONGTEXT, 0,
	  .hint = "Enter starts a new line, Ctrl-E opens your editor" },
	{ "name", "Name", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "legal_name", "Legal name", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "vat_id", "VAT id", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "erp_id", "ERP id", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "address", "Address", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "city", "City", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "country", "Country", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "credit_limit", "Credit limit", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "currency", "Currency", FT_TEXT, FF_ERP, .maxlen = 1000 },
	{ "payment_terms", "Payment terms", FT_TEXT, FF_ERP, .maxlen = 1000 },
};

static const char *
account_note(const struct form *f)
{
	(void)f;
	return "Master data, credit limit, payment terms and currency come from "
	    "the ERP: change them there.";
}

const struct form_def form_account = {
	"account", "Edit account", "Edit account", EE_ACCOUNT,
	fields, countof(fields), "Account saved.",
	NULL, NULL, account_note, EW_ACCOUNT_DUPLICATE,
	"This account looks like", FO_ACCOUNT,
};
