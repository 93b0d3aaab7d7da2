package p

type I interface {
	M()
	m()
}

type impl struct{}

func (impl) M() {}
func (impl) m() {}

func New() I { return impl{} }
