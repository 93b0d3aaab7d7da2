package p

type i32 = int32

func F(x i32) {}
