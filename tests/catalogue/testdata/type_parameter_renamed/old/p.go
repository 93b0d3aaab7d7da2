package p

func F[T any](x T) {}
