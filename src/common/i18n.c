/*
 * i18n.c: the message catalogue is bound once at startup.
 */
#include "common/i18n.h"

#include <locale.h>
#include <stdlib.h>

void
i18n_init(void)
{
	const char *dir = getenv("TLSHAKE_LOCALEDIR");

	setlocale(LC_ALL, "");
	/* Numbers keep their "." in every view, JSON above all. */
	setlocale(LC_NUMERIC, "C");
#if ENABLE_NLS
	bindtextdomain(PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
	/* JSON and HTML are UTF-8 whatever the locale's charset. */
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)dir;
#endif
}
