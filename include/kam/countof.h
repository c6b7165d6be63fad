/* The number of elements of an array (not of a pointer: the compiler
 * cannot tell them apart here, so use it on arrays only). */
#ifndef KAM_COUNTOF_H
#define KAM_COUNTOF_H

#define countof(a)	(sizeof (a) / sizeof (a)[0])

#endif
