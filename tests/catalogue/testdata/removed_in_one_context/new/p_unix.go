//go:build !windows

package p

func F() {}
