package x

func F() {}
