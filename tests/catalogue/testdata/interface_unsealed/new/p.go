package p

type I interface{ M() }

type T struct{}

func (T) M() {}
func (T) m() {}
