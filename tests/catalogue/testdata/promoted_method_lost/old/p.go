package p

type inner struct{}

func (inner) M() {}

type T struct{ inner }
