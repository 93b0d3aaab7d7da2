package p

func F(a int) {}
