package p

type T struct{}

func (T) M(x int) {}
