/* The client's clock: monotonic milliseconds, for timers and waits. */
#ifndef KAM_TUI_CLOCK_H
#define KAM_TUI_CLOCK_H

double	now_ms(void);

#endif
