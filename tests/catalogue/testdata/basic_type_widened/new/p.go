package p

func F(x int64) {}
