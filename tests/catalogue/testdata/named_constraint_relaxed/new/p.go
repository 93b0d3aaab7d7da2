package p

type Number interface{ ~int | ~float64 | ~string }

func Sum[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}
