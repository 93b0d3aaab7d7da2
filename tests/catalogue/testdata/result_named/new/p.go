package p

func F() (err error) { return nil }
