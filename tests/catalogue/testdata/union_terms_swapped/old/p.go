package p

func F[T ~int | ~string](x T) T { return x }
