package p

func F[T interface {
	M()
	N()
}](x T) {
}
