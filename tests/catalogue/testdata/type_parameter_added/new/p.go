package p

func F[T any, U any](x T) {}
