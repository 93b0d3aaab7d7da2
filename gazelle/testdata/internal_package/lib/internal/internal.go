package internal

func F() {}
