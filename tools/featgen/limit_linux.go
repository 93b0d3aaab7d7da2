package main

import "syscall"

// limitMemory bounds the address space of the process (the child that
// decodes export data), so that an allocation that corrupt data makes
// unbounded fails at once instead of exhausting the machine's memory.
func limitMemory() {
	lim := syscall.Rlimit{Cur: memoryLimit, Max: memoryLimit}
	var cur syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &cur) == nil && cur.Cur < lim.Cur {
		return // already tighter
	}
	syscall.Setrlimit(syscall.RLIMIT_AS, &lim)
}
