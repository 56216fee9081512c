/*
 * i18n.h: translated messages (GNU gettext). The code holds English; the
 * catalogues under po/ give other languages, chosen by LANG, LC_ALL,
 * LC_MESSAGES and LANGUAGE. Only words for people are translated: JSON
 * keys, codes and registry names never change with the language.
 */
#ifndef TLSHAKE_COMMON_I18N_H
#define TLSHAKE_COMMON_I18N_H

#include "config.h"

#if ENABLE_NLS
#include <libintl.h>
#define _(s)	gettext(s)
#define P_N(s, p, n)	ngettext((s), (p), (n))
#else
#define _(s)	((const char *)(s))
#define P_N(s, p, n)	((n) == 1 ? (const char *)(s) : (const char *)(p))
#endif
/* N_ marks a string for the catalogue where it is defined (tables). */
#define N_(s)	s
/* P_ marks a singular and plural pair in a table of struct initialisers
 * with members "fmt" and "plural"; P_N translates it for a count. */
#define P_(s, p)	.fmt = s, .plural = p

/*
 * i18n_init sets the locale from the environment (LC_NUMERIC stays "C")
 * and binds the catalogue: $TLSHAKE_LOCALEDIR, else the installed one.
 */
void	i18n_init(void);

#endif /* TLSHAKE_COMMON_I18N_H */
