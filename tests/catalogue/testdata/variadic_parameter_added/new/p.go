package p

func F(a int, rest ...int) {}
