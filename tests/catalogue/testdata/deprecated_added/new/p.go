package p

// F does nothing.
//
// Deprecated: use G.
func F() {}

// G is new.
func G() {}
