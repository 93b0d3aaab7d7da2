package p

type I interface {
	M()
	m()
}

type T struct{}

func (T) M() {}
func (T) m() {}
