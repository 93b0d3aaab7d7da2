package p

// F does nothing at all, quickly.
func F() {}
