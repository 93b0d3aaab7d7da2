package p

type impl struct{ Name string }

func New() *impl { return &impl{} }
