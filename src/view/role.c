/*
 * role.c: the one table of colour roles (role.h), degrading from 256
 * colours to 8 to monochrome (htop CRT.c colour schemes; tmux
 * tty_check_fg). Colour is never the only cue: the mono column keeps
 * roles apart with bold, dim, reverse and underline, and the ladders
 * differ in glyphs.
 */
#include "view/role.h"

#include <stddef.h>

static bool	has_sgr(const struct role_ent *, enum role_mode);

/*
 * TLS yellow is a true yellow: 226 (#ffff00), not 220 or 214 which read
 * as orange; in 8 colours the bright yellow (SGR 93; curses can only say
 * it with A_BOLD). Weak is orange, 208, and magenta in 8 colours: never
 * a yellow, which SPEC.md gives to TLS events. On the report's white
 * page yellow needs a darker shade and strength classes colour a cell's
 * background.
 */
static const struct role_ent roles[] = {
	/* role		256	8		bright	colour attributes
	 *		mono attributes			css */
	{ ROLE_NORMAL,	-1,	C8_DEFAULT,	false,	0,
			0,				NULL },
	{ ROLE_TCP,	33,	C8_BLUE,	false,	0,
			0,				"#0087ff" },
	{ ROLE_TLS,	226,	C8_YELLOW,	true,	0,
			ROLE_A_BOLD,			"#ffd700" },
	{ ROLE_BAD,	196,	C8_RED,		false,	ROLE_A_BOLD,
			ROLE_A_BOLD | ROLE_A_UNDERLINE,	"#d70000" },
	{ ROLE_DIM,	-1,	C8_DEFAULT,	false,	ROLE_A_DIM,
			ROLE_A_DIM,			"#9e9e9e" },
	{ ROLE_TITLE,	-1,	C8_DEFAULT,	false,	ROLE_A_BOLD,
			ROLE_A_BOLD,			NULL },
	{ ROLE_STATUS,	-1,	C8_DEFAULT,	false,	0,
			0,				NULL },
	{ ROLE_BORDER,	244,	C8_DEFAULT,	false,	0,
			0,				NULL },
	{ ROLE_FOCUS,	-1,	C8_DEFAULT,	false,	ROLE_A_BOLD,
			ROLE_A_BOLD,			NULL },
	{ ROLE_HEAD,	-1,	C8_DEFAULT,	false,	ROLE_A_BOLD,
			ROLE_A_BOLD,			NULL },
	{ ROLE_SELECT,	-1,	C8_DEFAULT,	false,	ROLE_A_REVERSE,
			ROLE_A_REVERSE,			NULL },
	{ ROLE_CHOSEN,	-1,	C8_DEFAULT,	false,
			ROLE_A_BOLD | ROLE_A_REVERSE,
			ROLE_A_BOLD | ROLE_A_REVERSE,	NULL },
	{ ROLE_SECURE,	34,	C8_GREEN,	false,	0,
			0,				"#d7f5d7" },
	{ ROLE_WEAK,	208,	C8_MAGENTA,	false,	0,
			ROLE_A_UNDERLINE,		"#ffd7a8" },
	{ ROLE_INSECURE, 196,	C8_RED,		false,	ROLE_A_BOLD,
			ROLE_A_BOLD | ROLE_A_UNDERLINE,	"#d70000" },
	{ ROLE_OK,	40,	C8_GREEN,	false,	0,
			0,				NULL },
	{ ROLE_MARK,	208,	C8_MAGENTA,	false,	ROLE_A_BOLD,
			ROLE_A_BOLD,			NULL },
	{ ROLE_KEY,	-1,	C8_DEFAULT,	false,	ROLE_A_BOLD,
			ROLE_A_BOLD,			NULL },
	{ ROLE_PROMPT,	-1,	C8_DEFAULT,	false,	ROLE_A_BOLD,
			ROLE_A_BOLD,			NULL },
};

enum role
role_event(const struct event *e)
{
	switch (e->type) {
	case EV_RST: case EV_ALERT: case EV_GAP:
		return ROLE_BAD;
	case EV_SYN: case EV_SYN_ACK: case EV_ACK: case EV_FIN:
	case EV_SEGMENT: case EV_QUIC_PACKET: case EV_DTLS_RECORD:
		return ROLE_TCP;
	case EV_QUIC_CLOSE:
		/* CONNECTION_CLOSE with an error: red; NO_ERROR: blue */
		return (e->flags & EVF_BAD) ? ROLE_BAD : ROLE_TCP;
	case EV_ENC_HANDSHAKE: case EV_ENC_ALERT: case EV_APPDATA:
	case EV_UNKNOWN_RECORD:
		return ROLE_DIM;
	default:
		return (e->flags & EVF_BAD) ? ROLE_BAD : ROLE_TLS;
	}
}

enum role
role_strength(enum suite_strength st)
{
	switch (st) {
	case STRENGTH_INSECURE:
		return ROLE_INSECURE;
	case STRENGTH_WEAK:
		return ROLE_WEAK;
	case STRENGTH_SECURE:
		return ROLE_SECURE;
	default:
		return ROLE_NORMAL;
	}
}

const struct role_ent *
role_entry(enum role r)
{
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (roles[i].role == r)
			return &roles[i];
	return &roles[0];
}

static bool
has_sgr(const struct role_ent *t, enum role_mode m)
{
	if (m == ROLE_MONO)
		return t->mono != 0;
	return t->attr != 0 || (m == ROLE_256 ? t->fg256 : t->fg8) >= 0;
}

void
role_sgr_on(struct buf *b, enum role r, enum role_mode m)
{
	static const struct { uint8_t a; char sgr; } attrs[] = {
		{ ROLE_A_BOLD, '1' }, { ROLE_A_DIM, '2' },
		{ ROLE_A_UNDERLINE, '4' }, { ROLE_A_REVERSE, '7' },
	};
	const struct role_ent *t = role_entry(r);
	uint8_t a = m == ROLE_MONO ? t->mono : t->attr;
	const char *sep = "";
	size_t i;

	if (!has_sgr(t, m))
		return;
	buf_adds(b, "\033[");
	for (i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (a & attrs[i].a) {
			buf_adds(b, sep);
			buf_addc(b, attrs[i].sgr);
			sep = ";";
		}
	if (m == ROLE_256 && t->fg256 >= 0)
		buf_addf(b, "%s38;5;%d", sep, t->fg256);
	else if (m == ROLE_8 && t->fg8 >= 0)
		buf_addf(b, "%s%d", sep, (t->bright8 ? 90 : 30) + t->fg8);
	buf_addc(b, 'm');
}

void
role_sgr_off(struct buf *b, enum role r, enum role_mode m)
{
	if (has_sgr(role_entry(r), m))
		buf_adds(b, "\033[0m");
}

const char *
role_css(enum role r)
{
	const char *css = role_entry(r)->css;

	return css != NULL ? css : "";
}
