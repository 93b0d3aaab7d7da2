package p

func F[T ~string | ~int](x T) T { return x }
