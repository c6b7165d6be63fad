/* A new service level's time zone from its account's country: where
 * tzdata's zone.tab gives the country one zone, that zone; where it
 * gives several (DE: Europe/Berlin and Europe/Busingen), the user is
 * asked, the candidates named under the field; either way the note says
 * which file it came from. */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "kam/xalloc.h"
#include "kam/zonetab.h"

static void
name_candidates(struct kam_buf *note, const char *country,
    const struct zonetab *z, const char *path)
{
	buf_addf(note, "%s has %zu time zones in %s: ", country, z->n, path);
	for (size_t i = 0; i < z->n && i < ZONETAB_MAX; i++) {
		buf_addf(note, "%s%s", i ? ", " : "", z->zone[i]);
		if (z->comment[i] != NULL)
			buf_addf(note, " (%s)", z->comment[i]);
	}
	buf_adds(note, z->n > ZONETAB_MAX ? ", ...; type one" : "; type one");
}

void
form_zone_from_country(struct form_field *fl, const char *country)
{
	struct kam_buf path, note;
	struct zonetab z;

	if (country == NULL || fl->ed.text.len > 0 || form_field_dirty(fl))
		return;
	buf_init(&path);
	buf_init(&note);
	if (!zonetab_lookup(country, &z, &path))
		buf_addf(&note, "no zone.tab in %s to find %s's time zone: type one",
		    getenv("TZDIR") ? getenv("TZDIR") : "/usr/share/zoneinfo",
		    country);
	else if (z.n == 1) {
		textedit_set(&fl->ed, z.zone[0]);
		edit_str_set(&fl->base, fl->ed.text.data);
		buf_addf(&note, "the one time zone of %s in %s", country, path.data);
	} else if (z.n == 0)
		buf_addf(&note, "%s has no time zone in %s: type one", country,
		    path.data);
	else
		name_candidates(&note, country, &z, path.data);
	free(fl->note);
	fl->note = buf_detach(&note);
	zonetab_free(&z);
	buf_free(&path);
}
