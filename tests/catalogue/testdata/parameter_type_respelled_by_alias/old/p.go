package p

func F(x int32) {}
