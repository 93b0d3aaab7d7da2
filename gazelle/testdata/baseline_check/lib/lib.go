package lib

// F is exported.
func F() {}
