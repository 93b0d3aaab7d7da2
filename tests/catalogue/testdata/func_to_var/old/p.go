package p

func F(x int) int { return x }
