//go:build !linux

package main

// limitMemory does nothing here: the operating system refuses an unbounded
// allocation by itself, and the child process still contains the crash.
func limitMemory() {}
