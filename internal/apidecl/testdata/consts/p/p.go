package p

// Untyped constants keep their kind (a float stays a float when integral) and exact value.
const (
	F    = 3.5
	F2   = 2.0
	N    = -7.0 / 2
	I    = 1 << 100
	R    = 'x'
	S    = "a\xffb"
	B    = true
	C    = 1 + 2i
	C0   = complex(1, 0)
	Huge = 1e300
	Tiny = 1e-300
)

type T int

// Typed constants keep their type; a float32's value is the rounded one.
const (
	TC T       = 5
	TF float32 = 0.1
)
