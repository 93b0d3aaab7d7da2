package p

func F[T ~int](x T) T { return x }
