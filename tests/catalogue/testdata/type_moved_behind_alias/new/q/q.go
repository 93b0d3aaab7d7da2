package q

type T struct{ X int }

func (T) M() {}
