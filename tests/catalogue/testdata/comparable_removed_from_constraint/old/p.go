package p

func F[T comparable](x T) {}
