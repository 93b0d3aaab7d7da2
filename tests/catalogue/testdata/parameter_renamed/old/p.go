package p

func F(a int) int { return a }
