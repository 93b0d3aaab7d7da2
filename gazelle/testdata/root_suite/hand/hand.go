package hand

// H is checked by a hand-written check.
func H() {}
