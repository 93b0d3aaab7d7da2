package p

type T struct{ X int }

func (T) M() {}
