package p

func F() error { return nil }
