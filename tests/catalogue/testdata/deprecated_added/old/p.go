package p

func F() {}

// G is new.
func G() {}
