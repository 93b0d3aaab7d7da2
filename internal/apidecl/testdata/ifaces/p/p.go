package p

// Sealed can only be implemented in p: Impl does.
type Sealed interface {
	M()
	sealed()
}

type Impl struct{}

func (Impl) M()      {}
func (Impl) sealed() {}

type Open interface {
	Sealed
	N(x int) (string, error)
}

// V's unnamed interface: cmd/api prints only the method names.
var V interface{ M(int) string }

type C interface {
	~int | ~string
	comparable
}
