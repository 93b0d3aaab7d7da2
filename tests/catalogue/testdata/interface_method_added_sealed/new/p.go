package p

type I interface {
	M()
	N()
	m()
}

type impl struct{}

func (impl) M() {}
func (impl) N() {}
func (impl) m() {}

func New() I { return impl{} }
