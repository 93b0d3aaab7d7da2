package p

type T struct{}

func (t T) M(n int) {}
