package p

// F does nothing.
//
// Deprecated: use G.
func F() {}

func G() {}
