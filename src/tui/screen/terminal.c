/* The terminal: curses on and off, and restored however kam ends. Signals
 * only write their number to a pipe that the main loop polls; fatal ones
 * put the terminal back with async-signal-safe calls and die as before. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "client.h"
#include "draw.h"
#include "keymap.h"
#include "terminal.h"

static int sig_pipe[2] = { -1, -1 };
static struct termios saved_tty;
static bool have_tty;
static char reset_seq[256];
static size_t reset_len;
static SCREEN *screen;

static const int quiet_signals[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

static void
on_signal(int sig)
{
	int saved = errno;
	unsigned char c = (unsigned char)sig;

	if (write(sig_pipe[1], &c, 1) < 0) {
		/* the pipe is full: the loop has plenty to read already */
	}
	errno = saved;
}

static void
on_fatal(int sig)
{
	if (reset_len > 0 && write(STDOUT_FILENO, reset_seq, reset_len) < 0) {
		/* nothing more can be done while dying */
	}
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = fn == on_signal ? SA_RESTART : SA_RESETHAND;
	sigaction(sig, &sa, NULL);
}

static void
add_cap(const char *name)
{
	char *s = tigetstr(name);
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

/* What a dying kam writes: leave the alternate screen, show the cursor,
 * plain attributes, mouse reporting off. */
static void
prepare_reset(void)
{
	static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";

	reset_len = 0;
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmcup");
	if (reset_len + sizeof mouse_off < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, mouse_off, sizeof mouse_off - 1);
		reset_len += sizeof mouse_off - 1;
	}
}

static bool
open_pipe(void)
{
	if (pipe(sig_pipe) != 0)
		return false;
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	return true;
}

/* Ctrl-S saves a form: the terminal must not take it for XOFF. Told to
 * curses as its program mode, so that it survives an $EDITOR. */
static void
no_flow_control(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &tio) != 0)
		return;
	tio.c_iflag &= ~(tcflag_t)IXON;
	tcsetattr(STDIN_FILENO, TCSANOW, &tio);
	def_prog_mode();
}

static void
curses_modes(const struct tui *t)
{
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	no_flow_control();
	if (t->conf->ui_mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
}

/* no-color.org: set and not empty */
static bool
no_color(void)
{
	const char *v = getenv("NO_COLOR");

	return v != NULL && *v != '\0';
}

bool
term_start(struct tui *t)
{
	if (!open_pipe())
		return false;
	have_tty = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
	for (size_t i = 0; i < sizeof quiet_signals / sizeof *quiet_signals; i++)
		set_handler(quiet_signals[i], on_signal);
	if ((screen = newterm(NULL, stdout, stdin)) == NULL)
		return false;
	prepare_reset();
	for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
		set_handler(fatal_signals[i], on_fatal);
	curses_modes(t);
	t->colour = has_colors() && !no_color();
	if (t->colour) {
		start_color();
		use_default_colors();
	}
	term_size(t);
	return true;
}

void
term_stop(void)
{
	if (screen != NULL) {
		mousemask(0, NULL);
		endwin();
		delscreen(screen);
		screen = NULL;
	}
	if (have_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals; i++)
		signal(fatal_signals[i], SIG_DFL);
	for (size_t i = 0; i < sizeof quiet_signals / sizeof *quiet_signals; i++)
		signal(quiet_signals[i], SIG_DFL);
	for (int i = 0; i < 2; i++)
		if (sig_pipe[i] >= 0)
			close(sig_pipe[i]);
	sig_pipe[0] = sig_pipe[1] = -1;
}

void
term_size(struct tui *t)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resize_term(ws.ws_row, ws.ws_col);
		/* the terminal kept, cut or moved what it showed in its own
		 * way: the next paint writes every cell, not what changed */
		clearok(curscr, TRUE);
	}
	t->rows = LINES;
	t->cols = COLS;
}

int
term_signal_fd(void)
{
	return sig_pipe[0];
}

bool
term_take_signal(int *sig)
{
	unsigned char c;

	if (read(sig_pipe[0], &c, 1) != 1)
		return false;
	*sig = c;
	return true;
}

/* The rest of an escape sequence curses did not know, already waiting
 * after the Esc: a control sequence (ECMA-48 5.4: ESC [ or ESC O, then
 * parameter and intermediate bytes up to one final byte 0x40-0x7E, as a
 * mouse report an unasked mode sends) or one Alt-modified key. */
static void
skip_sequence(wint_t first)
{
	wint_t wc = first;

	if (first != '[' && first != 'O')
		return;
	while (get_wch(&wc) == OK && !(wc >= 0x40 && wc <= 0x7e))
		continue;
}

/* An Esc that the next character follows at once (within the escape
 * delay curses already waited) began a sequence or an Alt key: that
 * is KEYMAP_UNKNOWN, never Esc, so it cannot go back or quit. */
bool
term_read_key(int *key)
{
	wint_t wc, next;
	int r = get_wch(&wc);

	if (r == ERR)
		return false;
	*key = r == KEY_CODE_YES ? KEYMAP_FKEY((int)wc) : (int)wc;
	if (*key == 27 && get_wch(&next) != ERR) {
		skip_sequence(next);
		*key = KEYMAP_UNKNOWN;
	}
	return true;
}

enum term_mouse
term_mouse(int *y, int *x)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return MOUSE_NONE;
	*y = ev.y;
	*x = ev.x;
	if (ev.bstate & BUTTON4_PRESSED)
		return MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		return MOUSE_WHEEL_DOWN;
#endif
	return ev.bstate & BUTTON1_PRESSED ? MOUSE_CLICK : MOUSE_NONE;
}

void
term_suspend(void)
{
	def_prog_mode();
	endwin();
}

/* The other program left the screen as it liked: every cell is
 * written again. */
void
term_resume(void)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
}
