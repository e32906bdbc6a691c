/*
 * term-probe.c - can this terminal type draw the workbench?  Kept apart
 * because <term.h> defines a macro for every terminfo capability (lines,
 * columns, ...), which must not leak into the rest of the TUI.
 */
#include "config.h"

#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "tui/term-probe.h"
#include "util/err.h"

int
tui_term_usable(const char *term, struct rd_err *err)
{
	TERMINAL *probe;
	const char *cup;
	int usable, errret = 0;

	/* With an error pointer setupterm reports instead of exiting. */
	if (setupterm(term, STDOUT_FILENO, &errret) != OK)
		return rd_err_set(err, RD_EUSAGE, "unknown terminal type "
		    "\"%s\"; use --report for headless output", term);
	cup = tigetstr("cup");
	usable = cup != NULL && cup != (const char *)-1;
	probe = set_curterm(NULL);
	del_curterm(probe);
	if (!usable)
		return rd_err_set(err, RD_EUSAGE, "terminal type \"%s\" cannot "
		    "move the cursor; the workbench needs a full-screen "
		    "terminal (or use --report)", term);
	return 0;
}
