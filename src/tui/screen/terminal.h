/* The terminal: curses on and off, restored however kam ends; signals as
 * a pipe for the loop; keys and the mouse read. */
#ifndef KAM_TUI_TERMINAL_H
#define KAM_TUI_TERMINAL_H

#include <stdbool.h>

#include "client.h"

bool	term_start(struct tui *t);
void	term_stop(void);
void	term_size(struct tui *t);
int	term_signal_fd(void);
/* The signals that arrived since the last call (SIGWINCH, SIGINT, ...). */
bool	term_take_signal(int *sig);
/* The next key typed (a code point, or KEYMAP_FKEY of a curses key);
 * false when none is waiting. */
bool	term_read_key(int *key);
/* What the mouse did, for the mouse key. */
enum term_mouse { MOUSE_NONE, MOUSE_WHEEL_UP, MOUSE_WHEEL_DOWN, MOUSE_CLICK };
enum term_mouse	term_mouse(int *y, int *x);
/* Hands the terminal to another program ($EDITOR) and takes it back. */
void	term_suspend(void);
void	term_resume(void);

#endif
