#ifndef PROCESS_HEAP_H
#define PROCESS_HEAP_H

/// Tunes glibc's heap for a process that lives tens of milliseconds (see process_heap.c).
/// Does nothing on other C libraries.
void kamaji_prepare_heap(void);

#endif
