/*
 * term-probe.h - whether a terminal type can draw the workbench.
 */
#ifndef RD_TUI_TERM_PROBE_H
#define RD_TUI_TERM_PROBE_H

struct rd_err;

/*
 * Whether terminal type term is known to terminfo and can address the
 * cursor (TERM=dumb cannot).  Returns 0, or -1 with err RD_EUSAGE naming
 * the terminal type.
 */
int tui_term_usable(const char *term, struct rd_err *err);

#endif
