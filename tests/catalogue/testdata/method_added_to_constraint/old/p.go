package p

func F[T interface{ M() }](x T) {}
