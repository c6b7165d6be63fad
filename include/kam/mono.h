/* A clock that never jumps (CLOCK_MONOTONIC), for timeouts, backoffs and
 * rates: a wall clock set back would stall them. */
#ifndef KAM_MONO_H
#define KAM_MONO_H

/* Milliseconds since some fixed moment. */
double	mono_ms(void);

#endif
