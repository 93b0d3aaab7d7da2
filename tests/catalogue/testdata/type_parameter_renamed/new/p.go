package p

func F[E any](x E) {}
