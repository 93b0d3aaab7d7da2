package p

// F does nothing.
func F() {}
